"""Great Expectations suites as Dagster asset checks: per table, a blocking `structure` check made of
its `error` expectations and a non-blocking `quality` check made of its `warn` expectations.

A check runs in the step that builds its table, right after it (see assets.py): a step of its own costs
Dagster's fixed cost of a step and a new connection to the build. Only a check whose queries read a
table its own table is not built from gets a step of its own, which waits for that table too.
"""

from dataclasses import dataclass, field

import dagster as dg
import duckdb

from pipelines import quality
from pipelines.catalog import TableDoc
from pipelines.defs.metadata import rows_table
from pipelines.reports import location
from pipelines.warehouse.resource import Warehouse

_CHECKS = {
    "error": (quality.CHECK_NAMES["error"], dg.AssetCheckSeverity.ERROR, True),
    "warn": (quality.CHECK_NAMES["warn"], dg.AssetCheckSeverity.WARN, False),
}


@dataclass(frozen=True)
class SuiteCheck:
    """One severity of a table's suite, as the check Dagster shows on the table's asset."""

    spec: dg.AssetCheckSpec
    severity: dg.AssetCheckSeverity
    table: str
    expectations: list[quality.Expectation] = field(hash=False)

    @property
    def tables_read(self) -> set[tuple[str, str]]:
        """The tables its queries read, but its own."""
        return quality.tables_queried(self.expectations) - {tuple(self.spec.asset_key.path)}

    def evaluate(self, connection: duckdb.DuckDBPyConnection, warehouse: Warehouse) -> dg.AssetCheckResult:
        outcomes = quality.validate(connection, self.table, self.expectations)
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
        return dg.AssetCheckResult(
            asset_key=self.spec.asset_key,
            check_name=self.spec.name,
            passed=not failed,
            severity=self.severity,
            metadata=metadata,
        )

    def in_own_step(self) -> dg.AssetChecksDefinition:
        """The check as a step of its own, after its table and the other tables its queries read."""

        @dg.asset_check(
            asset=self.spec.asset_key,
            name=self.spec.name,
            blocking=self.spec.blocking,
            description=self.spec.description,
            additional_deps=[dg.AssetKey(list(table)) for table in sorted(self.tables_read)],
        )
        def check(context: dg.AssetCheckExecutionContext, warehouse: Warehouse) -> dg.AssetCheckResult:
            with warehouse.connect(context) as connection:
                return self.evaluate(connection, warehouse)

        return check


def suite_checks(doc: TableDoc) -> list[SuiteCheck]:
    """The table's checks: one per severity its YAML has expectations of."""
    checks = []
    for severity, (name, check_severity, blocking) in _CHECKS.items():
        if expectations := quality.suite_of(doc, severity):
            spec = dg.AssetCheckSpec(
                name,
                asset=dg.AssetKey([doc.schema, doc.table]),
                blocking=blocking,
                description="\n".join(f"- {e.label}" for e in expectations),
            )
            checks.append(SuiteCheck(spec, check_severity, doc.name, expectations))
    return checks
