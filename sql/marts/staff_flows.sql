-- The staff flows of each sector in each period, unit by unit: the people at the baseline, those who
-- joined, moved in and moved out (another unit or sector of the area: neither a cut nor a hire) and left,
-- and the people at the as-of date, so that baseline_count + joined + moved_in - moved_out - left =
-- current_count on every row.
with counted as (
    select
        period,
        sector,
        baseline_date,
        as_of,
        unit_before as unit_code,
        1 as baseline_count,
        0 as joined,
        0 as moved_in,
        (status in ('moved', 'moved_out'))::integer as moved_out,
        (status = 'left')::integer as gone,
        0 as current_count
    from marts.staff_movements
    where unit_before is not null
    union all
    select
        period,
        sector,
        baseline_date,
        as_of,
        unit_after,
        0,
        (status = 'joined')::integer,
        (status in ('moved', 'moved_in'))::integer,
        0,
        0,
        1
    from marts.staff_movements
    where unit_after is not null
)

select
    c.period,
    c.sector,
    c.unit_code,
    u.label_vi as unit,
    c.baseline_date,
    c.as_of,
    sum(c.baseline_count) as baseline_count,
    sum(c.joined) as joined,
    sum(c.moved_in) as moved_in,
    sum(c.moved_out) as moved_out,
    sum(c.gone) as "left",
    sum(c.current_count) as current_count
from counted as c
left join staging.unit_labels as u on u.unit_code = c.unit_code
group by c.period, c.sector, c.unit_code, u.label_vi, c.baseline_date, c.as_of
order by c.period, c.sector, u.label_vi
