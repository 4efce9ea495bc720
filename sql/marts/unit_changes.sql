-- The changes of units: each unit that ended and what carries it on (a merger, or a split among several),
-- and each unit that moved under another parent (a village to another commune, a commune to another
-- province), from the day they took effect.
with moved as (
    select
        u.unit_code,
        u.level,
        previous.parent_code as old_parent,
        u.parent_code as new_parent,
        u.valid_from as effective_date
    from staging.units as u
    inner join staging.units as previous
        on previous.unit_code = u.unit_code and previous.valid_to = u.valid_from
    where previous.parent_code is distinct from u.parent_code
)

select
    old.level,
    'succession' as change,
    old_label.label_vi as old_unit,
    new_label.label_vi as new_unit,
    l.effective_date,
    l.unit_code as old_unit_code,
    l.successor_code as new_unit_code,
    l.basis
from staging.unit_links as l
inner join staging.units as old on old.unit_code = l.unit_code and old.valid_to = l.effective_date
left join staging.unit_labels as old_label on old_label.unit_code = l.unit_code
left join staging.unit_labels as new_label on new_label.unit_code = l.successor_code
union all
select
    m.level,
    'new_parent',
    unit_label.label_vi || ' (' || old_parent.label_vi || ')',
    unit_label.label_vi || ' (' || new_parent.label_vi || ')',
    m.effective_date,
    m.unit_code,
    m.unit_code,
    null
from moved as m
left join staging.unit_labels as unit_label on unit_label.unit_code = m.unit_code
left join staging.unit_labels as old_parent on old_parent.unit_code = m.old_parent
left join staging.unit_labels as new_parent on new_parent.unit_code = m.new_parent
union all
select u.level, 'ended', label.label_vi, null, u.valid_to, u.unit_code, null, u.basis
from staging.units as u
left join staging.unit_labels as label on label.unit_code = u.unit_code
where u.valid_to is not null
    and not exists (select 1 from staging.units as later where later.unit_code = u.unit_code and later.valid_from = u.valid_to)
    and not exists (select 1 from staging.unit_links as l where l.unit_code = u.unit_code)
order by effective_date, level, old_unit
