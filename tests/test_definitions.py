"""The Dagster definitions: the asset graph follows the SQL, checks sit on their tables, the
schedule and the sensor are on."""

import os
import subprocess
import sys
import time

import dagster as dg
import pytest

from pipelines import models
from pipelines.catalog import table_doc
from pipelines.definitions import make_definitions
from pipelines.defs.automation.sensors import raw_folder_changed
from pipelines.raw_folder import RawFolder
from pipelines.settings import SQL_DIR


@pytest.fixture(scope="module")
def repository():
    return make_definitions().get_repository_def()


def test_every_sql_model_is_an_asset_whose_deps_are_the_tables_its_sql_reads(repository):
    graph = repository.asset_graph
    for model in models.all_models():
        key = dg.AssetKey([model.schema, model.table])
        upstream = {dg.AssetKey(list(t)) for t in model.upstream} or {dg.AssetKey("changed_inputs")}
        assert graph.get(key).parent_keys == upstream, model.name


def test_the_asset_graph_snapshot(repository):
    """Catches accidental changes to the graph: update it on purpose when the graph changes."""
    graph = repository.asset_graph
    groups = {}
    for key in graph.get_all_asset_keys():
        groups.setdefault(graph.get(key).group_name, set()).add(key.to_user_string())
    assert {group: len(keys) for group, keys in groups.items()} == {
        "ingest": 18,  # changed_inputs, the twelve reference tables and the five tables of the lists
        "staging": 23,
        "marts": 13,
        "audit": 3,
        "publish": 1,
        "reports": 3,
    }
    # publishing waits for the tables no other table reads, and so for every table
    assert graph.get(dg.AssetKey("warehouse")).parent_keys == {
        dg.AssetKey(list(k))
        for k in [
            ("marts", "district_scorecard"),
            ("marts", "movers"),
            ("marts", "staff_flows"),
            ("marts", "staff_qualifications"),
            ("marts", "unit_changes"),
            ("audit", "load_log"),
            ("audit", "reference_gaps"),
        ]
    }
    raw = [key for key in graph.get_all_asset_keys() if key.path[0] == "raw"]
    assert all(graph.get(key).parent_keys == {dg.AssetKey("changed_inputs")} for key in raw)
    assert graph.get(dg.AssetKey(["marts", "district_scorecard"])).parent_keys == {
        dg.AssetKey(key.split("/"))
        for key in (
            "marts/r22_commune_progress",
            "marts/r22_village_progress",
            "marts/reporting_dates",
            "marts/staff_cuts_by_sector",
            "marts/unit_staffing",
            "staging/area_units",
            "staging/labels",
            "staging/periods",
            "staging/personnel",
            "staging/scorecard_metrics",
            "staging/unit_links",
            "staging/units",
        )
    }


def test_the_nightly_run_rebuilds_even_when_nothing_changed(repository):
    from pipelines.defs.ingest.assets import REBUILD_TAG

    assert repository.get_schedule_def("nightly_refresh").tags == {REBUILD_TAG: "true"}


def test_structural_checks_block_and_quality_checks_warn(repository):
    graph = repository.asset_graph
    checks = {
        f"{k.asset_key.to_user_string()}:{k.name}": graph.get_check_spec(k) for k in graph.asset_check_keys
    }
    assert {
        "staging/personnel:structure",
        "staging/personnel:quality",
        "marts/district_scorecard:structure",
        "audit/load_log:structure",
    } <= set(checks)
    assert all(spec.blocking == name.endswith(":structure") for name, spec in checks.items())


def test_a_check_runs_in_its_tables_step_unless_it_reads_a_table_built_later(repository):
    """A check whose queries read a table its own is not built from waits for that table too; the
    others are evaluated in the step that builds their table."""
    graph = repository.asset_graph
    flows = dg.AssetCheckKey(dg.AssetKey(["marts", "staff_flows"]), "structure")
    reads = set(graph.assets_def_for_key(flows).keys_by_input_name.values())
    assert reads == {dg.AssetKey(["marts", "staff_flows"]), dg.AssetKey(["marts", "staff_cuts_by_sector"])}
    units = dg.AssetCheckKey(dg.AssetKey(["staging", "units"]), "structure")
    assert graph.assets_def_for_key(units).keys == {dg.AssetKey(["staging", "units"])}


def test_every_asset_is_described_and_owned(repository):
    graph = repository.asset_graph
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.owners, key
        assert "duckdb" in node.kinds, key


def test_the_nightly_schedule_and_the_raw_folder_sensor_are_on(repository):
    schedule = repository.get_schedule_def("nightly_refresh")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 1 * * *", "Asia/Ho_Chi_Minh")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    sensor = repository.get_sensor_def("raw_folder_changed")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert schedule.job_name == sensor.job_name == "refresh_warehouse"


def test_the_sensor_asks_for_a_run_when_a_raw_file_changes(tmp_path):
    (tmp_path / "personnel").mkdir()
    listing = tmp_path / "personnel" / "ds.xlsx"
    listing.write_bytes(b"first")
    raw_folder = RawFolder(path=str(tmp_path))

    def tick(cursor):
        context = dg.build_sensor_context(cursor=cursor, resources={"raw_folder": raw_folder})
        return raw_folder_changed(context), context.cursor

    first, cursor = tick(None)
    assert isinstance(first, dg.RunRequest)
    unchanged, same_cursor = tick(cursor)
    assert isinstance(unchanged, dg.SkipReason) and same_cursor == cursor
    listing.write_bytes(b"second")
    os.utime(listing, (time.time() + 5, time.time() + 5))
    changed, changed_cursor = tick(cursor)
    assert isinstance(changed, dg.RunRequest)
    (tmp_path / "personnel" / "~$ds.xlsx").write_bytes(b"Excel's lock file while a clerk has it open")
    opened, _ = tick(changed_cursor)
    assert isinstance(opened, dg.SkipReason)


def test_loading_the_code_location_imports_neither_pandas_nor_great_expectations():
    """Every run, the UI and the sensor load the definitions; a run that finds nothing changed must
    not pay seconds for the libraries only a rebuild uses."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pipelines.definitions; "
            "print(*sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'great_expectations'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.split() == []


def test_every_table_description_of_sql_reads():
    """A YAML that does not read stops every run; catch it here (the models' are also read above)."""
    for path in sorted(SQL_DIR.glob("*/*.yml")):
        doc = table_doc(path.parent.name, path.stem)
        assert doc.columns and all(column.vi and column.en for column in doc.columns), path
