-- The district's figures for each period, each computed from the marts above, with the target in force
-- for the period (reference/scorecard_metrics.csv: a number or a share of the figure's baseline, its legal
-- basis and due date) and whether it is met: đạt, không đạt, chưa đến hạn (due after the as-of date and
-- not yet met), or không có mục tiêu (a figure no rule or plan sets a target for).
with periods as (
    select
        d.period,
        min(d.baseline_date) as period_start,
        max(d.as_of) as period_end,
        string_agg(distinct d.note_vi, '; ') as note_vi
    from marts.reporting_dates as d
    group by d.period
),

payroll as (
    select * from marts.staff_cuts_by_sector where is_payroll
),

units_active as (
    select
        p.period,
        u.level,
        count(distinct u.unit_code) filter (where a.day = p.period_start) as at_start,
        count(distinct u.unit_code) filter (where a.day = p.period_end) as at_end
    from periods as p
    inner join staging.area_units as a on a.period = p.period and a.day in (p.period_start, p.period_end)
    inner join staging.units as u on u.unit_code = a.unit_code and in_force(u.valid_from, u.valid_to, a.day)
    group by p.period, u.level
),

village_mergers as (
    select
        p.period,
        count(distinct l.unit_code) as merged_from,
        count(distinct l.successor_code) as merged_into
    from periods as p
    inner join staging.area_units as a on a.period = p.period and a.day = p.period_start
    inner join staging.units as old
        on old.unit_code = a.unit_code and old.level = 'village' and in_force(old.valid_from, old.valid_to, a.day)
    inner join staging.unit_links as l on l.unit_code = old.unit_code
    inner join staging.units as new on new.unit_code = l.successor_code and new.level = 'village'
    where l.effective_date > p.period_start and l.effective_date <= p.period_end
    group by p.period
),

ncs as (
    select
        period,
        level,
        min(baseline_date) as baseline_date,
        max(as_of) as as_of,
        sum(baseline_count) as baseline_count,
        sum(actual_cut) as actual_cut,
        sum(least(actual_cut, required_cut)) filter (where quota is not null) as achieved_cut,
        sum(required_cut) filter (where quota is not null) as required_cut
    from marts.r22_commune_progress
    group by period, level
),

villages as (
    select
        period,
        max(as_of) as as_of,
        count(*) filter (where excess > 0) as over_limit,
        count(*) filter (where quota is not null) as with_quota,
        count(*) filter (where within_quota) as within_limit
    from marts.r22_village_progress
    group by period
),

posts as (
    select
        s.period,
        max(s.snapshot_date) as as_of,
        sum(s.base_posts) as base_posts,
        sum(s.base_posts - s.assigned_posts) as posts_cut
    from marts.unit_staffing as s
    inner join marts.reporting_dates as d
        on d.period = s.period and d.sector = s.sector and d.as_of = s.snapshot_date
    where s.base_posts is not null and s.assigned_posts is not null
    group by s.period
),

postgraduates as (
    select
        c.period,
        max(c.as_of) as as_of,
        round(100.0 * count(distinct p.person_key) filter (where p.qualification_order = 1)
            / count(distinct p.person_key), 1) as share_pct
    from payroll as c
    inner join staging.personnel as p on p.sector = c.sector and p.snapshot_date = c.as_of
    inner join staging.area_units as a on a.period = c.period and a.day = p.snapshot_date and a.unit_code = p.unit_code
    group by c.period
),

figures as (
    select period, 'staff_cut_total' as metric, sum(cut) as value, min(baseline_date) as baseline_date,
        max(as_of) as as_of, sum(baseline_count) as baseline_value
    from payroll
    group by period
    union all
    select period, 'staff_cut_' || sector, cut, baseline_date, as_of, baseline_count from payroll
    union all
    select u.period, 'units_cut_' || case u.level when 'district_agency' then 'district_agencies' else 'schools' end,
        u.at_start - u.at_end, p.period_start, p.period_end, u.at_start
    from units_active as u
    inner join periods as p on p.period = u.period
    where u.level in ('district_agency', 'school')
    union all
    select p.period, 'villages_merged_from', coalesce(m.merged_from, 0), p.period_start, p.period_end, null
    from periods as p
    left join village_mergers as m on m.period = p.period
    union all
    select p.period, 'villages_merged_into', coalesce(m.merged_into, 0), p.period_start, p.period_end, null
    from periods as p
    left join village_mergers as m on m.period = p.period
    union all
    select u.period, 'villages_net_cut', u.at_start - u.at_end, p.period_start, p.period_end, u.at_start
    from units_active as u
    inner join periods as p on p.period = u.period
    where u.level = 'village'
    union all
    select period, 'ncs_' || level || '_cut', actual_cut, baseline_date, as_of, baseline_count from ncs
    union all
    -- A commune's cut beyond its quota does not make up for another's shortfall.
    select period, 'r22_achieved_pct', round(100.0 * sum(achieved_cut) / sum(required_cut), 1), min(baseline_date),
        max(as_of), null
    from ncs
    group by period
    having sum(required_cut) > 0
    union all
    select period, 'villages_over_limit', over_limit, null, as_of, null from villages
    union all
    select period, 'villages_within_limit_pct', round(100.0 * within_limit / with_quota, 1), null, as_of, null
    from villages
    where with_quota > 0
    union all
    select p.period, 'assigned_posts_cut', s.posts_cut, null, s.as_of, s.base_posts
    from periods as p
    inner join posts as s on s.period = p.period
    union all
    select period, 'payroll_postgraduate_pct', share_pct, null, as_of, null from postgraduates
),

targeted as (
    select
        f.*,
        m.label_vi,
        m.label_en,
        coalesce(m.target, ceil(m.target_pct_of_baseline / 100 * f.baseline_value)) as target,
        m.comparison,
        m.due_date,
        m.basis,
        row_number() over (partition by f.period, f.metric order by m.valid_from desc nulls last) as preference
    from figures as f
    left join staging.scorecard_metrics as m on m.metric = f.metric and in_force(m.valid_from, m.valid_to, f.as_of)
)

select
    t.period,
    pl.label_vi as period_label_vi,
    t.metric,
    coalesce(t.label_vi, own.label_vi, sector.label_vi, t.metric) as label_vi,
    t.label_en,
    cast(t.value as double) as value,
    cast(t.target as double) as target,
    t.comparison,
    t.due_date,
    t.basis,
    case
        when t.target is null then 'không có mục tiêu'
        when (t.comparison = '<=' and t.value <= t.target) or (t.comparison = '>=' and t.value >= t.target)
            then 'đạt'
        when t.due_date > t.as_of then 'chưa đến hạn'
        else 'không đạt'
    end as target_status,
    t.baseline_date,
    t.as_of,
    p.note_vi
from targeted as t
inner join periods as p on p.period = t.period
left join (select distinct period, label_vi from staging.periods) as pl on pl.period = t.period
left join staging.labels as own on own.vocabulary = 'metric' and own.code = t.metric
-- a payroll sector's net reduction, named after the sector
left join (
    select distinct sector, 'Số biên chế giảm (thực giảm): ' || label_vi as label_vi
    from marts.staff_cuts_by_sector
) as sector on t.metric = 'staff_cut_' || sector.sector
where t.preference = 1
order by t.period, t.metric
