-- The staff of each sector in each period, in the period's area, at its baseline and at its as-of date:
-- people (a person holding two posts counts once) and posts, and the net reduction in people between
-- them (what left and moved out, less what joined and moved in: staff_flows says which).
with counts as (
    select
        a.period,
        p.sector,
        p.snapshot_date,
        count(distinct p.person_key) as people,
        count(*) as posts
    from staging.personnel as p
    inner join staging.area_units as a on a.day = p.snapshot_date and a.unit_code = p.unit_code
    group by a.period, p.sector, p.snapshot_date
),

sectors as (
    select
        sector,
        any_value(label_vi) as label_vi,
        any_value(label_en) as label_en,
        bool_or(is_payroll) as is_payroll
    from staging.sectors
    group by sector
)

select
    d.period,
    s.sector,
    s.label_vi,
    s.label_en,
    s.is_payroll,
    d.baseline_date,
    d.as_of,
    coalesce(b.people, 0) as baseline_count,
    coalesce(c.people, 0) as current_count,
    coalesce(b.people, 0) - coalesce(c.people, 0) as cut,
    coalesce(b.posts, 0) as baseline_posts,
    coalesce(c.posts, 0) as current_posts,
    d.note_vi
from marts.reporting_dates as d
inner join sectors as s on s.sector = d.sector
left join counts as b on b.period = d.period and b.sector = d.sector and b.snapshot_date = d.baseline_date
left join counts as c on c.period = d.period and c.sector = d.sector and c.snapshot_date = d.as_of
order by d.period, s.sector
