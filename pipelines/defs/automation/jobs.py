"""The one job every trigger runs: all assets and their checks, the publishing step last."""

import dagster as dg

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read raw/, rebuild every table, run the checks and publish the warehouse.",
)
