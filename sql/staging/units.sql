-- Administrative units (province, district, commune, village) and organisational units (agencies,
-- schools) in one dated list: a row per version of a unit (one whose name, kind, parent or type changed
-- has several rows with the same code), each with the commune it belongs to in that version.
with written as (
    select
        unit_code, level, kind, name, name_key, name_fold, parent_code, commune_type, households,
        valid_from, valid_to, merged_into, basis
    from raw.admin_units
    union all
    select
        unit_code, level, kind, name, name_key, name_fold, parent_code, null, null,
        valid_from, valid_to, merged_into, basis
    from raw.org_units
)

select
    unit_code,
    level,
    kind,
    name,
    name_key,
    name_fold,
    parent_code,
    case when level = 'commune' then unit_code when level in ('village', 'school') then parent_code end
        as commune_code,
    cast(commune_type as integer) as commune_type,
    cast(households as integer) as households,
    cast(valid_from as date) as valid_from,
    cast(valid_to as date) as valid_to,
    merged_into,
    basis
from written
