-- How lists write a professional qualification (or how the text starts), and the level it is.
select written, written_key, level, cast(level_order as integer) as level_order
from raw.qualification_levels
