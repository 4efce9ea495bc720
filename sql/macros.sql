-- Conditions every model shares, created in every warehouse (reviewers can use them too).

-- Whether a dated reference row is in force on `day`: from its first day (none: since always) to the
-- day before its end (none: still in force). Reference files give the end as the first day no longer
-- in force.
create or replace macro in_force(valid_from, valid_to, day) as
    (valid_from is null or valid_from <= day) and (valid_to is null or valid_to > day);

-- Whether a rule limited to `area_code` (none: everywhere) holds in a unit lying in the areas of
-- `area_path` (the unit's areas with rules of their own, nearest first: staging.unit_rule_areas).
create or replace macro rule_holds(area_path, area_code) as
    area_code is null or list_contains(area_path, area_code);

-- How near a rule's area lies to the unit, to rank the rules that hold: the nearest area's rule
-- overrides a farther one's (a province ends its commune-level posts before the national date), and
-- any area's rule overrides the national one.
create or replace macro rule_nearness(area_path, area_code) as
    coalesce(list_position(area_path, area_code), 1000);

-- Who a row is: the hash of its ID number, else of the one ID number seen with the same name and date
-- of birth in any list (staging.person_ids), else its name and date of birth.
create or replace macro person_key(id_hash, id_hash_of_name, name_key, birth_date) as
    coalesce(id_hash, id_hash_of_name, md5(concat_ws('|', name_key, birth_date)));
