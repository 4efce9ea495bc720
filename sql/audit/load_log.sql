-- One line per file of the raw folder: read or rejected, why, and where each of its rows went: counted,
-- counted with a cell to fix, or not counted. Every data row is in exactly one of rows_loaded and
-- rows_quarantined.
with loaded as (
    select file, count(*) as rows_loaded from staging.personnel group by file
    union all
    select file, count(*) from staging.leaver_records where matched group by file
),

quarantined as (
    select
        file,
        count(*) filter (where not counted) as rows_quarantined,
        count(*) filter (where counted) as rows_to_fix
    from audit.quarantine
    group by file
),

lists as (
    select file, count(*) as lists, list(distinct snapshot_date order by snapshot_date) as snapshot_dates
    from raw.lists
    group by file
)

select
    f.file,
    f.kind,
    f.sha256,
    f.status,
    f.reason,
    f.reason_vi,
    coalesce(s.lists, 0) as lists,
    f.sheets_without_list as sheets_skipped,
    s.snapshot_dates,
    coalesce(l.rows_loaded, 0) as rows_loaded,
    coalesce(q.rows_quarantined, 0) as rows_quarantined,
    coalesce(q.rows_to_fix, 0) as rows_to_fix
from raw.source_files as f
left join lists as s on s.file = f.file
left join loaded as l on l.file = f.file
left join quarantined as q on q.file = f.file
order by f.file
