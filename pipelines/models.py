"""The SQL models in sql/: one file one table, named by its folder (schema) and file name.

What a model reads is taken from its SQL with sqlglot, so the asset graph follows the SQL and nobody
keeps a list of dependencies by hand.
"""

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from pipelines.catalog import TableDoc, table_doc
from pipelines.settings import SQL_DIR

MODEL_SCHEMAS = ("staging", "marts", "audit")
MACROS = SQL_DIR / "macros.sql"


@dataclass(frozen=True)
class SqlModel:
    schema: str
    table: str
    path: Path

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"

    @cached_property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def doc(self) -> TableDoc:
        return table_doc(self.schema, self.table, self.path.parent.parent)

    @cached_property
    def upstream(self) -> tuple[tuple[str, str], ...]:
        """The (schema, table) pairs the model reads; CTE names carry no schema and are left out."""
        tree = sqlglot.parse_one(self.sql, dialect="duckdb")
        return tuple(sorted({(t.db, t.name) for t in tree.find_all(exp.Table) if t.db}))

    def create_table(self, connection: duckdb.DuckDBPyConnection) -> int:
        """(Re)create the table from its SQL with its comments; the number of rows it holds."""
        create_macros(connection)
        connection.execute(f"CREATE OR REPLACE TABLE {self.name} AS\n{self.sql}")
        for statement in self.doc.comment_statements():
            connection.execute(statement)
        return connection.execute(f"SELECT count(*) FROM {self.name}").fetchall()[0][0]


def create_macros(connection: duckdb.DuckDBPyConnection, path: Path = MACROS) -> None:
    """The SQL macros the models use (sql/macros.sql), made anew: the build may come from an older one."""
    connection.execute(path.read_text(encoding="utf-8"))


def ancestors(all_models: tuple[SqlModel, ...]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """For each model, every table it is built from, directly or through other models."""
    upstream = {(m.schema, m.table): set(m.upstream) for m in all_models}
    found: dict[tuple[str, str], set[tuple[str, str]]] = {}

    def of(table: tuple[str, str]) -> set[tuple[str, str]]:
        if table not in found:
            direct = upstream.get(table, set())
            found[table] = direct.union(*(of(parent) for parent in direct))
        return found[table]

    return {table: of(table) for table in upstream}


@cache  # each is parsed with sqlglot for what it reads: once a process, as the YAML (catalog.table_doc)
def all_models(sql_dir: Path = SQL_DIR) -> tuple[SqlModel, ...]:
    return tuple(
        SqlModel(schema, path.stem, path)
        for schema in MODEL_SCHEMAS
        for path in sorted((sql_dir / schema).glob("*.sql"))
    )
