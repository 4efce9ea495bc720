-- The scorecard's metrics with their labels and targets, typed.
select
    metric,
    label_vi,
    label_en,
    cast(target as double) as target,
    cast(target_pct_of_baseline as double) as target_pct_of_baseline
from raw.scorecard_metrics
