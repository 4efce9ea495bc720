-- Resolution 22 progress per commune and period, for the commune-level and the village-level
-- non-specialized workers: the people at the baseline and at the as-of date, the quota in force at the
-- as-of date (for the villages, the sum of the commune's villages' quotas, none while a village has none),
-- the cut required to reach it and the cut made. Workers count where their unit is carried on at the
-- as-of date: a merged village's workers under the village it merged into, a village moved to another
-- commune under that commune (as of the period's as-of date, not today's).
-- achieved_pct pools the commune: a village under its quota makes up for one over it.
-- achieved_pct_by_village does not: each village counts at least its own quota.
with ncs_dates as (
    select d.period, d.sector, s.unit_level as level, d.baseline_date, d.as_of
    from marts.reporting_dates as d
    inner join staging.sectors as s on s.sector = d.sector
    where s.staff_type = 'ncs' and s.unit_level in ('commune', 'village')
),

workers as (
    select
        n.period,
        n.level,
        p.snapshot_date = n.baseline_date as at_baseline,
        p.person_key,
        first(carried.successor_code order by carried.successor_code) as as_of_unit
    from ncs_dates as n
    inner join staging.personnel as p on p.sector = n.sector and p.snapshot_date in (n.baseline_date, n.as_of)
    inner join staging.area_units as a on a.period = n.period and a.day = p.snapshot_date and a.unit_code = p.unit_code
    inner join staging.unit_successors as carried on carried.day = n.as_of and carried.unit_code = p.unit_code
    group by n.period, n.level, at_baseline, p.person_key, p.unit_code
),

counts as (
    select
        w.period,
        w.level,
        u.commune_code,
        count(distinct w.person_key) filter (where w.at_baseline) as baseline_count,
        count(distinct w.person_key) filter (where not w.at_baseline) as current_count
    from workers as w
    inner join ncs_dates as n on n.period = w.period and n.level = w.level
    inner join staging.units as u on u.unit_code = w.as_of_unit and in_force(u.valid_from, u.valid_to, n.as_of)
    group by w.period, w.level, u.commune_code
),

communes as (
    select n.period, n.level, n.baseline_date, n.as_of, c.unit_code, c.name, c.kind, c.commune_type
    from ncs_dates as n
    inner join staging.area_units as a on a.period = n.period and a.day = n.as_of
    inner join staging.units as c
        on c.unit_code = a.unit_code and c.level = 'commune' and in_force(c.valid_from, c.valid_to, n.as_of)
),

village_quotas as (
    select
        period,
        commune_code,
        case when count(*) filter (where quota is null) = 0 then sum(quota) end as quota,
        sum(greatest(current_count, quota)) as capped_current
    from marts.r22_village_progress
    group by period, commune_code
),

progress as (
    select
        c.period,
        c.unit_code as commune_code,
        c.name as commune,
        c.kind as commune_kind,
        c.commune_type,
        c.level,
        c.baseline_date,
        c.as_of,
        coalesce(n.baseline_count, 0) as baseline_count,
        coalesce(n.current_count, 0) as current_count,
        case when c.level = 'commune' then cq.quota else vq.quota end as quota,
        case when c.level = 'commune' then coalesce(n.current_count, 0) else vq.capped_current end
            as capped_current
    from communes as c
    left join counts as n on n.period = c.period and n.level = c.level and n.commune_code = c.unit_code
    left join staging.quotas as cq on c.level = 'commune' and cq.day = c.as_of and cq.unit_code = c.unit_code
    left join village_quotas as vq on c.level = 'village' and vq.period = c.period and vq.commune_code = c.unit_code
)

select
    period,
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
    case when quota is not null then greatest(baseline_count - quota, 0) end as required_cut,
    baseline_count - current_count as actual_cut,
    case
        when baseline_count > quota then round(100.0 * (baseline_count - current_count) / (baseline_count - quota), 1)
    end as achieved_pct,
    case
        when baseline_count > quota then round(100.0 * (baseline_count - capped_current) / (baseline_count - quota), 1)
    end as achieved_pct_by_village
from progress
order by period, commune, level
