"""The published warehouse: readers never block a run, a failed run never breaks it, re-runs are
identical and parse only what changed."""

import csv
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from district import LISTS, add_a_baseline_official, write_district, write_list
from pipeline import failed_checks

from pipelines.loading import lists as list_loading
from pipelines.loading import pool, records
from pipelines.reading.sources import read_source

MARTS = (
    "district_scorecard",
    "r22_commune_progress",
    "r22_village_progress",
    "staff_cuts_by_sector",
    "unit_changes",
)


def marts(workspace) -> dict[str, list[tuple]]:
    return {table: workspace.query(f"SELECT * FROM marts.{table} ORDER BY ALL") for table in MARTS}


def files_parsed(result: dg.ExecuteInProcessResult) -> int:
    [materialization] = [
        m
        for m in result.get_asset_materialization_events()
        if m.asset_key == dg.AssetKey(["raw", "source_files"])
    ]
    return materialization.materialization.metadata["files_parsed"].value


# A reviewer's session: open read-only, read the total cut, wait, read it again on the same connection.
READER = textwrap.dedent("""
    import duckdb, sys
    connection = duckdb.connect(sys.argv[1], read_only=True)
    total = "SELECT value FROM marts.district_scorecard WHERE metric = 'staff_cut_total'"
    print(connection.execute(total).fetchall()[0][0], flush=True)
    sys.stdin.read()
    print(connection.execute(total).fetchall()[0][0], flush=True)
""")


