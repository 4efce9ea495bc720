"""The reports a district leader reads, rebuilt from the published warehouse after every run.

They read the published file, not the run's build: the build is renamed into the published file by the
`warehouse` asset, so after publishing only the published file exists, and a run that fails before
publishing never gets here, leaving the last good reports in place.
"""

import dagster as dg

from pipelines.defs.metadata import OWNERS, rows_table
from pipelines.warehouse.resource import Warehouse

WORKBOOK = dg.AssetKey(["reports", "workbook"])
PAGE = dg.AssetKey(["reports", "page"])
DATA_DOCS = dg.AssetKey(["reports", "data_docs"])


def _spec(key: dg.AssetKey, kind: str, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        key,
        deps=["warehouse"],
        description=description,
        group_name="reports",
        kinds={kind, "duckdb"},
        owners=OWNERS,
    )


@dg.multi_asset(
    specs=[
        _spec(
            WORKBOOK,
            "excel",
            "Excel workbook reports/bao-cao-tinh-gon_<as-of>.xlsx for the Home Affairs office: each period's "
            "scorecard on a cover sheet, one sheet per mart (flows, leavers, assigned posts, qualifications, "
            "reference gaps among them), and what the clerks must fix.",
        ),
        _spec(
            PAGE,
            "html",
            "reports/index.html, one self-contained page naming no one: per period the scorecard, charts of "
            "the Resolution 22 cuts per commune, the villages over quota, staff by sector over the snapshots "
            "and each sector's flows; staff qualifications, the reference gaps, how much to fix, and the "
            "checks with links to their Data Docs.",
        ),
        _spec(
            DATA_DOCS,
            "great_expectations",
            "Great Expectations Data Docs in reports/data-docs/: every table's suites validated on the "
            "published tables.",
        ),
    ],
)
def reports(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Build all three into a staging folder and move them over the previous reports together."""
    from pipelines.reports.writing import write_reports  # matplotlib and GX: only the runs that get here

    built = write_reports(warehouse.published, run_name=context.run.run_id)
    yield dg.MaterializeResult(
        asset_key=WORKBOOK,
        metadata={
            "path": dg.MetadataValue.path(str(built.workbook)),
            "sheets": rows_table(
                ["sheet", "rows"],
                [{"sheet": sheet, "rows": str(rows)} for sheet, rows in built.sheets.items()],
            ),
        },
    )
    yield dg.MaterializeResult(asset_key=PAGE, metadata={"path": dg.MetadataValue.path(str(built.page))})
    failed = [s for s in built.suites if not s.success]
    yield dg.MaterializeResult(
        asset_key=DATA_DOCS,
        metadata={
            "index": dg.MetadataValue.url(built.data_docs.as_uri()),
            "suites": len(built.suites),
            "failed_suites": dg.MetadataValue.md("\n".join(f"- {s.suite}" for s in failed) or "none"),
        },
    )
