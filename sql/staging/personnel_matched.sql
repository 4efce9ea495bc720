-- Every personnel row that can count (it has a name and a title) matched to its unit, title and sector,
-- with the reason it does not count when it does not.
-- The unit is the one the row names (column, section row or merged cell), else the list's issuing body.
-- Names match with or without diacritics; a name shared by several units is settled by the unit still in
-- force, the diacritics as written ("Đông Lãng" is not "Đồng Lãng"), the title (a "Trưởng thôn" works in
-- a village), then the issuing commune. A unit that has ended counts under what carries it on that day;
-- a title that has ended counts under its last rule. Both are gaps in the reference data, not errors.
-- A person holding two posts is listed twice with two titles or units (kiêm nhiệm): both posts count,
-- the person once; the same person, title and unit twice is a true duplicate, and the copy does not count.
-- The matching knows a row by its rowid; the rows' other columns join back once at the end.
with rows as (
    select
        p.rowid as row_id,
        p.file,
        p.sheet,
        p.row,
        p.unit_text,
        p.unit_key,
        p.unit_fold,
        p.title_key,
        p.name_key,
        p.birth_date,
        p.id_hash,
        l.snapshot_date,
        l.issuer_unit_code,
        l.issuer_commune_code
    from raw.personnel as p
    inner join staging.lists as l on l.file = p.file and l.sheet = p.sheet
),

-- The units a row names by its unit text, else its issuing body, in every version that had begun by the
-- snapshot date: two equality joins DuckDB can hash, where one join on an OR of both compares every row
-- with every unit.
named as (
    select r.row_id, u.unit_code, u.valid_from
    from rows as r
    inner join staging.units as u on u.name_fold = r.unit_fold
    union all
    select r.row_id, u.unit_code, u.valid_from
    from rows as r
    inner join staging.units as u on u.unit_code = r.issuer_unit_code
    where r.unit_fold is null
),

unit_candidates as (
    select
        r.row_id,
        r.snapshot_date,
        r.title_key,
        r.unit_key,
        r.issuer_commune_code,
        u.unit_code,
        u.level,
        u.commune_code,
        u.name_key as unit_name_key,
        u.valid_to,
        in_force(u.valid_from, u.valid_to, r.snapshot_date) as unit_in_force
    from named as n
    inner join rows as r on r.row_id = n.row_id
    inner join staging.units as u on u.unit_code = n.unit_code and u.valid_from = n.valid_from
    where u.valid_from <= r.snapshot_date
),

-- The rules of a candidate's title at its level that had begun by the snapshot date, everywhere or in an
-- area the unit lay in that day: the nearest area's rules override the others (a province ends its
-- commune-level posts before the national date), then a rule in force wins, then the latest to end.
title_rules as (
    select
        c.row_id,
        c.unit_code,
        pos.title,
        pos.staff_type,
        in_force(pos.valid_from, pos.valid_to, c.snapshot_date) as title_in_force,
        row_number() over (
            partition by c.row_id, c.unit_code
            order by
                rule_nearness(a.area_path, pos.area_code),
                in_force(pos.valid_from, pos.valid_to, c.snapshot_date) desc,
                pos.valid_to desc nulls first
        ) as preference
    from (select distinct row_id, unit_code, level, title_key, snapshot_date from unit_candidates) as c
    inner join staging.positions as pos
        on pos.title_key = c.title_key
        and pos.unit_level = c.level
        and (pos.valid_from is null or pos.valid_from <= c.snapshot_date)
    left join staging.unit_rule_areas as a on a.day = c.snapshot_date and a.unit_code = c.unit_code
    where rule_holds(a.area_path, pos.area_code)
),

ranked as (
    select
        c.*,
        tr.title,
        tr.staff_type,
        tr.title_in_force,
        rank() over (
            partition by c.row_id
            order by
                c.unit_in_force desc,
                c.unit_name_key = c.unit_key desc,
                tr.staff_type is not null desc,
                c.commune_code is not distinct from c.issuer_commune_code desc,
                case c.level
                    when 'village' then 1 when 'school' then 2 when 'district_agency' then 3
                    when 'commune' then 4 when 'province_agency' then 5 else 6
                end,
                c.valid_to desc nulls first
        ) as preference
    from unit_candidates as c
    left join title_rules as tr on tr.row_id = c.row_id and tr.unit_code = c.unit_code and tr.preference = 1
),

best as (
    select
        row_id,
        any_value(unit_code) as named_unit_code,
        any_value(unit_in_force) as unit_in_force,
        any_value(title) as title,
        any_value(staff_type) as staff_type,
        any_value(title_in_force) as title_in_force,
        count(distinct unit_code) as tied
    from ranked
    where preference = 1
    group by row_id
),

-- A unit that has ended counts under what carries it on that day: its one successor, or the first of
-- several (the gap asks the district which one).
placed as (
    select
        b.*,
        coalesce(successor.successor_code, b.named_unit_code) as unit_code,
        coalesce(successor.successors, 0) as successors
    from best as b
    inner join rows as r on r.row_id = b.row_id
    left join (
        select s.day, s.unit_code, min(s.successor_code) as successor_code, count(*) as successors
        from staging.unit_successors as s
        group by s.day, s.unit_code
    ) as successor
        on not b.unit_in_force and successor.day = r.snapshot_date and successor.unit_code = b.named_unit_code
),

