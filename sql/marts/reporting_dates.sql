-- The dates each sector's figures compare: its baseline (the first snapshot with lists of that
-- sector) and the as-of date (the latest snapshot of all).
select
    sector,
    min(snapshot_date) as baseline_date,
    (select max(snapshot_date) from staging.personnel) as as_of
from staging.personnel
group by sector
order by sector
