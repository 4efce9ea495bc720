-- Position titles with the staff type they make and the unit level they belong to.
select
    title,
    title_key,
    staff_type,
    unit_level,
    cast(valid_from as date) as valid_from,
    cast(valid_to as date) as valid_to
from raw.positions
