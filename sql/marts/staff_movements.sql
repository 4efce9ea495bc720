-- Each person of each sector in each period: their unit at the baseline and at the as-of date, and what
-- happened between. A person is matched across dates by person_key; their unit in a sector on a day is
-- the first of their posts there (a second post is kiêm nhiệm, not another person).
--   stayed     in the same unit on both dates
--   moved      in another unit of the sector (rotated, or their unit merged into another)
--   moved_out  in another sector of the area at the as-of date (their own sector's date), or outside
--              the area in a body that carries on their unit (moved by a reorganisation)
--   moved_in   in another sector of the area at the baseline
--   left       in no sector of the area at the as-of date (retired, cut, transferred out ...)
--   joined     in no sector of the area at the baseline (recruited, transferred in ...)
-- A move is neither a cut nor a hire; the sector's cut is what left minus what joined, moves in and out.
with dates as (
    select period, sector, baseline_date, as_of from marts.reporting_dates
),

people as (
    select
        a.period,
        p.snapshot_date as day,
        p.sector,
        p.person_key,
        first(p.unit_code order by p.file, p.sheet, p.row) as unit_code,
        first(p.position_title order by p.file, p.sheet, p.row) as title,
        first(p.full_name order by p.file, p.sheet, p.row) as full_name,
        first(p.name_key order by p.file, p.sheet, p.row) as name_key
    from staging.personnel as p
    inner join staging.area_units as a on a.day = p.snapshot_date and a.unit_code = p.unit_code
    group by a.period, p.snapshot_date, p.sector, p.person_key
),

before as (
    select d.period, d.sector, d.baseline_date, d.as_of, p.person_key, p.unit_code, p.title, p.full_name, p.name_key
    from dates as d
    inner join people as p on p.period = d.period and p.sector = d.sector and p.day = d.baseline_date
),

after as (
    select d.period, d.sector, d.baseline_date, d.as_of, p.person_key, p.unit_code, p.title, p.full_name, p.name_key
    from dates as d
    inner join people as p on p.period = d.period and p.sector = d.sector and p.day = d.as_of
),

both_dates as (
    select
        coalesce(b.period, a.period) as period,
        coalesce(b.sector, a.sector) as sector,
        coalesce(b.baseline_date, a.baseline_date) as baseline_date,
        coalesce(b.as_of, a.as_of) as as_of,
        coalesce(b.person_key, a.person_key) as person_key,
        coalesce(b.full_name, a.full_name) as full_name,
        coalesce(b.name_key, a.name_key) as name_key,
        b.unit_code as unit_before,
        b.title as title_before,
        a.unit_code as unit_after,
        a.title as title_after
    from before as b
    full join after as a on a.period = b.period and a.sector = b.sector and a.person_key = b.person_key
),

-- Where a person is in the other sectors of the area on this sector's dates.
elsewhere as (
    select
        x.period,
        x.sector,
        x.person_key,
        first(o.sector order by o.sector) filter (where o.day = x.as_of) as sector_after,
        first(o.unit_code order by o.sector) filter (where o.day = x.as_of) as unit_after,
        first(o.sector order by o.sector) filter (where o.day = x.baseline_date) as sector_before,
        first(o.unit_code order by o.sector) filter (where o.day = x.baseline_date) as unit_before
    from both_dates as x
    inner join people as o
        on o.period = x.period
        and o.person_key = x.person_key
        and o.sector <> x.sector
        and o.day in (x.baseline_date, x.as_of)
    group by x.period, x.sector, x.person_key
),

-- A person of the baseline found at the as-of date outside the area, in a body that carries on their own
-- unit (a province department that took over a district agency): moved by the reorganisation, not left.
to_successor as (
    select
        x.period,
        x.sector,
        x.person_key,
        first(p.sector order by p.file, p.sheet, p.row) as sector_after,
        first(p.unit_code order by p.file, p.sheet, p.row) as unit_after
    from both_dates as x
    inner join staging.personnel as p on p.person_key = x.person_key and p.snapshot_date = x.as_of
    inner join staging.unit_successors as carried
        on carried.day = x.as_of
        and carried.unit_code = x.unit_before
        and carried.successor_code = p.unit_code
        and carried.successor_code <> carried.unit_code
    left join staging.area_units as a on a.period = x.period and a.day = x.as_of and a.unit_code = p.unit_code
    where x.unit_before is not null and x.unit_after is null and a.unit_code is null
    group by x.period, x.sector, x.person_key
)

select
    x.period,
    x.sector,
    x.baseline_date,
    x.as_of,
    x.person_key,
    x.full_name,
    x.name_key,
    x.unit_before,
    x.title_before,
    x.unit_after,
    x.title_after,
    case when x.unit_before is null then e.sector_before else coalesce(e.sector_after, t.sector_after) end
        as other_sector,
    case when x.unit_before is null then e.unit_before else coalesce(e.unit_after, t.unit_after) end
        as other_unit,
    case
        when x.unit_before = x.unit_after then 'stayed'
        when x.unit_before is not null and x.unit_after is not null then 'moved'
        when x.unit_before is not null and coalesce(e.sector_after, t.sector_after) is not null then 'moved_out'
        when x.unit_before is not null then 'left'
        when e.sector_before is not null then 'moved_in'
        else 'joined'
    end as status
from both_dates as x
left join elsewhere as e on e.period = x.period and e.sector = x.sector and e.person_key = x.person_key
left join to_successor as t on t.period = x.period and t.sector = x.sector and t.person_key = x.person_key
