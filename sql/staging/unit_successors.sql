-- The unit that carries on each unit today: itself, or the end of its chain of mergers.
with recursive chain (unit_code, successor, depth) as (
    select unit_code, unit_code, 0 from staging.units
    union all
    select c.unit_code, u.merged_into, c.depth + 1
    from chain as c
    inner join staging.units as u on u.unit_code = c.successor
    where u.merged_into is not null and c.depth < 50
)

select unit_code, arg_max(successor, depth) as successor_code
from chain
group by unit_code
