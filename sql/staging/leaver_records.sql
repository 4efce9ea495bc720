-- Every row of the lists of leavers: the person it names, the unit, the date of leaving, the decision, and
-- the reason of leave_reasons.csv whose words the reason cell holds (else the list's title: "DANH SÁCH
-- ... NGHỈ HƯU"), the longest words first, in force on the date of leaving; and whether any personnel
-- list names that person (by their key, else by name and unit).
with rows as (
    select r.rowid as row_id, r.*, l.title_fold, l.issuer_unit_code
    from raw.leavers as r
    inner join staging.lists as l on l.file = r.file and l.sheet = r.sheet
),

reason_words as (
    select code, valid_from, valid_to, unnest(written_keys) as words
    from staging.leave_reasons
),

reasons as (
    select
        r.row_id,
        w.code,
        row_number() over (
            partition by r.row_id
            order by
                contains(' ' || coalesce(r.leave_reason_key, '') || ' ', ' ' || w.words || ' ') desc,
                length(w.words) desc,
                in_force(w.valid_from, w.valid_to, r.leave_date) desc,
                w.valid_from desc nulls last
        ) as preference
    from rows as r
    inner join reason_words as w
        on contains(' ' || coalesce(r.leave_reason_key, '') || ' ', ' ' || w.words || ' ')
        or contains(' ' || coalesce(r.title_fold, '') || ' ', ' ' || w.words || ' ')
),

units as (
    select
        r.row_id,
        u.unit_code,
        row_number() over (
            partition by r.row_id
            order by in_force(u.valid_from, u.valid_to, r.leave_date) desc, u.valid_to desc nulls first
        ) as preference
    from rows as r
    inner join staging.units as u
        on u.name_fold = r.unit_fold or (r.unit_fold is null and u.unit_code = r.issuer_unit_code)
),

records as (
    select
        r.file,
        r.sheet,
        r.row,
        person_key(r.id_hash, i.id_hash, r.name_key, r.birth_date) as person_key,
        r.full_name,
        r.name_key,
        r.birth_date,
        r.position_title,
        r.title_key,
        r.unit_text,
        u.unit_code,
        r.leave_date,
        r.leave_reason_text,
        reason.code as reason_code,
        r.decision_number,
        r.leave_reason_key,
        r.title_fold
    from rows as r
    left join staging.person_ids as i on r.id_hash is null and i.name_key = r.name_key and i.birth_date = r.birth_date
    left join reasons as reason on reason.row_id = r.row_id and reason.preference = 1
    left join units as u on u.row_id = r.row_id and u.preference = 1
)

select
    r.* exclude (leave_reason_key, title_fold),
    r.leave_reason_key is not null or r.title_fold is not null as reason_written,
    exists (
        select 1 from staging.personnel as p
        where p.person_key = r.person_key or (p.name_key = r.name_key and p.unit_code = r.unit_code)
    ) as matched
from records as r
