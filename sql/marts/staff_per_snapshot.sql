-- Staff per sector at every snapshot with lists of that sector, and the cut since the sector's
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
inner join marts.staff_cuts_by_sector as s on s.sector = c.sector
order by c.sector, c.snapshot_date
