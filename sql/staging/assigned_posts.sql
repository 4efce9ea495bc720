-- Posts assigned each year to each unit and staff type, and the decision that assigned them.
select
    unit_code,
    cast(year as integer) as year,
    staff_type,
    cast(assigned_posts as integer) as assigned_posts,
    decision
from raw.assigned_posts
