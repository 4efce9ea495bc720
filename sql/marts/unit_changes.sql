-- Units that ended: which unit each merged into, and when (villages, agencies, schools, communes).
select
    old.level,
    old.name as old_unit,
    new.name as new_unit,
    old.valid_to as effective_date,
    old.unit_code as old_unit_code,
    old.merged_into as new_unit_code
from staging.units as old
left join staging.units as new on new.unit_code = old.merged_into
where old.valid_to is not null
order by effective_date, level, old_unit
