-- Every list read, with its issuing body matched to a unit: the most specific line of the title block
-- ("UBND HUYỆN BÌNH XUYÊN" / "PHÒNG NỘI VỤ" -> Phòng Nội vụ) that names a unit begun by the snapshot
-- date, one still in force first (a list sent under the name of a unit that has since ended is matched
-- to it, and its rows count under what carries it on); a name written with the unit's own diacritics
-- wins, then a commune over a village. A list of leavers, undated, takes the latest unit of that name.
with issuer_lines as (
    select l.file, l.sheet, line.key as issuer_key, l.issuer_folds[line.position] as issuer_fold, line.position
    from raw.lists as l,
        unnest(l.issuer_keys) with ordinality as line(key, position)
),

matches as (
    select
        i.file,
        i.sheet,
        u.unit_code,
        u.level,
        u.commune_code,
        row_number() over (
            partition by i.file, i.sheet
            order by
                i.position desc,
                l.snapshot_date is null or in_force(u.valid_from, u.valid_to, l.snapshot_date) desc,
                u.name_key = i.issuer_key desc,
                case u.level
                    when 'commune' then 1 when 'school' then 2 when 'district_agency' then 3
                    when 'province_agency' then 4 when 'district' then 5 when 'province' then 6 else 7
                end,
                u.valid_to desc nulls first,
                u.unit_code
        ) as preference
    from issuer_lines as i
    inner join raw.lists as l on l.file = i.file and l.sheet = i.sheet
    inner join staging.units as u
        on u.name_fold = i.issuer_fold
        and (l.snapshot_date is null or u.valid_from <= l.snapshot_date)
)

select
    l.file,
    l.sheet,
    l.kind,
    l.snapshot_date,
    l.title,
    l.title_fold,
    l.issuer,
    m.unit_code as issuer_unit_code,
    m.level as issuer_level,
    m.commune_code as issuer_commune_code,
    l.declared_total,
    l.data_rows
from raw.lists as l
left join matches as m on m.file = l.file and m.sheet = l.sheet and m.preference = 1
