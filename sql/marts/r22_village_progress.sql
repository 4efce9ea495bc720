-- Each village in the area at a period's as-of date (for the village-level non-specialized workers): the
-- people in its posts then (a person holding two posts counts once, as the rule counts people: "không quá
-- 03 người"), the posts, its quota in force that day and the people over it.
with dates as (
    select d.period, d.as_of
    from marts.reporting_dates as d
    inner join staging.sectors as s on s.sector = d.sector
    where s.staff_type = 'ncs' and s.unit_level = 'village'
),

villages as (
    select d.period, d.as_of, v.*
    from dates as d
    inner join staging.area_units as a on a.period = d.period and a.day = d.as_of
    inner join staging.units as v
        on v.unit_code = a.unit_code and v.level = 'village' and in_force(v.valid_from, v.valid_to, d.as_of)
),

workers as (
    select d.period, p.village_code, count(distinct p.person_key) as people, count(*) as posts
    from dates as d
    inner join staging.personnel as p
        on p.snapshot_date = d.as_of and p.staff_type = 'ncs' and p.unit_level = 'village'
    group by d.period, p.village_code
)

select
    v.period,
    c.label_vi as commune,
    v.commune_code,
    v.name as village,
    v.unit_code as village_code,
    v.kind as village_kind,
    v.households,
    coalesce(w.people, 0) as current_count,
    coalesce(w.posts, 0) as current_posts,
    q.quota,
    q.source as quota_source,
    case when q.quota is not null then greatest(coalesce(w.people, 0) - q.quota, 0) end as excess,
    coalesce(w.people, 0) <= q.quota as within_quota,
    v.as_of
from villages as v
left join staging.unit_labels as c on c.unit_code = v.commune_code
left join workers as w on w.period = v.period and w.village_code = v.unit_code
left join staging.quotas as q on q.day = v.as_of and q.unit_code = v.unit_code
order by v.period, commune, village
