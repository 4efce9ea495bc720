-- Each village existing at the as-of date: its non-specialized workers then, its quota, and the
-- excess over the quota (the villages still to cut).
with as_of as (
    select max(d.as_of) as as_of
    from marts.reporting_dates as d
    inner join staging.sectors as s on s.sector = d.sector
    where s.staff_type = 'ncs' and s.unit_level = 'village'
),

villages as (
    select v.*
    from staging.units as v, as_of as a
    where v.level = 'village' and v.valid_from <= a.as_of and (v.valid_to is null or v.valid_to > a.as_of)
),

workers as (
    select p.village_code, count(*) as current_count
    from staging.personnel as p, as_of as a
    where p.staff_type = 'ncs' and p.unit_level = 'village' and p.snapshot_date = a.as_of
    group by p.village_code
),

quotas as (
    select q.unit_code, q.quota
    from staging.quotas as q, as_of as a
    where q.valid_from <= a.as_of and (q.valid_to is null or q.valid_to > a.as_of)
)

select
    c.name as commune,
    v.name as village,
    v.unit_code as village_code,
    v.kind as village_kind,
    v.households,
    coalesce(w.current_count, 0) as current_count,
    q.quota,
    greatest(coalesce(w.current_count, 0) - q.quota, 0) as excess,
    a.as_of
from villages as v
cross join as_of as a
inner join staging.units as c on c.unit_code = v.commune_code
left join workers as w on w.village_code = v.unit_code
left join quotas as q on q.unit_code = v.unit_code
order by commune, village
