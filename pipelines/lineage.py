"""Column-level lineage read from a model's SQL with sqlglot, the way dagster-dbt derives it: for each
output column, the upstream table columns it is computed from. Nobody maintains it by hand."""

import json
from functools import cache

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.lineage import lineage

from pipelines import information_schema

Source = tuple[str, str, str]  # schema, table, column


def warehouse_schema(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[str, dict[str, str]]]:
    """{schema: {table: {column: type}}}: what sqlglot needs to expand `*` and resolve columns, with
    the `rowid` every DuckDB table has, which information_schema omits but a model may read
    (staging.personnel_matched keys rows by it)."""
    schema: dict[str, dict[str, dict[str, str]]] = {}
    for db, table, column, data_type in information_schema.columns(connection):
        schema.setdefault(db, {}).setdefault(table, {"rowid": "BIGINT"})[column] = data_type
    return schema


def column_sources(sql: str, columns: list[str], schema: dict) -> dict[str, set[Source]]:
    return _column_sources(sql, tuple(columns), json.dumps(schema, sort_keys=True))


@cache  # a model's lineage changes only with its SQL or the tables it reads: re-runs reuse it
def _column_sources(sql: str, columns: tuple[str, ...], schema_json: str) -> dict[str, set[Source]]:
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    # Untrimmed, each node's source is its scope's whole SELECT, not a copy cut down to the one column:
    # copying the tree for every node is most of sqlglot's work on a long model.
    roots = lineage(
        None, tree, schema=json.loads(schema_json), dialect="duckdb", copy=False, trim_selects=False
    )
    sources: dict[str, set[Source]] = {}
    for column in columns:
        sources[column] = set()
        for leaf in (node for node in roots[column].walk() if not node.downstream):
            if isinstance(leaf.source, exp.Table) and leaf.source.db:
                sources[column].add((leaf.source.db, leaf.source.name, leaf.name.split(".")[-1]))
            elif isinstance(leaf.source, exp.Select):
                # count(*) and the like read rows, not a column: '*' of the tables they count
                sources[column] |= {
                    (t.db, t.name, "*") for t in _tables_counted(leaf.source, leaf.expression)
                }
    return sources


def _tables_counted(select: exp.Select, projection: exp.Expr) -> list[exp.Table]:
    """The tables a projection of `select` such as count(*) reads: those of the select's clauses and of
    the projection itself, not those of its other projections (a scalar subquery there)."""
    parts = [value for key, value in select.args.items() if key != "expressions"] + [projection]
    nodes = [node for part in parts for node in (part if isinstance(part, list) else [part])]
    return [t for node in nodes if isinstance(node, exp.Expr) for t in node.find_all(exp.Table) if t.db]
