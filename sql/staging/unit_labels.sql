-- How the reports name each unit: its latest name, with its kind for administrative units ("xã Thiện Kế",
-- "tổ dân phố Số 1"); agencies and schools carry their kind in their name ("Phòng Nội vụ").
select
    unit_code,
    arg_max(
        case when level in ('province', 'district', 'commune', 'village') then kind || ' ' || name else name end,
        valid_from
    ) as label_vi
from staging.units
group by unit_code
