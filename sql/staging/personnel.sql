-- Personnel rows that count: matched to a unit, a position and a sector, one per person and snapshot.
select
    file,
    sheet,
    row,
    snapshot_date,
    person_key,
    full_name,
    sex,
    birth_date,
    position_title,
    staff_type,
    sector,
    unit_code,
    unit_level,
    commune_code,
    village_code,
    qualification
from staging.personnel_matched
where reason is null
