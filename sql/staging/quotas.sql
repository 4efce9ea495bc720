-- The quota of non-specialized workers of each commune and village on each snapshot date: the
-- Resolution 22 quota in force where the district set one, else the national maximum in force for its
-- level and commune type; none where neither is in force (a gap in the reference data, not an error).
with norms as (
    select
        decree,
        level,
        cast(commune_type as integer) as commune_type,
        cast(max_posts as integer) as max_posts,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to
    from raw.ncs_norms
),

resolution_22 as (
    select
        unit_code,
        cast(quota as integer) as quota,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to
    from raw.r22_quotas
)

select
    d.day,
    u.unit_code,
    u.level,
    coalesce(r.quota, n.max_posts) as quota,
    case
        when r.quota is not null then 'định mức theo Nghị quyết 22'
        when n.max_posts is not null then 'mức tối đa theo Nghị định ' || n.decree
    end as source
from staging.snapshot_days as d
inner join staging.units as u on u.level in ('commune', 'village') and in_force(u.valid_from, u.valid_to, d.day)
left join resolution_22 as r on r.unit_code = u.unit_code and in_force(r.valid_from, r.valid_to, d.day)
left join norms as n
    on r.quota is null
    and n.level = u.level
    and n.commune_type is not distinct from (case when u.level = 'commune' then u.commune_type end)
    and in_force(n.valid_from, n.valid_to, d.day)
