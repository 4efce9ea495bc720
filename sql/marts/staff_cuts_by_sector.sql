-- Staff per sector at its baseline and at the as-of date, and the cut between them.
with sectors as (
    select sector, any_value(label_vi) as label_vi, any_value(label_en) as label_en, bool_or(is_payroll) as is_payroll
    from staging.sectors
    group by sector
),

counts as (
    select p.sector, p.snapshot_date, count(*) as staff
    from staging.personnel as p
    group by p.sector, p.snapshot_date
)

select
    s.sector,
    s.label_vi,
    s.label_en,
    s.is_payroll,
    d.baseline_date,
    d.as_of,
    coalesce(b.staff, 0) as baseline_count,
    coalesce(c.staff, 0) as current_count,
    coalesce(b.staff, 0) - coalesce(c.staff, 0) as cut
from sectors as s
inner join marts.reporting_dates as d on d.sector = s.sector
left join counts as b on b.sector = s.sector and b.snapshot_date = d.baseline_date
left join counts as c on c.sector = s.sector and c.snapshot_date = d.as_of
order by s.sector
