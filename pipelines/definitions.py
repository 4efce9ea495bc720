"""The Dagster code location: everything under pipelines/defs/, run in-process (fastest to start)."""

import warnings
from datetime import timedelta
from pathlib import Path

import dagster as dg

# The nightly run rebuilds the marts; a day and a half without one means runs fail or do not start.
MARTS_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=36))


def make_definitions() -> dg.Definitions:
    """Definitions for the raw folder and warehouse the environment names (read at call time)."""
    defs = dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        dg.Definitions(executor=dg.in_process_executor),
    )
    with warnings.catch_warnings():
        # Dagster's documented way to apply a policy once for many assets, still marked "preview"
        warnings.simplefilter("ignore", dg.PreviewWarning)
        return defs.map_asset_specs(func=_with_freshness_policy)


def _with_freshness_policy(spec: dg.AssetSpec) -> dg.AssetSpec:
    return dg.apply_freshness_policy(spec, MARTS_FRESHNESS) if spec.group_name == "marts" else spec


defs = make_definitions()
