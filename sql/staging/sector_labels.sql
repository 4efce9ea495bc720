-- Each sector once (sectors.csv gives a row per unit level and staff type): its words, whether it is on
-- the payroll, and where sectors.csv first lists it, the order reports show the sectors in.
select
    sector,
    any_value(label_vi) as label_vi,
    any_value(label_en) as label_en,
    bool_or(is_payroll) as is_payroll,
    min(listed_as) as list_order
from (select *, row_number() over () as listed_as from staging.sectors)
group by sector
