-- The dates each period compares, per sector. The baseline is the latest snapshot with lists of the
-- sector in the period's area on or before the baseline asked for (the first one when none is asked).
-- The as-of date is the latest snapshot on or before the date asked for whose lists are complete: every
-- commune (or district, or province, for units above communes) that sent lists of the sector at the
-- baseline has sent them again, as that commune is carried on that day (after mergers: by its
-- successors). A list that arrives early for a later date does not make every other unit count as
-- zero; the units still awaited are named. A sector whose units or titles no longer exist in the area
-- that day (the district's agencies after 2025) is complete when the other sectors are.
with sector_kinds as (
    select distinct sector, unit_level, staff_type from staging.sectors
),

-- The unit each unit sends its lists with: its commune, else its district, else its province.
reporting_groups as (
    select day, unit_code, arg_min(ancestor_code, depth) as group_code
    from staging.unit_tree
    where ancestor_level in ('commune', 'district', 'province')
    group by day, unit_code
),

presence as (
    select distinct a.period, p.sector, p.snapshot_date as day, g.group_code
    from staging.personnel as p
    inner join staging.area_units as a on a.day = p.snapshot_date and a.unit_code = p.unit_code
    inner join reporting_groups as g on g.day = p.snapshot_date and g.unit_code = p.unit_code
),

candidate_days as (
    select distinct period, day from staging.area_units
),

baselines as (
    select
        s.period,
        s.sector,
        s.as_of_date,
        coalesce(
            max(p.day) filter (where p.day <= s.baseline_date),
            min(p.day) filter (where s.baseline_date is null)
        ) as baseline_date
    from staging.periods as s
    inner join presence as p on p.period = s.period and p.sector = s.sector
    group by s.period, s.sector, s.as_of_date
    having baseline_date is not null
),

-- What each later day is expected to hold: the groups of the baseline, or what carries them on that
-- day at the same level, in the area that day.
expected as (
    select distinct b.period, b.sector, d.day, carried.successor_code as group_code
    from baselines as b
    inner join presence as p on p.period = b.period and p.sector = b.sector and p.day = b.baseline_date
    inner join candidate_days as d on d.period = b.period and d.day >= b.baseline_date
    inner join staging.unit_successors as carried on carried.day = d.day and carried.unit_code = p.group_code
    inner join staging.units as old
        on old.unit_code = p.group_code and in_force(old.valid_from, old.valid_to, b.baseline_date)
    inner join staging.units as new
        on new.unit_code = carried.successor_code and in_force(new.valid_from, new.valid_to, d.day)
    inner join staging.area_units as a on a.period = b.period and a.day = d.day and a.unit_code = new.unit_code
    where new.level = old.level
),

-- Whether the sector still exists in the area that day: a unit of its level, and a title of its staff
-- type at that level in force there (the nearest area's rule first, as when rows are matched). Units
-- under the same areas with rules of their own follow the same rules, so each set is judged once.
sector_units as (
    select distinct a.period, a.day, k.sector, k.unit_level, k.staff_type, coalesce(r.area_path, []) as area_path
    from staging.area_units as a
    inner join staging.units as u on u.unit_code = a.unit_code and in_force(u.valid_from, u.valid_to, a.day)
    inner join sector_kinds as k on k.unit_level = u.level
    left join staging.unit_rule_areas as r on r.day = a.day and r.unit_code = a.unit_code
),

title_states as (
    select
        s.period,
        s.day,
        s.sector,
        in_force(pos.valid_from, pos.valid_to, s.day) as alive,
        row_number() over (
            partition by s.period, s.day, s.sector, s.area_path, pos.title_key
            order by
                rule_nearness(s.area_path, pos.area_code),
                in_force(pos.valid_from, pos.valid_to, s.day) desc,
                pos.valid_to desc nulls first
        ) as preference
    from sector_units as s
    inner join staging.positions as pos
        on pos.unit_level = s.unit_level
        and pos.staff_type = s.staff_type
        and (pos.valid_from is null or pos.valid_from <= s.day)
        and rule_holds(s.area_path, pos.area_code)
),

sector_alive as (
    select distinct period, day, sector from title_states where preference = 1 and alive
),

missing as (
    select
        b.period,
        b.sector,
        d.day,
        list(distinct e.group_code order by e.group_code) filter (where p.group_code is null) as awaited
    from baselines as b
    inner join candidate_days as d on d.period = b.period and d.day >= b.baseline_date
    left join expected as e on e.period = b.period and e.sector = b.sector and e.day = d.day
    left join presence as p
        on p.period = b.period and p.sector = b.sector and p.day = d.day and p.group_code = e.group_code
    group by b.period, b.sector, d.day
),

judged as (
    select
        m.*,
        b.as_of_date,
        alive.sector is not null as alive,
        coalesce(len(m.awaited), 0) = 0 as received
    from missing as m
    inner join baselines as b on b.period = m.period and b.sector = m.sector
    left join sector_alive as alive on alive.period = m.period and alive.day = m.day and alive.sector = m.sector
    where b.as_of_date is null or m.day <= b.as_of_date
),

-- A sector gone from the area sends no lists of its own, but its people reappear in the other sectors'
-- lists (the district's agencies' staff in the new communes'): it is complete when they are.
others_received as (
    select period, day, bool_and(received) as received
    from judged
    where alive
    group by period, day
),

decided as (
    select j.*, case when j.alive then j.received else coalesce(o.received, true) end as complete
    from judged as j
    left join others_received as o on o.period = j.period and o.day = j.day
),

as_of as (
    select period, sector, max(day) as as_of
    from decided
    where complete
    group by period, sector
),

pending as (
    select
        j.period,
        j.sector,
        arg_max(j.day, j.day) as pending_date,
        arg_max(j.awaited, j.day) as awaited
    from decided as j
    inner join as_of as a on a.period = j.period and a.sector = j.sector and j.day > a.as_of
    group by j.period, j.sector
),

awaited_names as (
    select p.period, p.sector, string_agg(u.kind || ' ' || u.name, ', ' order by u.name) as names
    from pending as p, unnest(p.awaited) as awaited(group_code)
    inner join staging.units as u
        on u.unit_code = awaited.group_code and in_force(u.valid_from, u.valid_to, p.pending_date)
    group by p.period, p.sector
)

select
    b.period,
    b.sector,
    b.baseline_date,
    a.as_of,
    p.pending_date,
    n.names as awaited_units,
    case
        when p.pending_date is not null
            then 'đang chờ danh sách ngày ' || strftime(p.pending_date, '%d/%m/%Y') || ' của: ' || n.names
    end as note_vi
from baselines as b
inner join as_of as a on a.period = b.period and a.sector = b.sector
left join pending as p on p.period = b.period and p.sector = b.sector
left join awaited_names as n on n.period = b.period and n.sector = b.sector
order by b.period, b.sector
