"""What each warehouse table and column means, read from the YAML file beside its SQL.

`sql/<schema>/<table>.yml` is the one place a table is described: its description and each column's,
in Vietnamese and English, and its Great Expectations checks. The same text becomes the warehouse's
COMMENT ON, the Dagster asset description and the column schema shown in the UI.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from pipelines.settings import SQL_DIR


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    vi: str
    en: str
    type: str | None = None  # given only for tables the SQL models do not create

    @property
    def comment(self) -> str:
        return f"{self.vi} | {self.en}"


@dataclass(frozen=True)
class TableDoc:
    schema: str
    table: str
    vi: str
    en: str
    columns: tuple[ColumnDoc, ...]
    checks: tuple[dict, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def comment(self) -> str:
        return f"{self.vi} | {self.en}"

    def comment_statements(self) -> list[str]:
        """COMMENT ON statements (DuckDB takes no parameters there; the text is ours, quoted)."""
        statements = [f"COMMENT ON TABLE {self.name} IS {_literal(self.comment)}"]
        statements += [
            f"COMMENT ON COLUMN {self.name}.{c.name} IS {_literal(c.comment)}" for c in self.columns
        ]
        return statements

    def create_statement(self) -> str:
        """CREATE TABLE for a table whose columns carry types (the raw layer)."""
        columns = ", ".join(f"{c.name} {c.type}" for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({columns})"


@cache
def table_doc(schema: str, table: str, sql_dir: Path = SQL_DIR) -> TableDoc:
    path = sql_dir / schema / f"{table}.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    columns = tuple(
        ColumnDoc(name, doc["vi"], doc["en"], doc.get("type")) for name, doc in spec["columns"].items()
    )
    return TableDoc(
        schema,
        table,
        spec["description"]["vi"],
        spec["description"]["en"],
        columns,
        tuple(spec.get("checks", ())),
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
