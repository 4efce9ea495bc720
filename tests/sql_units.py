"""SQL models tested as SQL, the way dbt and SQLMesh test theirs: a model's YAML declares `unit_tests`,
each with rows given for the tables the model reads and the rows expected out of it (a column one
expected row names and another leaves out is expected NULL in the latter).

Every model is first built on empty raw tables in an in-memory DuckDB, so each table a test fills has
the columns and types of the real one; a test gives only the columns that matter (the others are NULL),
runs in a transaction that is rolled back, and compares the model's rows on the columns it expects,
in any order.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines import models
from pipelines.catalog import table_doc
from pipelines.settings import SQL_DIR
from pipelines.warehouse.builds import SCHEMAS


@dataclass(frozen=True)
class UnitTest:
    model: models.SqlModel
    name: str
    given: dict[str, list[dict]]
    expect: list[dict]

    @property
    def id(self) -> str:
        return f"{self.model.name}: {self.name}"


def unit_tests(sql_dir: Path = SQL_DIR) -> list[UnitTest]:
    return [
        UnitTest(model, spec["test"], spec.get("given", {}), spec["expect"])
        for model in models.all_models(sql_dir)
        for spec in model.doc.unit_tests
    ]


def empty_warehouse(sql_dir: Path = SQL_DIR) -> duckdb.DuckDBPyConnection:
    """Every table of the warehouse, empty: the raw ones from their YAML, the models from their SQL."""
    connection = duckdb.connect()
    for schema in SCHEMAS:
        connection.execute(f"CREATE SCHEMA {schema}")
    for path in sorted((sql_dir / "raw").glob("*.yml")):
        connection.execute(table_doc("raw", path.stem, sql_dir).create_statement())
    models.create_macros(connection)
    for model in in_dependency_order(models.all_models(sql_dir)):
        connection.execute(f"CREATE TABLE {model.name} AS {model.sql}")
    return connection


def in_dependency_order(all_models: list[models.SqlModel]) -> list[models.SqlModel]:
    by_name = {(m.schema, m.table): m for m in all_models}
    ordered: list[models.SqlModel] = []

    def visit(model: models.SqlModel) -> None:
        if model not in ordered:
            for upstream in model.upstream:
                if upstream in by_name:
                    visit(by_name[upstream])
            ordered.append(model)

    for model in all_models:
        visit(model)
    return ordered


def run(connection: duckdb.DuckDBPyConnection, test: UnitTest) -> list[dict]:
    """The model's rows with the given tables filled, each row on the columns the test expects."""
    columns = list(dict.fromkeys(key for row in test.expect for key in row))
    connection.execute("BEGIN TRANSACTION")
    try:
        for table, rows in test.given.items():
            connection.execute(f"DELETE FROM {table}")
            for row in rows:
                names = ", ".join(f'"{name}"' for name in row)
                marks = ", ".join("?" for _ in row)
                connection.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
        selected = ", ".join(f'"{name}"' for name in columns)
        found = connection.execute(f"SELECT {selected} FROM ({test.model.sql})").fetchall()
    finally:
        connection.execute("ROLLBACK")
    return [dict(zip(columns, map(comparable, row), strict=True)) for row in found]


def comparable(value: object) -> object:
    """Values as YAML writes them: dates as ISO text, numbers as floats."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value


def expected(test: UnitTest) -> list[dict]:
    """The rows expected, on the columns of them all: a column a row leaves out is expected NULL."""
    columns = list(dict.fromkeys(key for row in test.expect for key in row))
    return [{key: comparable(row.get(key)) for key in columns} for row in test.expect]


def sorted_rows(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: repr(sorted(row.items())))
