-- Each person who moved within the area in a period: from which unit and sector to which, and how: with
-- their unit, when it ended and what carries it on took them in (a reorganisation), or by rotation
-- (điều động, luân chuyển). A move is neither a cut nor a hire.
with moves as (
    select
        period,
        sector as from_sector,
        person_key,
        full_name,
        baseline_date,
        as_of,
        unit_before as from_unit_code,
        title_before as from_title,
        case when status = 'moved' then sector else other_sector end as to_sector,
        case when status = 'moved' then unit_after else other_unit end as to_unit_code,
        title_after as to_title
    from marts.staff_movements
    where status in ('moved', 'moved_out')
)

select
    m.period,
    m.from_sector,
    m.from_unit_code,
    from_unit.label_vi as from_unit,
    m.from_title,
    m.to_sector,
    m.to_unit_code,
    to_unit.label_vi as to_unit,
    m.to_title,
    m.baseline_date,
    m.as_of,
    m.person_key,
    m.full_name,
    case when carried.successor_code is not null then 'reorganisation' else 'rotation' end as move_kind,
    kind.label_vi as move_vi
from moves as m
left join staging.unit_successors as carried
    on carried.day = m.as_of
    and carried.unit_code = m.from_unit_code
    and carried.successor_code = m.to_unit_code
    and carried.successor_code <> carried.unit_code
left join staging.labels as kind
    on kind.vocabulary = 'move'
    and kind.code = case when carried.successor_code is not null then 'reorganisation' else 'rotation' end
left join staging.unit_labels as from_unit on from_unit.unit_code = m.from_unit_code
left join staging.unit_labels as to_unit on to_unit.unit_code = m.to_unit_code
order by m.period, m.from_sector, from_unit.label_vi, m.full_name
