"""What the reader parsed from files, as the rows of the raw tables, typed as Arrow tables."""

from collections.abc import Iterable, Iterator

import pyarrow as pa

from pipelines.loading import tables
from pipelines.reading.files import ParsedFile
from pipelines.reading.headers import Field
from pipelines.reading.rows import Problem
from pipelines.reading.text import fold, marked_unit_key, unit_key

# What the reader reads of a row but its kind of list does not keep: a leaving's date is kept parsed,
# and a personnel list has no leaving at all.
_NOT_KEPT = {
    "personnel": {Field.LEAVE_DATE, Field.LEAVE_REASON, Field.DECISION},
    "leavers": {Field.LEAVE_DATE},
}


def raw_tables(
    parsed: list[ParsedFile], parser: str, stats: dict[str, tuple[int, int, int]]
) -> dict[str, list[dict]]:
    """The rows each raw list table gets from these parsed files, each file's stat taken before it was
    read given by its name in `stats` (size, modification and change times)."""
    rows = _row_records(parsed)
    return {
        "source_files": list(_file_rows(parsed, parser, stats)),
        "lists": list(_list_rows(parsed)),
        "personnel": rows["personnel"],
        "leavers": rows["leavers"],
        "ingest_quarantine": rows["ingest_quarantine"],
    }


def to_arrow(table: str, records: list[dict]) -> pa.Table:
    """Records as the columns of the raw table, converted by Arrow itself to the table's types. The
    records of a table all have the same keys (the reader gives every row every field), so the first
    one tells whether a field is missing from the table's YAML."""
    schema = tables.arrow_schema(table)
    if unknown := records[0].keys() - set(schema.names):  # Arrow would drop them without a word
        raise ValueError(f"raw.{table} has no column {', '.join(sorted(unknown))}: add it to its YAML")
    return pa.Table.from_struct_array(pa.array(records, type=pa.struct(schema)))


def _row_records(parsed: list[ParsedFile]) -> dict[str, list[dict]]:
    """Rows that can count go to their kind's table, with the cells a clerk must still fix; rows that
    cannot (no name, or in a rejected file) go to the quarantine with why."""
    records: dict[str, list[dict]] = {"personnel": [], "leavers": [], "ingest_quarantine": []}
    for file in parsed:
        for plist in file.lists:
            for row in plist.rows:
                where = {"file": file.file, "sheet": plist.sheet, "row": row.excel_row}
                if file.rejection or not row.counts:
                    problems = _reasons([file.rejection, *row.problems] if file.rejection else row.problems)
                    records["ingest_quarantine"].append(where | problems | {"cells": row.cells_json})
                    continue
                values = {k: v for k, v in row.values.items() if k not in _NOT_KEPT[file.kind]}
                to_fix = _reasons(row.problems, prefix="reading_problem")
                records[file.kind].append(where | values | to_fix | {"cells": row.cells_json})
    return records


def _reasons(problems: list[Problem], prefix: str = "reason") -> dict[str, str | None]:
    return {
        prefix: "; ".join(p.en for p in problems) or None,
        f"{prefix}_vi": "; ".join(p.vi for p in problems) or None,
    }


def _file_rows(
    parsed: Iterable[ParsedFile], parser: str, stats: dict[str, tuple[int, int, int]]
) -> Iterator[dict]:
    for file in parsed:
        _, modified_ns, changed_ns = stats[file.file]
        yield {
            "file": file.file,
            "kind": file.kind,
            "sha256": file.sha256,
            "size_bytes": file.size_bytes,
            "status": file.status,
            "reason": file.rejection.en if file.rejection else None,
            "reason_vi": file.rejection.vi if file.rejection else None,
            "sheets_without_list": file.sheets_without_list,
            "parser": parser,
            "modified_ns": modified_ns,
            "changed_ns": changed_ns,
        }


def _list_rows(parsed: Iterable[ParsedFile]) -> Iterator[dict]:
    for file in parsed:
        for plist in file.lists:
            yield {
                "file": file.file,
                "sheet": plist.sheet,
                "kind": file.kind,
                "snapshot_date": plist.snapshot_date,
                "title_date": plist.title_date,
                "title": plist.title,
                "title_fold": fold(plist.title) if plist.title else None,
                "issuer": " / ".join(plist.issuer),
                "issuer_keys": [marked_unit_key(line) for line in plist.issuer],
                "issuer_folds": [unit_key(line) for line in plist.issuer],
                "header_row": plist.layout.header_row + 1,
                "declared_total": plist.layout.declared_total,
                "data_rows": len(plist.rows),
            }
