"""Great Expectations Data Docs for the checks, built from the published warehouse.

The asset checks validate each table inside the run's build in an ephemeral context that keeps no
results. For the Data Docs the same suites (each table's YAML) are validated again, against the tables
as published, in a context of their own that stores its results and renders them to a local site. One
suite per Dagster check, `<schema>.<table>.structure` or `.quality`; expectations that validate a
query's result instead of the table form a suite of their own, `...structure.query1`, since a GX
validation reads one batch.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines import models, quality
from pipelines.reports import data_docs_offline

SITE = "tinhgon"


@dataclass(frozen=True)
class SuiteResult:
    suite: str  # marts.r22_village_progress.quality
    table: str
    check: str  # structure / quality: the Dagster check it mirrors
    success: bool
    evaluated: int
    failed: int
    page: str  # the validation result's page, relative to the site's folder


@dataclass(frozen=True)
class _Suite:
    name: str
    table: str
    check: str
    query: str | None
    expectations: list[quality.Expectation]


def write_site(published: Path, site: Path, run_name: str) -> list[SuiteResult]:
    """Validate every suite on the published tables and render the site into `site`, to open offline."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    site_config = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    # Given a config, the context makes no site of its own in a temporary folder (left behind otherwise).
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(), data_docs_sites={SITE: site_config}
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("tinhgon")
    run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
    outcomes = []
    with duckdb.connect(published, read_only=True) as connection:
        for suite in suites():
            query = suite.query or quality.selected(suite.table, quality.columns_read(suite.expectations))
            frame = connection.execute(query).df()
            batch = source.add_dataframe_asset(suite.name).add_batch_definition_whole_dataframe("whole")
            expectation_suite = context.suites.add(gx.ExpectationSuite(name=suite.name))
            for expectation in suite.expectations:
                expectation_suite.add_expectation(_gx_expectation(expectation))
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=suite.name, data=batch, suite=expectation_suite)
            )
            result = validation.run(
                batch_parameters={"dataframe": frame}, result_format="SUMMARY", run_id=run_id
            )
            outcomes.append((suite, result))
    context.build_data_docs(site_names=[SITE])
    data_docs_offline.make_offline(site)
    pages = _pages(context, site)
    return [
        SuiteResult(
            suite.name,
            suite.table,
            suite.check,
            bool(result.success),
            result.statistics["evaluated_expectations"],
            result.statistics["unsuccessful_expectations"],
            pages[suite.name],
        )
        for suite, result in outcomes
    ]


def suites() -> list[_Suite]:
    found = []
    for model in models.all_models():
        for severity, check in quality.CHECK_NAMES.items():
            expectations = quality.suite_of(model.doc, severity)
            queries = [q for q in dict.fromkeys(e.query for e in expectations) if q]
            for query in [None, *queries]:
                batch = [e for e in expectations if e.query == query]
                if batch:
                    number = f".query{queries.index(query) + 1}" if query else ""
                    found.append(_Suite(f"{model.name}.{check}{number}", model.name, check, query, batch))
    return found


def _gx_expectation(expectation: quality.Expectation):
    notes = [expectation.description] if expectation.description else []
    if expectation.query:
        notes.append(f"Validates the result of: `{' '.join(expectation.query.split())}`")
    return quality.expectation_class(expectation.type)(**expectation.kwargs, notes=notes or None)


def _pages(context, site: Path) -> dict[str, str]:
    """Each suite's validation result page, relative to the site root."""
    root = site.resolve().as_uri()
    pages = {}
    for key in context.validation_results_store.list_keys():
        [url] = [
            u["site_url"] for u in context.get_docs_sites_urls(resource_identifier=key, site_names=[SITE])
        ]
        pages[key.expectation_suite_identifier.name] = url.removeprefix(root + "/")
    return pages
