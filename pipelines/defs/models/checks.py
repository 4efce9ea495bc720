"""Great Expectations suites as Dagster asset checks: per table, a blocking `structure` check made of
its `error` expectations and a non-blocking `quality` check made of its `warn` expectations."""

import dagster as dg

from pipelines import models, quality
from pipelines.catalog import TableDoc
from pipelines.defs.metadata import rows_table
from pipelines.reports import location
from pipelines.warehouse.resource import Warehouse

_CHECKS = {
    "error": (quality.CHECK_NAMES["error"], dg.AssetCheckSeverity.ERROR, True),
    "warn": (quality.CHECK_NAMES["warn"], dg.AssetCheckSeverity.WARN, False),
}


def suite_check(doc: TableDoc, severity: quality.Severity) -> dg.AssetChecksDefinition | None:
    expectations = quality.suite_of(doc, severity)
    if not expectations:
        return None
    name, check_severity, blocking = _CHECKS[severity]

    @dg.asset_check(
        asset=dg.AssetKey([doc.schema, doc.table]),
        name=name,
        blocking=blocking,
        description="\n".join(f"- {e.label}" for e in expectations),
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: Warehouse) -> dg.AssetCheckResult:
        with warehouse.connect(context) as connection:
            outcomes = quality.validate(connection, doc.name, expectations)
        failed = [o for o in outcomes if not o.success]
        metadata: dict = {
            "expectations": len(outcomes),
            "failed": len(failed),
            # Built from the published tables once the run has published (reports/data_docs).
            "data_docs": dg.MetadataValue.url(
                location.data_docs_index(warehouse.published.absolute()).as_uri()
            ),
            "results": dg.MetadataValue.md(
                "\n".join(
                    f"- {'✅' if o.success else '❌'} {o.expectation.label}"
                    + ("" if o.success else f" — {o.unexpected_count or o.observed} unexpected")
                    for o in outcomes
                )
            ),
        }
        # Per failed expectation, what a run's summary prints: what failed, its rows and what to do.
        for number, outcome in enumerate(failed, start=1):
            metadata[f"failed_{number}"] = outcome.expectation.label
            if outcome.expectation.what_to_do:
                metadata[f"what_to_do_{number}"] = outcome.expectation.what_to_do
            if outcome.failing_rows:
                rows = outcome.failing_rows
                metadata[f"failing_rows_{number}"] = rows_table(list(rows[0]), rows)
        return dg.AssetCheckResult(passed=not failed, severity=check_severity, metadata=metadata)

    return check


@dg.definitions
def table_checks() -> dg.Definitions:
    docs = [model.doc for model in models.all_models()]
    checks = [suite_check(doc, severity) for doc in docs for severity in _CHECKS]
    return dg.Definitions(asset_checks=[check for check in checks if check])
