-- Resolution 22 progress per commune, for its commune-level and its village-level non-specialized
-- workers: the count at the baseline and at the as-of date, the quota in force at the as-of date
-- (for villages, the sum over the commune's villages), the cut required to reach it and the cut made.
-- Counts follow mergers: a merged commune's or village's workers count where its successor is.
with ncs as (
    select
        p.unit_level as level,
        p.snapshot_date,
        d.baseline_date,
        d.as_of,
        s.successor_code as commune_code
    from staging.personnel as p
    inner join marts.reporting_dates as d on d.sector = p.sector
    inner join staging.unit_successors as s on s.unit_code = p.commune_code
    where p.staff_type = 'ncs' and p.unit_level in ('commune', 'village')
),

counts as (
    select
        level,
        commune_code,
        any_value(baseline_date) as baseline_date,
        any_value(as_of) as as_of,
        count(*) filter (where snapshot_date = baseline_date) as baseline_count,
        count(*) filter (where snapshot_date = as_of) as current_count
    from ncs
    group by level, commune_code
),

as_of as (
    select max(d.as_of) as as_of
    from marts.reporting_dates as d
    inner join staging.sectors as s on s.sector = d.sector
    where s.staff_type = 'ncs'
),

active as (
    select u.*
    from staging.units as u, as_of as a
    where u.valid_from <= a.as_of and (u.valid_to is null or u.valid_to > a.as_of)
),

quotas as (
    select q.*
    from staging.quotas as q, as_of as a
    where q.valid_from <= a.as_of and (q.valid_to is null or q.valid_to > a.as_of)
),

commune_quotas as (
    select 'commune' as level, q.unit_code as commune_code, q.quota
    from quotas as q
    inner join active as c on c.unit_code = q.unit_code and c.level = 'commune'
    union all
    select 'village' as level, v.commune_code, sum(q.quota) as quota
    from quotas as q
    inner join active as v on v.unit_code = q.unit_code and v.level = 'village'
    group by v.commune_code
),

progress as (
    select
        c.unit_code as commune_code,
        c.name as commune,
        c.kind as commune_kind,
        c.commune_type,
        levels.level,
        n.baseline_date,
        coalesce(n.as_of, a.as_of) as as_of,
        coalesce(n.baseline_count, 0) as baseline_count,
        coalesce(n.current_count, 0) as current_count,
        q.quota
    from active as c
    cross join as_of as a
    cross join (values ('commune'), ('village')) as levels (level)
    left join counts as n on n.commune_code = c.unit_code and n.level = levels.level
    left join commune_quotas as q on q.commune_code = c.unit_code and q.level = levels.level
    where c.level = 'commune'
)

select
    commune,
    commune_code,
    commune_kind,
    commune_type,
    level,
    baseline_date,
    as_of,
    baseline_count,
    current_count,
    quota,
    greatest(baseline_count - quota, 0) as required_cut,
    baseline_count - current_count as actual_cut,
    case
        when baseline_count > quota
            then round(100.0 * (baseline_count - current_count) / (baseline_count - quota), 1)
    end as achieved_pct
from progress
order by commune, level
