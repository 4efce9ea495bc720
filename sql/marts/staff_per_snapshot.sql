-- The staff of each sector in each period at every snapshot with its lists, from its baseline to its
-- as-of date (a later, incomplete snapshot is left out as reporting_dates leaves it out), and the net
-- reduction since the baseline: the cuts as they happened, snapshot by snapshot.
with counts as (
    select
        a.period,
        p.sector,
        p.snapshot_date,
        count(distinct p.person_key) as staff,
        count(*) as posts
    from staging.personnel as p
    inner join staging.area_units as a on a.day = p.snapshot_date and a.unit_code = p.unit_code
    group by a.period, p.sector, p.snapshot_date
)

select
    c.period,
    c.sector,
    s.label_vi,
    s.label_en,
    s.is_payroll,
    c.snapshot_date,
    c.staff,
    c.posts,
    s.baseline_count - c.staff as cut_since_baseline
from counts as c
inner join marts.staff_cuts_by_sector as s
    on s.period = c.period and s.sector = c.sector and c.snapshot_date between s.baseline_date and s.as_of
order by c.period, c.sector, c.snapshot_date
