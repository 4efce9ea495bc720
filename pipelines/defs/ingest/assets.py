"""Raw layer: the reference CSVs and the lists of raw/ (personnel and leavers), loaded as written, after
`changed_inputs` decides whether the run has anything to do (and records its inputs in audit.build)."""

import dagster as dg
import pyarrow as pa

from pipelines import quality
from pipelines.catalog import table_doc
from pipelines.defs.metadata import OWNERS, records_table, table_metadata
from pipelines.inputs import inputs_fingerprint
from pipelines.loading import lists, reference, tables
from pipelines.raw_folder import RawFolder
from pipelines.reading.identity import load_hasher
from pipelines.warehouse.resource import Warehouse

# A run with this tag set to "true" rebuilds everything even when nothing changed (the nightly run).
REBUILD_TAG = "tinhgon/rebuild"
CHANGED_INPUTS = dg.AssetKey("changed_inputs")
# The files listed on raw/source_files in the UI, the rejected first: a country's 65,000 would weigh
# megabytes in every run's record, for a table nobody scrolls (audit.load_log has them all).
FILES_SHOWN = 1000


@dg.asset(
    key=CHANGED_INPUTS,
    group_name="ingest",
    kinds={"duckdb", "python"},
    owners=OWNERS,
    output_required=False,
)
def changed_inputs(context: dg.AssetExecutionContext, raw_folder: RawFolder, warehouse: Warehouse):
    """What this run is built from: the raw folder's files, the code and SQL, the libraries and the ID
    key, as one fingerprint. When it is the published warehouse's, nothing can come out different: this
    asset is not materialized, every step after it is skipped and the warehouse is left as it is."""
    # also done when the build starts, but a run that skips never starts one
    warehouse.discard_builds_of_dead_runs(context.instance, keep=context.run.run_id)
    fingerprint = inputs_fingerprint(raw_folder, load_hasher(warehouse.id_key_file).fingerprint)
    published = warehouse.published_build()
    if (
        published
        and published.inputs == fingerprint
        and _succeeded(context.instance, published.run_id)  # its reports too: they come after publishing
        and context.run.tags.get(REBUILD_TAG) != "true"
    ):
        context.log.info(
            f"Nothing changed since run {published.run_id} built the published warehouse: skipped."
        )
        return
    with warehouse.connect(context) as connection:
        build = {"run_id": context.run.run_id, "raw_folder": raw_folder.path, "inputs": fingerprint}
        tables.replace(connection, "build", pa.Table.from_pylist([build]), schema="audit")
    published_fingerprint = (published.inputs if published else None) or "none"
    yield dg.MaterializeResult(
        metadata={"fingerprint": fingerprint, "published_fingerprint": published_fingerprint}
    )


def _succeeded(instance: dg.DagsterInstance, run_id: str) -> bool:
    run = instance.get_run_by_id(run_id)
    return run is not None and run.status == dg.DagsterRunStatus.SUCCESS


def _spec(table: str, kinds: set[str]) -> dg.AssetSpec:
    doc = table_doc("raw", table)
    return dg.AssetSpec(
        ["raw", table],
        description=f"{doc.en}\n\n{doc.vi}",
        group_name="ingest",
        kinds={"duckdb", *kinds},
        owners=OWNERS,
        deps=[CHANGED_INPUTS],
    )


@dg.multi_asset(
    specs=[_spec(table, {"csv"}) for table in reference.REFERENCE_TABLES],
    can_subset=True,
)
def reference_tables(context: dg.AssetExecutionContext, raw_folder: RawFolder, warehouse: Warehouse):
    """The district's reference CSVs, one table each, as written plus matching keys."""
    with warehouse.connect(context) as connection:
        for key in sorted(context.selected_asset_keys):
            table = key.path[-1]
            rows = reference.load_reference(connection, raw_folder.reference_dir, table)
            source = raw_folder.reference_dir / f"{table}.csv"
            yield dg.MaterializeResult(
                asset_key=key,
                metadata=table_metadata(connection, "raw", table, rows)
                | {"source": dg.MetadataValue.path(str(source))},
            )


@dg.multi_asset(
    specs=[_spec(table, {"excel", "csv"}) for table in lists.LIST_TABLES],
)
def spreadsheet_lists(context: dg.AssetExecutionContext, raw_folder: RawFolder, warehouse: Warehouse):
    """Every list under raw/personnel and raw/leavers: files, lists, rows read and rows that cannot
    count. Files unchanged since the last published warehouse are not parsed again."""
    hash_id = load_hasher(warehouse.id_key_file)
    quality.prepare_in_background()  # for the checks, which come next
    with warehouse.connect(context) as connection, warehouse.scratch(context.run.run_id) as spool:
        summary = lists.refresh(connection, raw_folder.list_dirs(), hash_id, spool)
        context.log.info(
            f"{summary.files_seen} files, {summary.files_parsed} parsed (others unchanged), "
            f"{summary.files_rejected} rejected, {summary.rows_read} rows read, "
            f"{summary.rows_unreadable} that cannot count as written (audit.quarantine adds those "
            "the matching finds)"
        )
        files = connection.execute(
            """
            SELECT * FROM (
                SELECT f.file, f.sha256[:12] AS sha256, f.status,
                       string_agg(DISTINCT strftime(l.snapshot_date, '%Y-%m-%d'), ', ') AS snapshot_dates,
                       coalesce(sum(l.data_rows), 0) AS data_rows
                FROM raw.source_files AS f LEFT JOIN raw.lists AS l USING (file)
                GROUP BY ALL
            )
            ORDER BY status = 'rejected' DESC, file LIMIT ?
            """,
            [FILES_SHOWN],
        ).df()
        for table in lists.LIST_TABLES:
            rows = connection.execute(f"SELECT count(*) FROM raw.{table}").fetchall()[0][0]
            extra = {}
            if table == "source_files":
                extra = {
                    "files_parsed": summary.files_parsed,
                    "files_unchanged": summary.files_seen - summary.files_parsed,
                    "files": records_table(files),
                    "files_not_shown": summary.files_seen - len(files),
                }
            yield dg.MaterializeResult(
                asset_key=["raw", table],
                metadata=table_metadata(connection, "raw", table, rows) | extra,
            )
