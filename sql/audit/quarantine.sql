-- Every data row that does not count, with where it is and why: rows malformed or in a rejected file
-- (found while reading) and rows that name an unknown unit or title or repeat a person (found while
-- matching).
select file, sheet, row, 'reading' as stage, reason, reason_vi, cells
from raw.ingest_quarantine
union all by name
select file, sheet, row, 'matching' as stage, reason, reason_vi, cells
from staging.personnel_matched
where reason is not null
order by file, sheet, row
