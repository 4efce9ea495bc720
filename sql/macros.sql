-- Conditions every model shares, created in every warehouse (reviewers can use them too).

-- Whether a dated reference row is in force on `day`: from its first day (none: since always) to the
-- day before its end (none: still in force). Reference files give the end as the first day no longer
-- in force.
create or replace macro in_force(valid_from, valid_to, day) as
    (valid_from is null or valid_from <= day) and (valid_to is null or valid_to > day);
