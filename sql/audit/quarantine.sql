-- Every row a clerk must look at, with where it is and why. Rows that cannot count (counted = false): no
-- name or title, or in a rejected file (found while reading); an unknown unit or title, or a true
-- duplicate (found while matching); a leaver whom no personnel list names. Rows that count but have a
-- cell to fix (counted = true): a date of birth, an ID number or a sex that is not one.
select file, sheet, row, 'reading' as stage, reason, reason_vi, false as counted, cells
from raw.ingest_quarantine
union all by name
select
    file,
    sheet,
    row,
    case when counted then 'reading' else 'matching' end as stage,
    concat_ws('; ', reading_problem, reason) as reason,
    concat_ws('; ', reading_problem_vi, reason_vi) as reason_vi,
    counted,
    cells
from staging.personnel_matched
where reason is not null or reading_problem is not null
union all by name
select
    l.file,
    l.sheet,
    l.row,
    case when r.matched then 'reading' else 'matching' end as stage,
    concat_ws(
        '; ',
        l.reading_problem,
        case when not r.matched then 'row ' || l.row || ': ' || l.full_name || ' is in no personnel list' end
    ) as reason,
    concat_ws(
        '; ',
        l.reading_problem_vi,
        case
            when not r.matched
                then 'dòng ' || l.row || ': không tìm thấy ' || l.full_name || ' trong danh sách nhân sự nào'
        end
    ) as reason_vi,
    r.matched as counted,
    l.cells
from raw.leavers as l
inner join staging.leaver_records as r on r.file = l.file and r.sheet = l.sheet and r.row = l.row
where l.reading_problem is not null or not r.matched
order by file, sheet, row
