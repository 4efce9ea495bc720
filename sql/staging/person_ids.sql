-- The one ID number seen with each name and date of birth in any list, personnel or leavers, where
-- there is exactly one: a row written without the number is that person.
select name_key, birth_date, any_value(id_hash) as id_hash
from (
    select name_key, birth_date, id_hash from raw.personnel
    union all
    select name_key, birth_date, id_hash from raw.leavers
)
where id_hash is not null and birth_date is not null
group by name_key, birth_date
having count(distinct id_hash) = 1
