-- Every well-formed personnel row matched to its unit, position and sector, with the reason it cannot
-- count when it cannot. The unit is the one the row names (column, section row or merged cell),
-- else the list's issuing body. Names match with or without diacritics; a name shared by several
-- units is settled by the diacritics as written ("Đông Lãng" is not "Đồng Lãng"), then by the title
-- (a "Trưởng thôn" works in a village), then by the issuing commune. A person listed twice on one snapshot
-- counts once: the first listing, in file, sheet and row order.
-- The matching and the ranking read only the columns they need, and know a row by its rowid (one
-- integer to hash, not a file name, a sheet and a row); the rows' other columns (their original cells
-- above all) join back once at the end, instead of being carried through every join and window.
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
        l.snapshot_date,
        l.issuer_unit_code,
        l.issuer_commune_code,
        coalesce(p.id_hash, md5(concat_ws('|', p.name_key, p.birth_date))) as person_key
    from raw.personnel as p
    inner join staging.lists as l on l.file = p.file and l.sheet = p.sheet
),

-- The units a row names by its unit text, else its issuing body: two equality joins DuckDB can hash,
-- where one join on an OR of both compares every row with every unit.
named_units as (
    select r.row_id, u.*
    from rows as r
    inner join staging.units as u on u.name_fold = r.unit_fold
    union all
    select r.row_id, u.*
    from rows as r
    inner join staging.units as u on u.unit_code = r.issuer_unit_code
    where r.unit_fold is null
),

candidates as (
    select
        r.row_id,
        u.unit_code,
        u.level,
        u.commune_code,
        pos.staff_type,
        rank() over (
            partition by r.row_id
            order by
                u.name_key = r.unit_key desc,
                pos.staff_type is not null desc,
                u.commune_code is not distinct from r.issuer_commune_code desc,
                case u.level
                    when 'village' then 1 when 'school' then 2 when 'district_agency' then 3
                    when 'commune' then 4 else 5
                end
        ) as preference
    from rows as r
    inner join named_units as u
        on u.row_id = r.row_id
        and u.valid_from <= r.snapshot_date
        and (u.valid_to is null or u.valid_to > r.snapshot_date)
    left join staging.positions as pos
        on pos.title_key = r.title_key
        and pos.unit_level = u.level
        and (pos.valid_from is null or pos.valid_from <= r.snapshot_date)
        and (pos.valid_to is null or pos.valid_to > r.snapshot_date)
),

best as (
    select
        row_id,
        any_value(unit_code) as unit_code,
        any_value(level) as unit_level,
        any_value(commune_code) as commune_code,
        any_value(staff_type) as staff_type,
        count(*) as tied
    from candidates
    where preference = 1
    group by row_id
),

-- Why a row cannot count, as a clerk reads it. Placeholders: {0} row, {1} unit as written, {2} snapshot
-- date, {3} issuing body, {4} title as written, {5} unit level, {6} staff type, {7} name, and where
-- the person is first listed: {8} file, {9} sheet, {10} row.
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
            'row {0}: no sector in sectors.csv for {6} staff of a unit of level {5}',
            'dòng {0}: sectors.csv không xếp loại {6} của đơn vị cấp {5} vào khối nào'
        ),
        (
            'listed_twice',
            'row {0}: {7} is already listed on {2} in {8}, sheet {9}, row {10}',
            'dòng {0}: {7} đã có trong danh sách ngày {2} tại {8}, trang {9}, dòng {10}'
        )
),

matched as (
    select
        r.row_id,
        r.file,
        r.sheet,
        r.row,
        r.snapshot_date,
        r.person_key,
        b.unit_code,
        b.unit_level,
        b.commune_code,
        case when b.unit_level = 'village' then b.unit_code end as village_code,
        b.staff_type,
        s.sector,
        case
            when b.unit_code is null and r.unit_text is not null then 'unknown_unit'
            when b.unit_code is null then 'no_unit'
            when b.tied > 1 then 'ambiguous_unit'
            when b.staff_type is null then 'unknown_title'
            when s.sector is null then 'no_sector'
        end as problem
    from rows as r
    left join best as b on b.row_id = r.row_id
    left join staging.sectors as s on s.unit_level = b.unit_level and s.staff_type = b.staff_type
),

listings as (
    select
        *,
        row_number() over listing as listing,
        first_value(file) over listing as first_file,
        first_value(sheet) over listing as first_sheet,
        first_value(row) over listing as first_row
    from matched
    window listing as (partition by snapshot_date, person_key, problem is null order by file, sheet, row)
),

placed as (
    select
        p.*,
        l.snapshot_date,
        l.issuer,
        l.issuer_unit_code,
        l.issuer_commune_code,
        m.person_key,
        m.unit_code,
        m.unit_level,
        m.commune_code,
        m.village_code,
        m.staff_type,
        m.sector,
        case when m.problem is null and m.listing > 1 then 'listed_twice' else m.problem end as problem,
        -- the placeholders of the reasons, never NULL (format() gives NULL for any NULL argument)
        p.row::varchar as f0,
        coalesce(p.unit_text, '') as f1,
        strftime(l.snapshot_date, '%d/%m/%Y') as f2,
        coalesce(l.issuer, '') as f3,
        coalesce(p.position_title, '') as f4,
        coalesce(m.unit_level, '') as f5,
        coalesce(m.staff_type, '') as f6,
        coalesce(p.full_name, '') as f7,
        m.first_file as f8,
        m.first_sheet as f9,
        m.first_row::varchar as f10
    from raw.personnel as p
    inner join staging.lists as l on l.file = p.file and l.sheet = p.sheet
    inner join listings as m on m.row_id = p.rowid
)

select
    p.* exclude (problem, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10),
    format(t.en, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10) as reason,
    format(t.vi, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10) as reason_vi
from placed as p
left join reasons as t on t.code = p.problem
