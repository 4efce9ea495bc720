-- The reasons people leave, each with the words lists use for it, in force for leavings from valid_from
-- to the day before valid_to (the same reason has a row per decree that governed it).
select
    code,
    label_vi,
    label_en,
    basis,
    coalesce(cast(policy_cut as boolean), false) as policy_cut,
    string_split(written_keys, ';') as written_keys,
    cast(valid_from as date) as valid_from,
    cast(valid_to as date) as valid_to
from raw.leave_reasons
