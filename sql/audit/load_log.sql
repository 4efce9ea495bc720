-- One line per file of the raw folder: read or rejected, why, and where each of its rows went.
with loaded as (
    select file, count(*) as rows_loaded from staging.personnel group by file
),

quarantined as (
    select file, count(*) as rows_quarantined from audit.quarantine group by file
),

lists as (
    select file, count(*) as lists, list(distinct snapshot_date order by snapshot_date) as snapshot_dates
    from raw.lists
    group by file
)

select
    f.file,
    f.sha256,
    f.status,
    f.reason,
    f.reason_vi,
    coalesce(s.lists, 0) as lists,
    f.sheets_without_list as sheets_skipped,
    s.snapshot_dates,
    coalesce(l.rows_loaded, 0) as rows_loaded,
    coalesce(q.rows_quarantined, 0) as rows_quarantined
from raw.source_files as f
left join lists as s on s.file = f.file
left join loaded as l on l.file = f.file
left join quarantined as q on q.file = f.file
order by f.file
