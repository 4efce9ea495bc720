-- The staff of each sector in each period, in the period's area, at every snapshot with its lists from
-- its baseline to its as-of date (a later, incomplete snapshot is left out as reporting_dates leaves it
-- out): people (a person holding two posts counts once), posts, and the net reduction in people since the
-- baseline, snapshot by snapshot.
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
    first_value(c.staff) over (partition by c.period, c.sector order by c.snapshot_date) - c.staff
        as cut_since_baseline
from counts as c
inner join marts.reporting_dates as d
    on d.period = c.period and d.sector = c.sector and c.snapshot_date between d.baseline_date and d.as_of
inner join staging.sector_labels as s on s.sector = c.sector
order by c.period, c.sector, c.snapshot_date
