-- Each reporting period as the district defines it, a row per sector: the area compared and the dates
-- asked for (the sector's own row where the district wrote one, else the period's). Without
-- reporting_periods.csv, one period covers all the data, from each sector's first snapshot to its latest.
with written as (
    select
        period,
        label_vi,
        label_en,
        basis,
        area_code,
        sector,
        cast(baseline_date as date) as baseline_date,
        cast(as_of_date as date) as as_of_date,
        cast(posts_base_year as integer) as posts_base_year
    from raw.reporting_periods
),

defined as (
    select * from written
    union all
    select
        'toan_bo' as period,
        'Toàn bộ số liệu' as label_vi,
        'All the data' as label_en,
        null as basis,
        null as area_code,
        null as sector,
        null as baseline_date,
        null as as_of_date,
        null as posts_base_year
    where not exists (select 1 from written)
),

whole_periods as (
    select
        period,
        any_value(label_vi order by sector nulls first) as label_vi,
        any_value(label_en order by sector nulls first) as label_en,
        any_value(basis order by sector nulls first) as basis,
        any_value(area_code order by sector nulls first) as area_code,
        any_value(posts_base_year order by sector nulls first) as posts_base_year
    from defined
    group by period
)

select
    p.period,
    p.label_vi,
    p.label_en,
    p.basis,
    p.area_code,
    p.posts_base_year,
    s.sector,
    coalesce(own.baseline_date, whole.baseline_date) as baseline_date,
    coalesce(own.as_of_date, whole.as_of_date) as as_of_date
from whole_periods as p
cross join (select distinct sector from staging.sectors) as s
left join defined as own on own.period = p.period and own.sector = s.sector
left join defined as whole on whole.period = p.period and whole.sector is null
