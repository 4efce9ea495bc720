-- The quota of non-specialized posts of every commune and village on every day it applies: the
-- Resolution 22 quota where the district set one, else the national maximum for its level and type.
with norms as (
    select
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
    u.unit_code,
    u.level,
    coalesce(r.valid_from, n.valid_from, u.valid_from) as valid_from,
    coalesce(r.valid_to, n.valid_to) as valid_to,
    coalesce(r.quota, n.max_posts) as quota,
    case when r.quota is null then 'national maximum' else 'Resolution 22' end as source
from staging.units as u
left join resolution_22 as r on r.unit_code = u.unit_code
left join norms as n
    on r.quota is null
    and n.level = u.level
    and n.commune_type is not distinct from (case when u.level = 'commune' then u.commune_type end)
where u.level in ('commune', 'village') and coalesce(r.quota, n.max_posts) is not null
