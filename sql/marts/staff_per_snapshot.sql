-- Staff per sector at every snapshot with lists of that sector, from its baseline to its as-of date
-- (a later, incomplete snapshot is left out as reporting_dates leaves it out), and the cut since the
-- baseline: the cuts as they happened, snapshot by snapshot.
with counts as (
    select sector, snapshot_date, count(*) as staff
    from staging.personnel
    group by sector, snapshot_date
)

select
    c.sector,
    s.label_vi,
    s.label_en,
    s.is_payroll,
    c.snapshot_date,
    c.staff,
    s.baseline_count - c.staff as cut_since_baseline
from counts as c
inner join marts.staff_cuts_by_sector as s on s.sector = c.sector and c.snapshot_date <= s.as_of
order by c.sector, c.snapshot_date
