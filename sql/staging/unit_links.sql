-- Which unit carries on which, from which day: a unit's merged_into (from the day its last version ends)
-- and the successions of reference/unit_successions.csv (a unit split, or handed over to several).
select distinct unit_code, successor_code, effective_date, basis
from (
    select unit_code, merged_into as successor_code, valid_to as effective_date, basis
    from staging.units
    where merged_into is not null and valid_to is not null
    union all
    select unit_code, successor_code, cast(effective_date as date) as effective_date, basis
    from raw.unit_successions
)
