-- The posts that count: a personnel row matched to a unit, a title and a sector, each with its person
-- (a person holding two posts has two rows, the second marked concurrent) and the level of their
-- professional qualification: the longest spelling of qualification_levels.csv the cell starts with.
with counted as (
    select * from staging.personnel_matched where counted
),

qualification as (
    select
        c.file,
        c.sheet,
        c.row,
        q.level,
        q.level_order,
        row_number() over (partition by c.file, c.sheet, c.row order by length(q.written_key) desc) as preference
    from counted as c
    inner join staging.qualification_levels as q
        on c.qualification_key = q.written_key or starts_with(c.qualification_key, q.written_key || ' ')
)

select
    c.file,
    c.sheet,
    c.row,
    c.snapshot_date,
    c.person_key,
    c.full_name,
    c.name_key,
    c.sex,
    c.birth_date,
    c.title as position_title,
    c.position_title as title_as_written,
    c.staff_type,
    c.sector,
    c.unit_code,
    c.unit_level,
    c.commune_code,
    c.village_code,
    c.is_concurrent,
    c.note,
    c.qualification,
    coalesce(q.level, unknown.label_vi) as qualification_level,
    coalesce(q.level_order, 99) as qualification_order  -- a spelling not in the reference: after every level
from counted as c
left join qualification as q on q.file = c.file and q.sheet = c.sheet and q.row = c.row and q.preference = 1
left join staging.labels as unknown on unknown.vocabulary = 'qualification' and unknown.code = 'unknown'
