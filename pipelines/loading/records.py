"""What the reader parsed from files, as the rows of the raw tables, typed as Arrow tables."""

from collections.abc import Iterable, Iterator

import pyarrow as pa

from pipelines.loading import tables
from pipelines.reading.files import ParsedFile
from pipelines.reading.text import marked_unit_key, unit_key


def raw_tables(parsed: list[ParsedFile], parser: str) -> dict[str, list[dict]]:
    """The rows each raw personnel table gets from these parsed files."""
    loaded, quarantined = _row_records(parsed)
    return {
        "source_files": list(_file_rows(parsed, parser)),
        "lists": list(_list_rows(parsed)),
        "personnel": loaded,
        "ingest_quarantine": quarantined,
    }


def to_arrow(table: str, records: list[dict]) -> pa.Table:
    """Records as the columns of the raw table, converted by Arrow itself to the table's types. The
    records of a table all have the same keys (the reader gives every row every field), so the first
    one tells whether a field is missing from the table's YAML."""
    schema = tables.arrow_schema(table)
    if unknown := records[0].keys() - set(schema.names):  # Arrow would drop them without a word
        raise ValueError(f"raw.{table} has no column {', '.join(sorted(unknown))}: add it to its YAML")
    return pa.Table.from_struct_array(pa.array(records, type=pa.struct(schema)))


def _row_records(parsed: list[ParsedFile]) -> tuple[list[dict], list[dict]]:
    loaded, quarantined = [], []
    for file in parsed:
        for plist in file.lists:
            for row in plist.rows:
                problems = ([file.rejection] if file.rejection else []) + row.problems
                where = {"file": file.file, "sheet": plist.sheet, "row": row.excel_row}
                if problems:
                    reasons = {
                        "reason": "; ".join(p.en for p in problems),
                        "reason_vi": "; ".join(p.vi for p in problems),
                    }
                    quarantined.append(where | reasons | {"cells": row.cells_json})
                else:
                    loaded.append(where | row.values | {"cells": row.cells_json})
    return loaded, quarantined


def _file_rows(parsed: Iterable[ParsedFile], parser: str) -> Iterator[dict]:
    for file in parsed:
        yield {
            "file": file.file,
            "sha256": file.sha256,
            "size_bytes": file.size_bytes,
            "status": file.status,
            "reason": file.rejection.en if file.rejection else None,
            "reason_vi": file.rejection.vi if file.rejection else None,
            "sheets_without_list": file.sheets_without_list,
            "parser": parser,
        }


def _list_rows(parsed: Iterable[ParsedFile]) -> Iterator[dict]:
    for file in parsed:
        for plist in file.lists:
            yield {
                "file": file.file,
                "sheet": plist.sheet,
                "snapshot_date": plist.snapshot_date,
                "title_date": plist.title_date,
                "title": plist.title,
                "issuer": " / ".join(plist.issuer),
                "issuer_keys": [marked_unit_key(line) for line in plist.issuer],
                "issuer_folds": [unit_key(line) for line in plist.issuer],
                "header_row": plist.layout.header_row + 1,
                "declared_total": plist.layout.declared_total,
                "data_rows": len(plist.rows),
            }
