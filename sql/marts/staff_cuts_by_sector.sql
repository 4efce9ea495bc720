-- The staff of each sector in each period, in the period's area, at its baseline and at its as-of date:
-- people (a person holding two posts counts once) and posts, and the net reduction in people between
-- them (what left and moved out, less what joined and moved in: staff_flows says which). A sector gone
-- from the area by its as-of date has no one there.
select
    d.period,
    d.sector,
    b.label_vi,
    b.label_en,
    b.is_payroll,
    d.baseline_date,
    d.as_of,
    b.staff as baseline_count,
    coalesce(c.staff, 0) as current_count,
    b.staff - coalesce(c.staff, 0) as cut,
    b.posts as baseline_posts,
    coalesce(c.posts, 0) as current_posts,
    d.note_vi
from marts.reporting_dates as d
inner join marts.staff_per_snapshot as b
    on b.period = d.period and b.sector = d.sector and b.snapshot_date = d.baseline_date
left join marts.staff_per_snapshot as c on c.period = d.period and c.sector = d.sector and c.snapshot_date = d.as_of
order by d.period, d.sector
