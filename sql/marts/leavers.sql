-- Each person who left a sector of the area between a period's baseline and as-of date, and why:
--   1. the list of leavers that names them, with a date of leaving within the period (or none): its
--      reason, decision and date; a list found by the person's key, else by their name and unit;
--   2. else a unit outside the area that lists them at the as-of date (a transfer: one that carries on
--      their own unit would have made them movers, see staff_movements);
--   3. else the end of their title in the period, by the rule of their unit's area: what positions.csv
--      says its holders left for (a function handed to another body, a post abolished);
--   4. else chưa rõ lý do, for the clerk to find the list that is missing.
with gone as (
    select * from marts.staff_movements where status = 'left'
),

listed as (
    select
        g.period,
        g.sector,
        g.person_key,
        r.file,
        r.sheet,
        r.row,
        r.leave_date,
        r.reason_code,
        r.decision_number,
        row_number() over (
            partition by g.period, g.sector, g.person_key
            order by r.person_key = g.person_key desc, r.leave_date desc nulls last, r.file, r.sheet, r.row
        ) as preference
    from gone as g
    inner join staging.leaver_records as r
        on (r.person_key = g.person_key or (r.name_key = g.name_key and r.unit_code = g.unit_before))
        and (r.leave_date is null or (r.leave_date > g.baseline_date and r.leave_date <= g.as_of))
),

found_outside as (
    select g.period, g.sector, g.person_key, first(p.unit_code order by p.file, p.sheet, p.row) as unit_code
    from gone as g
    inner join staging.personnel as p on p.person_key = g.person_key and p.snapshot_date = g.as_of
    left join staging.area_units as a on a.period = g.period and a.day = g.as_of and a.unit_code = p.unit_code
    where a.unit_code is null
    group by g.period, g.sector, g.person_key
),

-- Where the rules of a title ended in the period are looked up: the areas the unit's successors lay in at
-- the as-of date, or the unit's own at the baseline if nothing carries it on.
rule_areas as (
    select g.period, g.sector, g.person_key, coalesce(later.area_path, before.area_path) as area_path
    from gone as g
    left join staging.unit_successors as s on s.day = g.as_of and s.unit_code = g.unit_before
    left join staging.unit_rule_areas as later on later.day = g.as_of and later.unit_code = s.successor_code
    left join staging.unit_rule_areas as before
        on before.day = g.baseline_date and before.unit_code = g.unit_before and s.successor_code is null
),

-- The rule of their title there in force at the baseline, the nearest area's first as when rows are
-- matched.
title_rules as (
    select
        g.period,
        g.sector,
        g.person_key,
        g.as_of,
        pos.ended_by,
        pos.basis,
        pos.valid_to,
        row_number() over (
            partition by g.period, g.sector, g.person_key
            order by rule_nearness(r.area_path, pos.area_code), pos.valid_to desc nulls first
        ) as preference
    from gone as g
    inner join rule_areas as r on r.period = g.period and r.sector = g.sector and r.person_key = g.person_key
    inner join staging.units as u
        on u.unit_code = g.unit_before and in_force(u.valid_from, u.valid_to, g.baseline_date)
    inner join staging.positions as pos
        on pos.title = g.title_before
        and pos.unit_level = u.level
        and in_force(pos.valid_from, pos.valid_to, g.baseline_date)
        and rule_holds(r.area_path, pos.area_code)
),

title_ended as (
    select period, sector, person_key, ended_by as reason_code, basis, valid_to as ended_on
    from title_rules
    where preference = 1 and ended_by is not null and valid_to <= as_of
),

explained as (
    select
        g.*,
        l.file as list_file,
        l.sheet as list_sheet,
        l.row as list_row,
        l.leave_date,
        l.decision_number,
        o.unit_code as outside_unit,
        coalesce(
            case when l.person_key is not null then coalesce(l.reason_code, 'unknown') end,
            case when o.unit_code is not null then 'chuyen_cong_tac' end,
            t.reason_code,
            'unknown'
        ) as reason_code,
        case
            when l.person_key is not null
                then 'danh sách người nghỉ ' || l.file || ', trang ' || l.sheet || ', dòng ' || l.row
            when o.unit_code is not null
                then 'có tên trong danh sách ngày ' || strftime(g.as_of, '%d/%m/%Y') || ' của ' || outside.label_vi
            when t.reason_code is not null
                then 'chức danh thôi hiệu lực từ ngày ' || strftime(t.ended_on, '%d/%m/%Y')
                || coalesce(' (' || t.basis || ')', '')
            else 'không có trong danh sách người nghỉ nào: cần bổ sung vào thư mục leavers/'
        end as reason_source
    from gone as g
    left join listed as l
        on l.period = g.period and l.sector = g.sector and l.person_key = g.person_key and l.preference = 1
    left join found_outside as o on o.period = g.period and o.sector = g.sector and o.person_key = g.person_key
    left join staging.unit_labels as outside on outside.unit_code = o.unit_code
    left join title_ended as t on t.period = g.period and t.sector = g.sector and t.person_key = g.person_key
),

-- A reason's label and whether it is a policy cut: its row of leave_reasons.csv in force on the date of
-- leaving (else its latest), else the pipeline's own words for the reasons it tells by itself.
reason_rows as (
    select
        e.period,
        e.sector,
        e.person_key,
        first(r.label_vi order by in_force(r.valid_from, r.valid_to, e.leave_date) desc, r.valid_from desc)
            as label_vi,
        first(r.policy_cut order by in_force(r.valid_from, r.valid_to, e.leave_date) desc, r.valid_from desc)
            as policy_cut
    from explained as e
    inner join staging.leave_reasons as r on r.code = e.reason_code
    group by e.period, e.sector, e.person_key
)

select
    e.period,
    e.sector,
    e.unit_before as unit_code,
    u.label_vi as unit,
    e.person_key,
    e.full_name,
    e.title_before as position_title,
    e.baseline_date,
    e.as_of,
    e.leave_date,
    e.reason_code,
    coalesce(r.label_vi, own.label_vi, ended.label_vi) as reason_vi,
    coalesce(r.policy_cut, false) as policy_cut,
    e.decision_number,
    e.reason_source,
    e.list_file,
    e.list_sheet,
    e.list_row,
    e.outside_unit
from explained as e
left join reason_rows as r on r.period = e.period and r.sector = e.sector and r.person_key = e.person_key
left join staging.labels as own on own.vocabulary = 'leave_reason' and own.code = e.reason_code
-- a title's end whose reason leave_reasons.csv does not name (listed in audit.reference_gaps)
left join staging.labels as ended on ended.vocabulary = 'leave_reason' and ended.code = 'het_chuc_danh'
left join staging.unit_labels as u on u.unit_code = e.unit_before
order by e.period, e.sector, u.label_vi, e.full_name
