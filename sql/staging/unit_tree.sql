-- Each unit's chain of parents on each snapshot date, as it was that day (a village moves to another
-- commune, a commune to another province): the unit itself at depth 0, its parent at 1, and so on.
with recursive up (day, unit_code, ancestor_code, depth) as (
    select d.day, u.unit_code, u.unit_code, 0
    from staging.snapshot_days as d
    inner join staging.units as u on in_force(u.valid_from, u.valid_to, d.day)
    union all
    select up.day, up.unit_code, parent.parent_code, up.depth + 1
    from up
    inner join staging.units as parent
        on parent.unit_code = up.ancestor_code and in_force(parent.valid_from, parent.valid_to, up.day)
    where parent.parent_code is not null and up.depth < 20
)

select up.day, up.unit_code, up.ancestor_code, a.level as ancestor_level, up.depth
from up
left join staging.units as a on a.unit_code = up.ancestor_code and in_force(a.valid_from, a.valid_to, up.day)
