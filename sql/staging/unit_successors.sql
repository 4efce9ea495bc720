-- The units that carry on each unit on each snapshot date: itself while it exists, else the units at the
-- end of its chains of successions that day (as of that day, not today: the 2016-2021 figures stay
-- with the 2021 communes whatever happened to them in 2025).
with recursive chain (day, unit_code, successor_code, depth) as (
    select d.day, u.unit_code, u.unit_code, 0
    from staging.snapshot_days as d, (select distinct unit_code from staging.units) as u
    union all
    select c.day, c.unit_code, l.successor_code, c.depth + 1
    from chain as c
    inner join staging.unit_links as l on l.unit_code = c.successor_code and l.effective_date <= c.day
    left join staging.units as alive
        on alive.unit_code = c.successor_code and in_force(alive.valid_from, alive.valid_to, c.day)
    where alive.unit_code is null and c.depth < 20
)

select distinct c.day, c.unit_code, c.successor_code
from chain as c
inner join staging.units as s
    on s.unit_code = c.successor_code and in_force(s.valid_from, s.valid_to, c.day)
