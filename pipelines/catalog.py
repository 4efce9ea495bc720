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
from pipelines.sql_text import literal


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    vi: str
    en: str
    type: str | None = None  # given only for tables the SQL models do not create
    personal: bool = (
        False  # names, birth dates, person keys, original cells: never shown outside the warehouse
    )
    optional: bool = False  # a reference file may leave it out: it is then empty

    @property
    def comment(self) -> str:
        return f"{self.vi} | {self.en}"


@dataclass(frozen=True)
class Preview:
    """What the Dagster UI may show of a table's content: its rows counted by some columns (`by`) and
    the totals of some count columns (`sum`), so it never lists a row, let alone a person."""

    by: tuple[str, ...]
    sums: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableDoc:
    schema: str
    table: str
    vi: str
    en: str
    columns: tuple[ColumnDoc, ...]
    checks: tuple[dict, ...] = field(default=())
    preview: Preview | None = None
    optional: bool = False  # a reference file the raw folder may leave out: its table is then empty
    unit_tests: tuple[dict, ...] = field(default=())
    personal: bool = False  # a row is a person (leavers, movers): no preview of any kind

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def comment(self) -> str:
        return f"{self.vi} | {self.en}"

    def comment_statements(self) -> list[str]:
        """COMMENT ON statements (DuckDB takes no parameters there; the text is ours, quoted)."""
        statements = [f"COMMENT ON TABLE {self.name} IS {literal(self.comment)}"]
        statements += [
            f"COMMENT ON COLUMN {self.name}.{c.name} IS {literal(c.comment)}" for c in self.columns
        ]
        return statements

    def create_statement(self) -> str:
        """CREATE TABLE for a table whose columns carry types (the raw layer and audit.build)."""
        columns = ", ".join(f"{c.name} {c.type}" for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({columns})"


_COLUMN_KEYS = {"vi", "en", "type", "personal", "optional"}


@cache
def table_doc(schema: str, table: str, sql_dir: Path = SQL_DIR) -> TableDoc:
    path = sql_dir / schema / f"{table}.yml"
    # libyaml's parser: PyYAML's own, in Python, takes most of a process's start on 55 files
    spec = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for name, doc in spec["columns"].items():
        # An unquoted comma in a flow mapping cuts the text there and makes the rest a key of its own.
        if unknown := set(doc) - _COLUMN_KEYS:
            raise ValueError(
                f"{path}: column {name}: unknown key(s) {sorted(unknown)}; quote texts with commas"
            )
    columns = tuple(
        ColumnDoc(
            name,
            doc["vi"],
            doc["en"],
            doc.get("type"),
            doc.get("personal", False),
            doc.get("optional", False),
        )
        for name, doc in spec["columns"].items()
    )
    return TableDoc(
        schema,
        table,
        spec["description"]["vi"],
        spec["description"]["en"],
        columns,
        tuple(spec.get("checks", ())),
        _preview(path, spec.get("preview"), columns, spec.get("personal", False)),
        spec.get("optional", False),
        tuple(spec.get("unit_tests", ())),
        spec.get("personal", False),
    )


def _preview(
    path: Path, spec: dict | None, columns: tuple[ColumnDoc, ...], personal_table: bool
) -> Preview | None:
    """The declared preview, refused when it names a personal or an undocumented column."""
    if spec is None:
        return None
    if personal_table:
        raise ValueError(f"{path}: a table whose rows are people has no preview")
    preview = Preview(tuple(spec["by"]), tuple(spec.get("sum", ())))
    documented = {column.name: column for column in columns}
    for name in preview.by + preview.sums:
        if name not in documented:
            raise ValueError(f"{path}: the preview names {name!r}, which is not a documented column")
        if documented[name].personal:
            raise ValueError(f"{path}: the preview would show {name!r}, a personal column")
    return preview
