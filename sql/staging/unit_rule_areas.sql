-- The areas that some title rule of positions.csv is limited to and that each unit lies in on each
-- snapshot date, nearest first: units with the same list follow the same rules, and the nearest area's
-- rule overrides a farther one's and the national one.
select t.day, t.unit_code, list(t.ancestor_code order by t.depth) as area_path
from staging.unit_tree as t
where t.ancestor_code in (select area_code from staging.positions where area_code is not null)
group by t.day, t.unit_code
