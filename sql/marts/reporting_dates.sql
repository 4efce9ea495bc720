-- The dates each sector's figures compare. Its baseline is the first snapshot with lists of that
-- sector; its as-of date the latest snapshot whose lists are complete: they cover every commune
-- (as it is today, after mergers; district agencies count as one) the baseline covered. A list
-- that arrives early for a later date, alone, does not make every other unit count as zero.
with presence as (
    select distinct
        p.sector,
        p.snapshot_date,
        coalesce(s.successor_code, '(district)') as commune
    from staging.personnel as p
    left join staging.unit_successors as s on s.unit_code = p.commune_code
),

baselines as (
    select sector, min(snapshot_date) as baseline_date
    from presence
    group by sector
),

expected as (
    select p.sector, p.commune
    from presence as p
    inner join baselines as b on b.sector = p.sector and b.baseline_date = p.snapshot_date
),

complete as (
    select p.sector, p.snapshot_date
    from presence as p
    inner join expected as e on e.sector = p.sector and e.commune = p.commune
    group by p.sector, p.snapshot_date
    having count(*) = (select count(*) from expected as x where x.sector = p.sector)
)

select b.sector, b.baseline_date, max(c.snapshot_date) as as_of
from baselines as b
inner join complete as c on c.sector = b.sector
group by b.sector, b.baseline_date
order by b.sector