def test_a_reader_holding_the_warehouse_open_does_not_block_a_run(workspace):
    write_district(workspace.raw)
    assert workspace.run().success
    before = workspace.scorecard()["staff_cut_total"]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(workspace.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert float(reader.stdout.readline()) == before
        add_a_baseline_official(workspace.raw)
        result = workspace.run()
        assert result.success, failed_checks(result)
        reader.stdin.close()
        assert float(reader.stdout.readline()) == before  # the reader keeps the warehouse it opened
    finally:
        reader.kill()
    assert workspace.scorecard()["staff_cut_total"] == before + 1


def test_a_run_failing_a_blocking_check_leaves_the_published_warehouse_as_it_was(workspace):
    write_district(workspace.raw)
    assert workspace.run().success
    published = workspace.warehouse.read_bytes()
    with (workspace.raw / "reference" / "admin_units.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["D-A", "commune", "xã", "Trùng Mã", "D", "1", "", "2000-01-01", "", ""])
    result = workspace.run()
    assert not result.success
    assert "staging/units:structure" in failed_checks(result)
    assert workspace.warehouse.read_bytes() == published
    assert list((workspace.warehouse.parent / ".builds").glob("*")) != []  # the failed run's build
    (workspace.raw / "reference" / "admin_units.csv").write_text(
        "".join((workspace.raw / "reference" / "admin_units.csv").read_text().splitlines(keepends=True)[:-1])
    )
    assert workspace.run().success
    assert list((workspace.warehouse.parent / ".builds").glob("*")) == []  # cleaned by the next run


def test_a_rerun_with_nothing_changed_skips_every_step_and_leaves_the_warehouse_as_it_was(workspace):
    write_district(workspace.raw)
    first = workspace.run()
    published = workspace.warehouse.read_bytes()
    second = workspace.run()
    assert second.success
    assert [m.asset_key for m in second.get_asset_materialization_events()] == []
    skipped = {e.step_key for e in second.all_events if e.event_type == dg.DagsterEventType.STEP_SKIPPED}
    assert {"spreadsheet_lists", "marts__district_scorecard", "warehouse"} <= skipped
    assert workspace.warehouse.read_bytes() == published
    assert workspace.query("SELECT run_id FROM audit.build") == [(first.run_id,)]


def test_a_rebuild_with_nothing_changed_parses_nothing_and_gives_the_same_tables(workspace):
    write_district(workspace.raw)
    first = workspace.run()
    tables = marts(workspace)
    second = workspace.run(rebuild=True)
    assert (files_parsed(first), files_parsed(second)) == (5, 0)
    assert marts(workspace) == tables


def test_a_new_id_key_or_a_run_that_failed_after_publishing_makes_the_next_run_rebuild(workspace):
    write_district(workspace.raw)
    workspace.run()
    workspace.monkeypatch.setenv("TINHGON_ID_KEY", "another key")
    assert files_parsed(workspace.run()) == 5  # every ID hashes differently: every file read again
    workspace.monkeypatch.delenv("TINHGON_ID_KEY")
    again = workspace.run()
    workspace.instance.report_run_canceled(workspace.instance.get_run_by_id(again.run_id))  # e.g. its reports
    assert [m.asset_key for m in workspace.run().get_asset_materialization_events()] != []


def test_a_file_saved_again_unchanged_starts_a_run_that_parses_nothing(workspace):
    write_district(workspace.raw)
    workspace.run()
    saved_again = workspace.raw / "personnel" / "2021-11-30" / "huyen.xlsx"
    saved_again.write_bytes(saved_again.read_bytes())  # a new modification time, the same content
    result = workspace.run()
    assert files_parsed(result) == 0
    assert workspace.query("SELECT run_id FROM audit.build") == [(result.run_id,)]


def test_changed_and_removed_files_are_reflected_exactly(workspace):
    write_district(workspace.raw)
    workspace.run()
    issuer, snapshot, people = LISTS["2021-11-30/huyen.xlsx"]
    a_new_teacher = ("Lý Thị Mới", "05/05/1990", "Nữ", "Giáo viên", "Trường Tiểu học An Hòa", 98)
    write_list(
        workspace.raw / "personnel" / "2021-11-30" / "huyen.xlsx", issuer, snapshot, [*people, a_new_teacher]
    )
    (workspace.raw / "personnel" / "2019-05-31" / "an-hoa-kct.xlsx").unlink()
    result = workspace.run()
    assert files_parsed(result) == 1
    cuts = dict(workspace.query("SELECT sector, cut FROM marts.staff_cuts_by_sector"))
    assert cuts["education"] == 0  # two teachers in 2016, two again in the changed 2021 list
    assert "ncs_commune" not in cuts or cuts["ncs_commune"] == 0  # its 2019 baseline list is gone
    assert workspace.query("SELECT file FROM audit.load_log WHERE file LIKE '2019%'") == []


def test_files_parsed_by_the_worker_pool_load_as_when_parsed_in_process(tmp_path, monkeypatch, hasher):
    """The first load and then a second one, where workers must tell the unchanged files (by content
    hash) from the changed, new and removed ones."""
    sent_first = write_district(tmp_path / "first") / "personnel"
    issuer, snapshot, people = LISTS["2021-11-30/huyen.xlsx"]
    changed = write_list(tmp_path / "changed.xlsx", issuer, snapshot, people[:-1])
    new = write_list(tmp_path / "new.xlsx", issuer, snapshot, people[-1:])
    personnel_dir = tmp_path / "raw" / "personnel"

    def loads() -> list[dict[str, list[tuple]]]:
        shutil.rmtree(personnel_dir, ignore_errors=True)
        shutil.copytree(sent_first, personnel_dir)
        with duckdb.connect() as connection:
            connection.execute("CREATE SCHEMA raw")
            seen = [_refreshed(connection, personnel_dir, hasher)]
            shutil.copy(changed, personnel_dir / "2021-11-30" / "huyen.xlsx")
            shutil.copy(new, personnel_dir / "2021-11-30" / "moi.xlsx")
            (personnel_dir / "2016-11-30" / "huyen.xlsx").unlink()
            return [*seen, _refreshed(connection, personnel_dir, hasher)]

    in_process = loads()
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 0)
    monkeypatch.setattr(pool, "CHUNK_FILES", 1)  # a Parquet file per file, columns differing
    assert loads() == in_process
    assert len(in_process[0]["personnel"]) > 10
    files = len(LISTS)
    assert in_process[1]["summary"] == [(files, 2)]  # one changed and one new file parsed, one gone


def test_a_field_the_reader_gives_but_the_raw_table_lacks_stops_the_load_by_name():
    """Parsed rows are converted to the raw tables' types: a field missing from the YAML must not be
    dropped without a word."""
    with pytest.raises(ValueError, match=r"raw\.personnel has no column mood"):
        records.to_arrow("personnel", [{"file": "a.xlsx", "row": 5, "mood": "calm"}])


def test_a_file_whose_size_and_times_are_unchanged_is_not_read_again(tmp_path, monkeypatch, hasher):
    """Only a file whose stat changed is read and hashed; saved again with the same content, it is not
    parsed, and its new stat is kept so that the next load does not read it either."""
    personnel_dir = write_district(tmp_path / "raw") / "personnel"
    read = []
    monkeypatch.setattr(pool, "read_source", lambda path: read.append(path) or read_source(path))
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA raw")
        first = _refreshed(connection, personnel_dir, hasher)
        assert len(read) == len(LISTS)
        saved_again = personnel_dir / "2021-11-30" / "huyen.xlsx"
        saved_again.write_bytes(saved_again.read_bytes())
        second = _refreshed(connection, personnel_dir, hasher)
        assert read[len(LISTS) :] == [saved_again]
        third = _refreshed(connection, personnel_dir, hasher)
        assert read[len(LISTS) :] == [saved_again]
    assert second["summary"] == third["summary"] == [(len(LISTS), 0)]
    assert first | {"summary": []} == second | {"summary": []} == third | {"summary": []}


def _refreshed(connection, personnel_dir: Path, hasher) -> dict[str, list[tuple]]:
    with tempfile.TemporaryDirectory() as spool:
        list_dirs = {"personnel": personnel_dir, "leavers": personnel_dir.parent / "leavers"}
        summary = list_loading.refresh(connection, list_dirs, hasher, Path(spool))
    # when each file was written differs from one copy of the folder to the next
    read = {"source_files": "* EXCLUDE (modified_ns, changed_ns)"}
    tables = {
        table: connection.execute(f"SELECT {read.get(table, '*')} FROM raw.{table} ORDER BY ALL").fetchall()
        for table in list_loading.LIST_TABLES
    }
    return tables | {"summary": [(summary.files_seen, summary.files_parsed)]}


def test_each_published_warehouse_says_which_run_built_it_and_the_last_ones_are_kept(workspace):
    write_district(workspace.raw)
    first = workspace.run()
    second = workspace.run(rebuild=True)
    [(run_id, files)] = workspace.query("SELECT run_id, files FROM audit.build")
    assert (run_id, files) == (second.run_id, 5)
    [last_night] = sorted((workspace.warehouse.parent / "history").glob("tinhgon_*.duckdb"))
    with duckdb.connect(last_night, read_only=True) as connection:
        assert connection.execute("SELECT run_id FROM audit.build").fetchall() == [(first.run_id,)]


def test_the_duckdb_cli_of_make_sql_opens_the_published_warehouse(workspace):
    write_district(workspace.raw)
    workspace.run()
    cli = Path(sys.executable).parent / "duckdb"
    shown = subprocess.run(
        [
            cli,
            "-readonly",
            "-csv",
            str(workspace.warehouse),
            "-c",
            "SELECT value FROM marts.district_scorecard WHERE metric = 'staff_cut_total'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shown.split() == ["value", "2.0"]


def test_a_deleted_model_leaves_no_orphan_table_behind(workspace):
    write_district(workspace.raw)
    workspace.run()
    with duckdb.connect(workspace.warehouse) as connection:  # a table no model defines any more
        connection.execute("CREATE TABLE marts.retired_model AS SELECT 1 AS x")
    workspace.run(rebuild=True)
    assert workspace.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'retired_model'") == [
        (0,)
    ]
