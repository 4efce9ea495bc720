-- The posts assigned (biên chế được giao) to each payroll unit of the area at each snapshot of a period,
-- beside the people in post: the vacancies; the posts of the period's base year, of the unit and of the
-- units it carries on; the cut in assigned posts against them, and the Đề án target on that cut (the share
-- of the base that the assigned_posts_cut metric asks for), met or not. The cut in people is shown beside
-- it, not compared with it: the target is on posts.
with payroll_kinds as (
    select sector, unit_level, staff_type from staging.sectors where is_payroll
),

snapshots as (
    select s.period, s.sector, s.snapshot_date, d.baseline_date, p.posts_base_year
    from marts.staff_per_snapshot as s
    inner join marts.reporting_dates as d on d.period = s.period and d.sector = s.sector
    inner join staging.periods as p on p.period = s.period and p.sector = s.sector
    where s.is_payroll
),

units as (
    select distinct s.*, u.unit_code, u.level
    from snapshots as s
    inner join staging.area_units as a on a.period = s.period and a.day = s.snapshot_date
    inner join staging.units as u on u.unit_code = a.unit_code and in_force(u.valid_from, u.valid_to, s.snapshot_date)
    inner join payroll_kinds as k on k.sector = s.sector and k.unit_level = u.level
),

staff as (
    select a.period, p.sector, p.snapshot_date, p.unit_code, count(distinct p.person_key) as people
    from staging.personnel as p
    inner join staging.area_units as a on a.day = p.snapshot_date and a.unit_code = p.unit_code
    group by a.period, p.sector, p.snapshot_date, p.unit_code
),

posts as (
    select u.period, u.sector, u.snapshot_date, u.unit_code, sum(ap.assigned_posts) as assigned_posts
    from units as u
    inner join payroll_kinds as k on k.sector = u.sector and k.unit_level = u.level
    inner join staging.assigned_posts as ap
        on ap.unit_code = u.unit_code and ap.staff_type = k.staff_type and ap.year = year(u.snapshot_date)
    group by u.period, u.sector, u.snapshot_date, u.unit_code
),

-- The base-year posts of a unit: its own and those of the units it carries on that day; a unit carried on
-- by several shares its posts among them equally (the reference data says no more), so the district's
-- total is counted once.
successors as (
    select day, unit_code, count(*) as successors from staging.unit_successors group by day, unit_code
),

base_posts as (
    select
        u.period,
        u.sector,
        u.snapshot_date,
        u.unit_code,
        round(sum(ap.assigned_posts / n.successors), 1) as base_posts
    from units as u
    inner join staging.unit_successors as carried
        on carried.day = u.snapshot_date and carried.successor_code = u.unit_code
    inner join successors as n on n.day = carried.day and n.unit_code = carried.unit_code
    inner join payroll_kinds as k on k.sector = u.sector and k.unit_level = u.level
    inner join staging.assigned_posts as ap
        on ap.unit_code = carried.unit_code and ap.staff_type = k.staff_type and ap.year = u.posts_base_year
    group by u.period, u.sector, u.snapshot_date, u.unit_code
),

target_share as (
    select d.period, any_value(m.target_pct_of_baseline) as pct
    from marts.reporting_dates as d
    inner join staging.scorecard_metrics as m
        on m.metric = 'assigned_posts_cut' and in_force(m.valid_from, m.valid_to, d.as_of)
    group by d.period
)

select
    u.period,
    u.sector,
    u.level,
    u.unit_code,
    label.label_vi as unit,
    u.snapshot_date,
    year(u.snapshot_date) as year,
    p.assigned_posts,
    coalesce(s.people, 0) as staff,
    p.assigned_posts - coalesce(s.people, 0) as vacancies,
    u.posts_base_year as base_year,
    b.base_posts,
    b.base_posts - p.assigned_posts as posts_cut,
    ceil(t.pct / 100 * b.base_posts) as target_cut,
    b.base_posts - p.assigned_posts >= ceil(t.pct / 100 * b.base_posts) as target_met,
    coalesce(first_staff.people, 0) as staff_at_baseline,
    coalesce(first_staff.people, 0) - coalesce(s.people, 0) as staff_cut
from units as u
left join staging.unit_labels as label on label.unit_code = u.unit_code
left join staff as s
    on s.period = u.period and s.sector = u.sector and s.snapshot_date = u.snapshot_date and s.unit_code = u.unit_code
left join staff as first_staff
    on first_staff.period = u.period and first_staff.sector = u.sector
    and first_staff.snapshot_date = u.baseline_date and first_staff.unit_code = u.unit_code
left join posts as p
    on p.period = u.period and p.sector = u.sector and p.snapshot_date = u.snapshot_date and p.unit_code = u.unit_code
left join base_posts as b
    on b.period = u.period and b.sector = u.sector and b.snapshot_date = u.snapshot_date and b.unit_code = u.unit_code
left join target_share as t on t.period = u.period
where s.people is not null or p.assigned_posts is not null
order by u.period, u.sector, unit, u.snapshot_date
