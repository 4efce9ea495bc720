"""Great Expectations suites declared in each table's YAML, validated on DataFrames.

GX's SQL datasources do not work on DuckDB, so each check reads into pandas the query it names, or
the rows DuckDB finds could break it, or else its whole table, and validates them in an ephemeral GX
context. Each expectation is either an `error` (structural: the data cannot be trusted downstream) or
a `warn` (worth a look, blocks nothing).
Importing great_expectations takes seconds, so it happens on the first validation, not at import, or
in the background while the lists are read (`prepare_in_background`).
"""

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

import duckdb

from pipelines.catalog import TableDoc
from pipelines.sql_text import identifier, literal

if TYPE_CHECKING:
    import pandas as pd

Severity = Literal["error", "warn"]
CHECK_NAMES: dict[Severity, str] = {"error": "structure", "warn": "quality"}  # one check per severity
SHOWN_FAILURES = 20
# Columns that identify a row without revealing a person: what failing-row samples may show.
_IDENTIFYING = (
    "file",
    "sheet",
    "row",
    "period",
    "metric",
    "sector",
    "commune",
    "village",
    "level",
    "unit_code",
    "unit",
    "gap",
    "subject",
    "reference_file",
)


@dataclass(frozen=True)
class Expectation:
    type: str  # a GX expectation name: expect_column_values_to_not_be_null
    kwargs: dict
    severity: Severity = "error"
    query: str | None = None  # validate this query's result instead of the whole table
    description: str = ""
    what_to_do: str = ""  # printed with the failing rows when the expectation fails

    @classmethod
    def from_yaml(cls, entry: dict) -> "Expectation":
        entry = dict(entry)
        return cls(
            type=entry.pop("expectation"),
            severity=entry.pop("severity", "error"),
            query=entry.pop("query", None),
            description=entry.pop("description", ""),
            what_to_do=entry.pop("what_to_do", ""),
            kwargs=entry,
        )

    @property
    def label(self) -> str:
        target = self.kwargs.get("column") or self.kwargs.get("column_list") or ""
        return f"{self.type}({target})" + (f": {self.description}" if self.description else "")


@dataclass
class Outcome:
    expectation: Expectation
    success: bool
    observed: object = None
    unexpected_count: int = 0
    failing_rows: list[dict] = field(default_factory=list)


def suite_of(doc: TableDoc, severity: Severity) -> list[Expectation]:
    return [e for e in map(Expectation.from_yaml, doc.checks) if e.severity == severity]


def tables_queried(expectations: list[Expectation]) -> set[tuple[str, str]]:
    """The (schema, table) pairs the expectations' own queries read."""
    import sqlglot
    from sqlglot import exp

    trees = [sqlglot.parse_one(e.query, dialect="duckdb") for e in expectations if e.query]
    return {(table.db, table.name) for tree in trees for table in tree.find_all(exp.Table) if table.db}


def validate(
    connection: duckdb.DuckDBPyConnection, table: str, expectations: list[Expectation]
) -> list[Outcome]:
    """Each expectation validated on its query's result, or on the rows of the table that could fail it
    (see `offending_rows`), or on the whole table; outcomes in the order of `expectations`."""
    queries = {id(e): e.query or offending_rows(table, e) or f"SELECT * FROM {table}" for e in expectations}
    outcomes = {}
    for query in dict.fromkeys(queries.values()):
        frame = connection.execute(query).df()
        batch = [e for e in expectations if queries[id(e)] == query]
        outcomes |= {id(e): o for e, o in zip(batch, _validate_frame(frame, batch, name=table), strict=True)}
    return [outcomes[id(e)] for e in expectations]


