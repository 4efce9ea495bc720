-- The units in each period's area on each snapshot date: the area's unit and every unit under it or,
-- once it has ended, the units that carry it on and everything under them (the former district's
-- territory through the communes that took it over). A period without an area covers every unit.
with areas as (
    select distinct period, area_code from staging.periods
)

select distinct a.period, t.day, t.unit_code
from areas as a
inner join staging.unit_successors as s on s.unit_code = a.area_code
inner join staging.unit_tree as t on t.day = s.day and t.ancestor_code = s.successor_code
union all
select a.period, t.day, t.unit_code
from areas as a
inner join staging.unit_tree as t on t.depth = 0
where a.area_code is null
