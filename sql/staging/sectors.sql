-- Which (unit level, staff type) pairs make up each sector.
select
    sector,
    unit_level,
    staff_type,
    cast(is_payroll as boolean) as is_payroll,
    label_vi,
    label_en
from raw.sectors