matched as (
    select
        r.row_id,
        r.file,
        r.sheet,
        r.row,
        r.snapshot_date,
        -- a person is known by their ID number, else by the one number seen with their name and date of
        -- birth, else by name and date of birth
        person_key(r.id_hash, i.id_hash, r.name_key, r.birth_date) as person_key,
        p.named_unit_code,
        p.unit_code,
        u.level as unit_level,
        u.commune_code,
        case when u.level = 'village' then p.unit_code end as village_code,
        p.title,
        p.staff_type,
        s.sector,
        not p.unit_in_force as unit_ended,
        p.successors,
        not p.title_in_force as title_ended,
        case
            when p.named_unit_code is null and r.unit_text is not null then 'unknown_unit'
            when p.named_unit_code is null then 'no_unit'
            when p.tied > 1 then 'ambiguous_unit'
            when p.staff_type is null then 'unknown_title'
            when s.sector is null then 'no_sector'
        end as problem
    from rows as r
    left join staging.person_ids as i on r.id_hash is null and i.name_key = r.name_key and i.birth_date = r.birth_date
    left join placed as p on p.row_id = r.row_id
    left join staging.units as u
        on u.unit_code = p.unit_code
        and (
            in_force(u.valid_from, u.valid_to, r.snapshot_date)
            or (p.successors = 0 and u.valid_to <= r.snapshot_date)
        )
    left join staging.sectors as s on s.unit_level = u.level and s.staff_type = p.staff_type
    qualify row_number() over (partition by r.row_id order by u.valid_to desc nulls first) = 1
),

-- The same person, title and unit twice on one snapshot is a true duplicate: the first listing counts.
copies as (
    select
        *,
        row_number() over post as copy,
        first_value(file) over post as first_file,
        first_value(sheet) over post as first_sheet,
        first_value(row) over post as first_row
    from matched
    window post as (
        partition by snapshot_date, person_key, title, unit_code, problem is null order by file, sheet, row
    )
),

listings as (
    select
        *,
        case when problem is null and copy > 1 then 'listed_twice' else problem end as why_not_counted,
        -- a person's second post on one snapshot (kiêm nhiệm), in file, sheet and row order
        problem is null and copy = 1
        and row_number() over (
            partition by snapshot_date, person_key, problem is null and copy = 1 order by file, sheet, row
        ) > 1 as is_concurrent
    from copies
),

-- Why a row cannot count, as a clerk reads it. Placeholders: {0} row, {1} unit as written, {2} snapshot
-- date, {3} issuing body, {4} title as written, {5} unit level, {6} staff type, {7} name, and where the
-- person is first listed with that title: {8} file, {9} sheet, {10} row.
reasons (code, en, vi) as (
    values
        (
            'unknown_unit',
            'row {0}: unit ''{1}'' is not a unit in admin_units.csv or org_units.csv on {2}',
            'dòng {0}: đơn vị ''{1}'' không có trong admin_units.csv hoặc org_units.csv vào ngày {2}'
        ),
        (
            'no_unit',
            'row {0}: no unit: the list has no unit column and its issuing body ''{3}'' is not a known unit',
            'dòng {0}: không xác định được đơn vị: danh sách không có cột đơn vị và cơ quan ban hành ''{3}'' '
            || 'không có trong danh mục'
        ),
        (
            'ambiguous_unit',
            'row {0}: unit ''{1}'' matches several units',
            'dòng {0}: đơn vị ''{1}'' trùng tên nhiều đơn vị'
        ),
        (
            'unknown_title',
            'row {0}: position ''{4}'' is not in positions.csv for a unit of level {5}',
            'dòng {0}: chức danh ''{4}'' không có trong positions.csv cho đơn vị cấp {5}'
        ),
        (
            'no_sector',
            'row {0}: no sector in sectors.csv for {6} of a unit of level {5}',
            'dòng {0}: sectors.csv chưa xếp {6} của đơn vị cấp {5} vào khối nào'
        ),
        (
            'listed_twice',
            'row {0}: {7} is already listed on {2} as {4} in {8}, sheet {9}, row {10}',
            'dòng {0}: {7} đã có trong danh sách ngày {2} với chức danh {4} tại {8}, trang {9}, dòng {10}'
        )
),

described as (
    select
        p.*,
        l.snapshot_date,
        l.issuer,
        l.issuer_unit_code,
        l.issuer_commune_code,
        m.person_key,
        m.named_unit_code,
        m.unit_code,
        m.unit_level,
        m.commune_code,
        m.village_code,
        m.title,
        m.staff_type,
        m.sector,
        m.unit_ended,
        m.title_ended,
        m.why_not_counted,
        m.is_concurrent,
        -- the placeholders of the reasons, never NULL (format() gives NULL for any NULL argument)
        p.row::varchar as f0,
        coalesce(p.unit_text, '') as f1,
        strftime(l.snapshot_date, '%d/%m/%Y') as f2,
        coalesce(l.issuer, '') as f3,
        coalesce(p.position_title, '') as f4,
        coalesce(level_label.label_vi, '') as f5,
        coalesce(staff_label.label_vi, '') as f6,
        coalesce(p.full_name, '') as f7,
        m.first_file as f8,
        m.first_sheet as f9,
        m.first_row::varchar as f10
    from raw.personnel as p
    inner join staging.lists as l on l.file = p.file and l.sheet = p.sheet
    inner join listings as m on m.row_id = p.rowid
    left join staging.labels as level_label on level_label.vocabulary = 'level' and level_label.code = m.unit_level
    left join staging.labels as staff_label
        on staff_label.vocabulary = 'staff_type' and staff_label.code = m.staff_type
)

select
    d.* exclude (why_not_counted, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10),
    d.why_not_counted is null as counted,
    format(t.en, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10) as reason,
    format(t.vi, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10) as reason_vi
from described as d
left join reasons as t on t.code = d.why_not_counted
