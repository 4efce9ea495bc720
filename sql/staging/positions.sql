-- Position titles with the staff type they make and the unit level they belong to, in force from
-- valid_from to the day before valid_to, everywhere or only in one area; what their holders leave for
-- when a title ends (a function handed to another body, a post abolished).
select
    title,
    title_key,
    staff_type,
    unit_level,
    cast(valid_from as date) as valid_from,
    cast(valid_to as date) as valid_to,
    area_code,
    ended_by,
    basis
from raw.positions
