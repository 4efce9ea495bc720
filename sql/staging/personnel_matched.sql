-- Every well-formed personnel row matched to its unit, position and sector, with the reason it cannot
-- count when it cannot. The unit is the one the row names (column, section row or merged cell),
-- else the list's issuing body. Names match with or without diacritics; a name shared by several
-- units is settled by the diacritics as written ("Đông Lãng" is not "Đồng Lãng"), then by the title
-- (a "Trưởng thôn" works in a village), then by the issuing commune. A person listed twice on one snapshot
-- counts once: the first listing, in file, sheet and row order.
with rows as (
    select
        p.*,
        l.snapshot_date,
        l.issuer,
        l.issuer_unit_code,
        l.issuer_commune_code,
        coalesce(p.id_hash, md5(concat_ws('|', p.name_key, p.birth_date))) as person_key
    from raw.personnel as p
    inner join staging.lists as l on l.file = p.file and l.sheet = p.sheet
),

-- The units a row names by its unit text, else its issuing body: two equality joins DuckDB can hash,
-- where one join on an OR of both compares every row with every unit.
named_units as (
    select r.file, r.sheet, r.row, u.*
    from rows as r
    inner join staging.units as u on u.name_fold = r.unit_fold
    union all
    select r.file, r.sheet, r.row, u.*
    from rows as r
    inner join staging.units as u on u.unit_code = r.issuer_unit_code
    where r.unit_fold is null
),

candidates as (
    select
        r.file,
        r.sheet,
        r.row,
        u.unit_code,
        u.level,
        u.commune_code,
        pos.staff_type,
        rank() over (
            partition by r.file, r.sheet, r.row
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
        on u.file = r.file and u.sheet = r.sheet and u.row = r.row
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
        file,
        sheet,
        row,
        any_value(unit_code) as unit_code,
        any_value(level) as unit_level,
        any_value(commune_code) as commune_code,
        any_value(staff_type) as staff_type,
        count(*) as tied
    from candidates
    where preference = 1
    group by file, sheet, row
),

matched as (
    select
        r.*,
        b.unit_code,
        b.unit_level,
        b.commune_code,
        case when b.unit_level = 'village' then b.unit_code end as village_code,
        b.staff_type,
        s.sector,
        case
            when b.unit_code is null and r.unit_text is not null
                then format(
                    'row {}: unit ''{}'' is not a unit in admin_units.csv or org_units.csv on {}',
                    r.row, r.unit_text, strftime(r.snapshot_date, '%d/%m/%Y')
                )
            when b.unit_code is null
                then format(
                    'row {}: no unit: the list has no unit column and its issuing body ''{}'' is not a known unit',
                    r.row, r.issuer
                )
            when b.tied > 1
                then format('row {}: unit ''{}'' matches several units', r.row, r.unit_text)
            when b.staff_type is null
                then format(
                    'row {}: position ''{}'' is not in positions.csv for a unit of level {}',
                    r.row, r.position_title, b.unit_level
                )
            when s.sector is null
                then format(
                    'row {}: no sector in sectors.csv for {} staff of a unit of level {}',
                    r.row, b.staff_type, b.unit_level
                )
        end as reason,
        case
            when b.unit_code is null and r.unit_text is not null
                then format(
                    'dòng {}: đơn vị ''{}'' không có trong admin_units.csv hoặc org_units.csv vào ngày {}',
                    r.row, r.unit_text, strftime(r.snapshot_date, '%d/%m/%Y')
                )
            when b.unit_code is null
                then format(
                    'dòng {}: không xác định được đơn vị: danh sách không có cột đơn vị và cơ quan ban hành ''{}'' không có trong danh mục',
                    r.row, r.issuer
                )
            when b.tied > 1
                then format('dòng {}: đơn vị ''{}'' trùng tên nhiều đơn vị', r.row, r.unit_text)
            when b.staff_type is null
                then format(
                    'dòng {}: chức danh ''{}'' không có trong positions.csv cho đơn vị cấp {}',
                    r.row, r.position_title, b.unit_level
                )
            when s.sector is null
                then format(
                    'dòng {}: sectors.csv không xếp loại {} của đơn vị cấp {} vào khối nào',
                    r.row, b.staff_type, b.unit_level
                )
        end as reason_vi
    from rows as r
    left join best as b on b.file = r.file and b.sheet = r.sheet and b.row = r.row
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
    window listing as (partition by snapshot_date, person_key, reason is null order by file, sheet, row)
)

select
    * exclude (reason, reason_vi, listing, first_file, first_sheet, first_row),
    case
        when reason is null and listing > 1
            then format(
                'row {}: {} is already listed on {} in {}, sheet {}, row {}',
                row, full_name, strftime(snapshot_date, '%d/%m/%Y'), first_file, first_sheet, first_row
            )
        else reason
    end as reason,
    case
        when reason is null and listing > 1
            then format(
                'dòng {}: {} đã có trong danh sách ngày {} tại {}, trang {}, dòng {}',
                row, full_name, strftime(snapshot_date, '%d/%m/%Y'), first_file, first_sheet, first_row
            )
        else reason_vi
    end as reason_vi
from listings
