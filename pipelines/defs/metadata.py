"""Metadata every table asset carries in the Dagster UI (row count, documented column schema, the
preview its YAML allows and, for SQL models, column lineage), and the owners of every asset."""

from typing import TYPE_CHECKING

import dagster as dg
import duckdb

from pipelines import information_schema
from pipelines.catalog import table_doc
from pipelines.lineage import Source
from pipelines.preview import table_preview

OWNERS = ["team:noi-vu"]  # the district's Home Affairs office (Phòng Nội vụ), for every asset

if TYPE_CHECKING:  # pandas is slow to import, and a run that skips never needs it
    import pandas as pd


def table_metadata(connection: duckdb.DuckDBPyConnection, schema: str, table: str, rows: int) -> dict:
    doc = table_doc(schema, table)
    descriptions = {c.name: c.comment for c in doc.columns}
    metadata = {
        "dagster/row_count": rows,
        "dagster/table_name": f"{schema}.{table}",
        "dagster/column_schema": dg.TableSchema(
            columns=[
                dg.TableColumn(name, data_type, description=descriptions.get(name))
                for _, _, name, data_type in information_schema.columns(connection, schema, table)
            ]
        ),
    }
    preview = table_preview(connection, doc)
    if preview is not None:
        metadata["preview"] = records_table(preview)
    return metadata


def column_lineage(sources: dict[str, set[Source]]) -> dict:
    """The lineage of each column twice: as Dagster's canonical entry, which only Dagster+ draws,
    and as a table the open-source UI shows on the asset's page."""
    deps_by_column = {
        column: [
            dg.TableColumnDep(asset_key=dg.AssetKey([schema, table]), column_name=name)
            for schema, table, name in sorted(found)
        ]
        for column, found in sources.items()
    }
    readable = [
        {"column": column, "comes_from": _upstream_labels(deps)} for column, deps in deps_by_column.items()
    ]
    return {
        "dagster/column_lineage": dg.TableColumnLineage(deps_by_column=deps_by_column),
        "upstream_columns": rows_table(["column", "comes_from"], readable),
    }


def _upstream_labels(deps: list[dg.TableColumnDep]) -> str:
    labels = [
        f"rows of {d.asset_key.to_user_string()}"
        if d.column_name == "*"
        else f"{d.asset_key.to_user_string()}.{d.column_name}"
        for d in deps
    ]
    return ", ".join(labels) or "no upstream column: a constant of the SQL"


def records_table(frame: "pd.DataFrame") -> dg.TableMetadataValue:
    """A small DataFrame as a table the UI draws: whole numbers without ".0" (DuckDB's sums and counts
    of integers often arrive as floats), missing values as empty cells."""
    cells = frame.convert_dtypes().astype(object).fillna("").astype(str)
    return rows_table([str(name) for name in frame.columns], cells.to_dict(orient="records"))


def rows_table(columns: list[str], rows: list[dict[str, str]]) -> dg.TableMetadataValue:
    """Rows of text as a table the UI draws."""
    return dg.MetadataValue.table(
        records=[dg.TableRecord(row) for row in rows],
        schema=dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in columns]),
    )