def offending_rows(table: str, expectation: Expectation) -> str | None:
    """A query for the rows of `table` that break the expectation, when DuckDB can tell them, else None.

    Validating the expectation on these rows alone gives the same verdict, the same unexpected count
    and the same failing rows as on the whole table, without moving millions of rows into pandas."""
    kwargs = expectation.kwargs
    if set(kwargs) - {"column", "column_list", "value_set"}:
        return None  # mostly=, row_condition= ... need the whole table
    if expectation.type == "expect_column_values_to_not_be_null":
        return f"SELECT * FROM {table} WHERE {identifier(kwargs['column'])} IS NULL"
    if expectation.type == "expect_column_values_to_be_in_set":
        column, values = identifier(kwargs["column"]), ", ".join(map(literal, kwargs["value_set"]))
        return f"SELECT * FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN ({values})"
    if expectation.type in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"):
        key = list(map(identifier, kwargs.get("column_list") or [kwargs["column"]]))
        # as GX on pandas: nulls are equal to each other, and rows whose key is all null are ignored
        counted = f"SELECT *, count(*) OVER (PARTITION BY {', '.join(key)}) AS _copies FROM {table}"
        present = " OR ".join(f"{column} IS NOT NULL" for column in key)
        return f"SELECT * EXCLUDE (_copies) FROM ({counted} WHERE {present}) WHERE _copies > 1"
    return None


def columns_read(expectations: list[Expectation]) -> list[str] | None:
    """The columns these expectations read, or None when one may read others (row_condition=) or the
    whole table: a suite on a big table then reads a few columns, not the rows' original cells."""
    columns = []
    for expectation in expectations:
        kwargs = expectation.kwargs
        named = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
        named += kwargs.get("column_list", [])
        if not named or "row_condition" in kwargs:
            return None
        columns += named
    return list(dict.fromkeys(columns))


def selected(table: str, columns: list[str] | None) -> str:
    return f"SELECT {', '.join(map(identifier, columns)) if columns else '*'} FROM {table}"


def _validate_frame(frame: "pd.DataFrame", expectations: list[Expectation], name: str) -> list[Outcome]:
    import great_expectations as gx

    batch = _batch_definition(name).get_batch(batch_parameters={"dataframe": frame})
    suite = gx.ExpectationSuite(name=name)  # after the context exists: a suite needs one
    for expectation in expectations:
        suite.add_expectation(expectation_class(expectation.type)(**expectation.kwargs))
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    shown = [c for c in frame.columns if c in _IDENTIFYING] or list(frame.columns[:1])
    outcomes = []
    for expectation, item in zip(expectations, result.results, strict=True):
        details = item.result or {}
        indexes = details.get("unexpected_index_list") or (
            list(frame.index) if _expects_no_rows(expectation) else []  # each row is one that fails
        )
        outcomes.append(
            Outcome(
                expectation,
                bool(item.success),
                observed=details.get("observed_value"),
                unexpected_count=details.get("unexpected_count") or 0,
                failing_rows=_rows(frame, indexes, shown),
            )
        )
    return outcomes


def _expects_no_rows(expectation: Expectation) -> bool:
    """A query whose rows all break a rule, expected to return none."""
    return expectation.type == "expect_table_row_count_to_equal" and expectation.kwargs.get("value") == 0


def _rows(frame: "pd.DataFrame", indexes: list, columns: list[str]) -> list[dict]:
    positions = [i for i in indexes[:SHOWN_FAILURES] if isinstance(i, int)]
    sample = frame.loc[positions, columns] if positions else frame.iloc[0:0][columns]
    return sample.astype(str).to_dict(orient="records")


def expectation_class(expectation_type: str):
    import great_expectations as gx

    camel = "".join(part.title() for part in re.split(r"_", expectation_type))
    return getattr(gx.expectations, camel)


def prepare_in_background() -> threading.Thread:
    """Import Great Expectations and make its context in a thread, while the run's process has little
    else to do (its ingest workers parse): the first check would otherwise wait seconds for it."""
    thread = threading.Thread(target=_datasource, name="great-expectations-import", daemon=True)
    thread.start()
    return thread


_ONE_CONTEXT = threading.Lock()  # the background thread's and the first check's calls make one


def _datasource():
    with _ONE_CONTEXT:
        return _new_datasource()


@cache
def _new_datasource():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context.data_sources.add_pandas("tinhgon")


def _batch_definition(name: str):
    source = _datasource()
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = source.add_dataframe_asset(name)
    try:
        return asset.get_batch_definition("whole")
    except KeyError:
        return asset.add_batch_definition_whole_dataframe("whole")
