-- The scorecard's metrics with their labels and their targets: a number, or a share of the metric's
-- baseline, met when the value is at least (or, by comparison '<=', at most) the target, by its due date,
-- with its legal basis; a metric may have a row per period of validity of its target.
select
    metric,
    label_vi,
    label_en,
    cast(target as double) as target,
    cast(target_pct_of_baseline as double) as target_pct_of_baseline,
    coalesce(comparison, '>=') as comparison,
    basis,
    cast(due_date as date) as due_date,
    cast(valid_from as date) as valid_from,
    cast(valid_to as date) as valid_to
from raw.scorecard_metrics
