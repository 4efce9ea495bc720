-- The district's figures in one table, each computed from the marts above; labels and targets come
-- from reference/scorecard_metrics.csv.
with as_of as (
    select max(as_of) as as_of, min(baseline_date) as programme_start from marts.reporting_dates
),

payroll as (
    select * from marts.staff_cuts_by_sector where is_payroll
),

units_active as (
    select
        u.level,
        count(*) filter (
            where u.valid_from <= a.programme_start and (u.valid_to is null or u.valid_to > a.programme_start)
        ) as at_start,
        count(*) filter (
            where u.valid_from <= a.as_of and (u.valid_to is null or u.valid_to > a.as_of)
        ) as at_as_of
    from staging.units as u, as_of as a
    group by u.level
),

village_mergers as (
    select count(*) as merged_from, count(distinct merged_into) as merged_into
    from staging.units as u, as_of as a
    where u.level = 'village' and u.merged_into is not null
        and u.valid_to > a.programme_start and u.valid_to <= a.as_of
),

ncs as (
    select
        level,
        min(baseline_date) as baseline_date,
        max(as_of) as as_of,
        sum(actual_cut) as actual_cut,
        sum(least(actual_cut, required_cut)) as achieved_cut,
        sum(required_cut) as required_cut
    from marts.r22_commune_progress
    group by level
),

figures as (
    select 'staff_cut_total' as metric, sum(cut) as value, min(baseline_date) as baseline_date,
        max(as_of) as as_of, sum(baseline_count) as baseline_value
    from payroll
    union all
    select 'staff_cut_' || sector, cut, baseline_date, as_of, baseline_count from payroll
    union all
    select 'units_cut_district_agencies', at_start - at_as_of, a.programme_start, a.as_of, at_start
    from units_active, as_of as a where level = 'district_agency'
    union all
    select 'units_cut_schools', at_start - at_as_of, a.programme_start, a.as_of, at_start
    from units_active, as_of as a where level = 'school'
    union all
    select 'villages_merged_from', merged_from, a.programme_start, a.as_of, null from village_mergers, as_of as a
    union all
    select 'villages_merged_into', merged_into, a.programme_start, a.as_of, null from village_mergers, as_of as a
    union all
    select 'villages_net_cut', at_start - at_as_of, a.programme_start, a.as_of, at_start
    from units_active, as_of as a where level = 'village'
    union all
    select 'ncs_' || level || '_cut', actual_cut, baseline_date, as_of, null from ncs
    union all
    -- A commune's cut beyond its quota does not make up for another's shortfall.
    select 'r22_achieved_pct', round(100.0 * sum(achieved_cut) / sum(required_cut), 1), min(baseline_date),
        max(as_of), null
    from ncs
    union all
    select 'villages_over_limit', count(*) filter (where excess > 0), null, max(as_of), null
    from marts.r22_village_progress
)

select
    f.metric,
    m.label_vi,
    m.label_en,
    cast(f.value as double) as value,
    coalesce(
        m.target,
        ceil(m.target_pct_of_baseline / 100 * f.baseline_value)
    ) as target,
    f.baseline_date,
    f.as_of
from figures as f
left join staging.scorecard_metrics as m on m.metric = f.metric
order by f.metric
