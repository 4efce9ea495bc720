-- The professional qualification of the staff of each sector at each snapshot: people at each level
-- (sau đại học, đại học, ... không rõ) and their share of the sector's people.
with people as (
    select
        sector,
        snapshot_date,
        person_key,
        first(qualification_level order by qualification_order) as level,
        min(qualification_order) as level_order
    from staging.personnel
    group by sector, snapshot_date, person_key
)

select
    p.sector,
    s.label_vi as sector_label,
    p.snapshot_date,
    p.level as qualification_level,
    p.level_order,
    count(*) as staff,
    round(100.0 * count(*) / sum(count(*)) over (partition by p.sector, p.snapshot_date), 1) as share_pct
from people as p
inner join staging.sector_labels as s on s.sector = p.sector
group by p.sector, s.label_vi, p.snapshot_date, p.level, p.level_order
order by p.sector, p.snapshot_date, p.level_order
