"""Lineage review in the Dagster UI: the real webserver, over GraphQL and in headless Chromium.

One run of the tiny district is recorded in a Dagster home of its own, then the webserver serves it.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
import pytest
from browser import chromium_page
from district import LISTS, cccd, write_district
from pipeline import failed_checks
from webserver import dagster_webserver, graphql

from pipelines import models
from pipelines.definitions import make_definitions
from pipelines.instance import ensure_dagster_home
from pipelines.settings import PROJECT_ROOT, from_environment

SCREENSHOTS = PROJECT_ROOT / "warehouse" / "screenshots"
# The UI's "join the community" dialog would cover the pages on first visit
SKIP_COMMUNITY_DIALOG = "localStorage.setItem('communityNux', '\"1\"')"


@dataclass
class Ui:
    url: str
    warehouse: Path


@pytest.fixture(scope="module")
def ui(tmp_path_factory) -> Iterator[Ui]:
    root = tmp_path_factory.mktemp("ui")
    environment = {
        "TINHGON_RAW_DIR": str(write_district(root / "raw")),
        "TINHGON_WAREHOUSE": str(root / "warehouse" / "tinhgon.duckdb"),
    }
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, value in {**environment, "DAGSTER_HOME": str(root / "dagster_home")}.items():
            monkeypatch.setenv(name, value)
        home = ensure_dagster_home(from_environment())
        job = make_definitions().resolve_job_def("refresh_warehouse")
        with dg.DagsterInstance.get() as instance:
            result = job.execute_in_process(instance=instance, raise_on_error=False)
        assert result.success, failed_checks(result)
        with dagster_webserver(home, environment) as url:
            yield Ui(url, Path(environment["TINHGON_WAREHOUSE"]))


ASSET_NODES = """
{ assetNodes {
    assetKey { path } groupName kinds description
    owners { ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
    dependencyKeys { path }
    internalFreshnessPolicy { ... on TimeWindowFreshnessPolicy { failWindowSeconds } }
} }
"""

LATEST_MATERIALIZATION = """
query ($key: AssetKeyInput!) { assetNodes(assetKeys: [$key]) { assetMaterializations(limit: 1) {
  metadataEntries {
    label
    ... on TableColumnLineageMetadataEntry {
      lineage { columnName columnDeps { assetKey { path } columnName } }
    }
    ... on TableSchemaMetadataEntry { schema { columns { name description } } }
    ... on TableMetadataEntry { table { records schema { columns { name } } } }
    ... on IntMetadataEntry { intValue }
  }
} } }
"""

CHECKS = """
query ($key: AssetKeyInput!) { assetNodes(assetKeys: [$key]) { assetChecksOrError { ... on AssetChecks {
  checks { name blocking executionForLatestMaterialization { status evaluation {
    metadataEntries { label ... on TableMetadataEntry { table { records } } }
  } } }
} } } }
"""

AUTOMATION = """
query ($repository: RepositorySelector!) {
  schedulesOrError(repositorySelector: $repository) { ... on Schedules { results {
    name executionTimezone scheduleState { status } futureTicks(limit: 2) { results { timestamp } }
  } } }
  sensorsOrError(repositorySelector: $repository) { ... on Sensors { results {
    name minIntervalSeconds sensorState { status }
  } } }
}
"""


def key(asset: str) -> dict:
    return {"path": asset.split("/")}


def latest_metadata(ui: Ui, asset: str) -> dict[str, dict]:
    [node] = graphql(ui.url, LATEST_MATERIALIZATION, {"key": key(asset)})["assetNodes"]
    [materialization] = node["assetMaterializations"]
    return {entry["label"]: entry for entry in materialization["metadataEntries"]}


def records(entry: dict) -> list[dict]:
    return [json.loads(record) for record in entry["table"]["records"]]


def visible_text(metadata: dict[str, dict]) -> str:
    """Every value of the metadata entries as the UI shows it, table records decoded."""
    tables = [record for entry in metadata.values() if "table" in entry for record in records(entry)]
    return json.dumps([metadata, tables], ensure_ascii=False)


def mart_names() -> list[str]:
    return [f"{m.schema}/{m.table}" for m in models.all_models() if m.schema == "marts"]


@pytest.fixture(scope="module")
def asset_nodes(ui) -> dict[str, dict]:
    nodes = graphql(ui.url, ASSET_NODES)["assetNodes"]
    return {"/".join(node["assetKey"]["path"]): node for node in nodes}


def test_the_asset_graph_edges_are_the_tables_each_sql_reads(asset_nodes):
    for model in models.all_models():
        node = asset_nodes[f"{model.schema}/{model.table}"]
        # a model reading no table waits for the run's decision to rebuild
        upstream = {f"{s}/{t}" for s, t in model.upstream} or {"changed_inputs"}
        assert {"/".join(d["path"]) for d in node["dependencyKeys"]} == upstream
    published = {"/".join(d["path"]) for d in asset_nodes["warehouse"]["dependencyKeys"]}
    read_by_others = {"/".join(upstream) for m in models.all_models() for upstream in m.upstream}
    assert published == {f"{m.schema}/{m.table}" for m in models.all_models()} - read_by_others


def test_every_asset_is_described_grouped_kinded_and_owned(asset_nodes):
    for name, node in asset_nodes.items():
        assert node["description"] and node["groupName"] and node["owners"], name
        assert "duckdb" in node["kinds"], name
    assert {"excel", "csv"} <= set(asset_nodes["raw/personnel"]["kinds"])
    assert {"sql"} <= set(asset_nodes["marts/district_scorecard"]["kinds"])


def test_only_the_marts_must_be_rebuilt_within_36_hours(asset_nodes):
    policies = {name: node["internalFreshnessPolicy"] for name, node in asset_nodes.items()}
    assert {name for name, policy in policies.items() if policy} == set(mart_names())
    assert {policies[name]["failWindowSeconds"] for name in mart_names()} == {36 * 3600}


def test_each_mart_column_has_its_lineage_and_its_warehouse_comment(ui):
    with duckdb.connect(ui.warehouse, read_only=True) as connection:
        comments = {
            (f"{schema}/{table}", column): comment
            for schema, table, column, comment in connection.execute(
                "SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() "
                "WHERE schema_name = 'marts'"
            ).fetchall()
        }
    for mart in mart_names():
        metadata = latest_metadata(ui, mart)
        columns = metadata["dagster/column_schema"]["schema"]["columns"]
        assert {c["name"]: c["description"] for c in columns} == {
            column: comment for (table, column), comment in comments.items() if table == mart
        }
        lineage = {c["columnName"]: c["columnDeps"] for c in metadata["dagster/column_lineage"]["lineage"]}
        assert set(lineage) == {c["name"] for c in columns}, mart
        readable = {r["column"]: r["comes_from"] for r in records(metadata["upstream_columns"])}
        assert set(readable) == set(lineage), mart
    village = latest_metadata(ui, "marts/r22_village_progress")
    lineage = {c["columnName"]: c["columnDeps"] for c in village["dagster/column_lineage"]["lineage"]}
    assert lineage["households"] == [{"assetKey": {"path": ["staging", "units"]}, "columnName": "households"}]
    readable = {r["column"]: r["comes_from"] for r in records(village["upstream_columns"])}
    assert readable["excess"] == "staging/personnel.person_key, staging/quotas.quota"  # people, not rows


def test_the_raw_files_read_are_listed_with_their_hash_snapshot_and_rows(ui):
    files = {r["file"]: r for r in records(latest_metadata(ui, "raw/source_files")["files"])}
    assert set(files) == {f"personnel/{name}" for name in LISTS}
    huyen = files["personnel/2021-11-30/huyen.xlsx"]
    assert (huyen["status"], huyen["snapshot_dates"], huyen["data_rows"]) == ("loaded", "2021-11-30", "2")
    assert len(huyen["sha256"]) == 12


def test_checks_sit_on_their_assets_and_failures_summarise_their_rows(ui):
    [node] = graphql(ui.url, CHECKS, {"key": key("marts/r22_village_progress")})["assetNodes"]
    checks = {c["name"]: c for c in node["assetChecksOrError"]["checks"]}
    assert (checks["structure"]["blocking"], checks["quality"]["blocking"]) == (True, False)
    assert checks["structure"]["executionForLatestMaterialization"]["status"] == "SUCCEEDED"
    quality = checks["quality"]["executionForLatestMaterialization"]
    assert quality["status"] == "FAILED"  # the tiny district leaves one village above its quota
    failing = {e["label"]: e for e in quality["evaluation"]["metadataEntries"]}
    assert [r["village"] for r in records(failing["failing_rows_1"])] == ["Đông Tây"]


def test_previews_show_counts_and_no_person(ui, asset_nodes):
    for model in (m for m in models.all_models() if m.doc.preview):
        assert "preview" in latest_metadata(ui, f"{model.schema}/{model.table}"), model.name
    personnel = latest_metadata(ui, "staging/personnel")
    columns = [c["name"] for c in personnel["preview"]["table"]["schema"]["columns"]]
    assert columns == ["snapshot_date", "sector", "rows"]
    counted = sum(int(r["rows"]) for r in records(personnel["preview"]))
    assert counted == personnel["dagster/row_count"]["intValue"]
    shown = "\n".join(visible_text(latest_metadata(ui, name)) for name in asset_nodes)
    assert "An Hòa" in shown  # a commune, in a preview: decoded, so a name would be found too
    people = [person for _, _, people in LISTS.values() for person in people]
    for name, born, _, _, _, number in people:
        day, month, year = born.split("/")
        for personal in (name, born, f"{year}-{month}-{day}", cccd(number)):
            assert personal not in shown


def test_the_nightly_schedule_and_the_raw_folder_sensor_are_running(ui):
    repository = {"repositoryName": "__repository__", "repositoryLocationName": "tinhgon"}
    automation = graphql(ui.url, AUTOMATION, {"repository": repository})
    [schedule] = automation["schedulesOrError"]["results"]
    assert (schedule["name"], schedule["scheduleState"]["status"]) == ("nightly_refresh", "RUNNING")
    ticks = [
        datetime.fromtimestamp(t["timestamp"], ZoneInfo(schedule["executionTimezone"]))
        for t in schedule["futureTicks"]["results"]
    ]
    assert [(t.hour, t.minute) for t in ticks] == [(1, 0), (1, 0)]
    assert (ticks[1] - ticks[0]).days == 1
    [sensor] = automation["sensorsOrError"]["results"]
    assert (sensor["name"], sensor["sensorState"]["status"]) == ("raw_folder_changed", "RUNNING")


def test_the_browser_draws_a_marts_upstream_graph_and_its_column_lineage(ui):
    """What a reviewer sees: the tables a mart reads, drawn, and where each of its columns comes from."""
    from playwright.sync_api import expect

    mart = next(m for m in models.all_models() if m.name == "marts.staff_cuts_by_sector")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with chromium_page() as page:
        page.add_init_script(SKIP_COMMUNITY_DIALOG)
        page.goto(
            f"{ui.url}/assets/marts/staff_cuts_by_sector?view=lineage&lineageScope=upstream&lineageDepth=1"
        )
        nodes = page.locator("svg foreignObject [class*='assetNodeContainer']")
        expect(nodes).to_have_count(len(mart.upstream) + 1, timeout=60_000)
        expect(nodes.filter(has_text="Materialized")).to_have_count(len(mart.upstream) + 1, timeout=60_000)
        names = nodes.locator("[class*='assetName'] [data-tooltip]")  # the full name, even when cut short
        drawn = {name.get_attribute("data-tooltip") for name in names.all()}
        assert drawn == {mart.table, *(table for _, table in mart.upstream)}
        page.screenshot(path=SCREENSHOTS / "asset-graph.png")

        page.goto(f"{ui.url}/assets/marts/staff_cuts_by_sector")
        lineage = page.locator("tr", has=page.get_by_text("upstream_columns", exact=True)).last
        rows = lineage.locator("table tbody tr")
        expect(rows).to_have_count(len(mart.doc.columns), timeout=60_000)
        comes_from = dict(text.split("\t") for text in rows.all_inner_texts())
        assert comes_from["sector"] == "marts/reporting_dates.sector"
        assert comes_from["cut"] == "marts/staff_per_snapshot.staff"  # people counted at both dates
        expect(page.get_by_text("Fails if more than 36 hours since last materialization")).to_be_visible()
        lineage.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / "column-lineage.png")
