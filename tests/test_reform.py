"""Time moves on: the 2025 reform (the district level ending, communes merged and split, villages under
new communes, staff handed to successor bodies), lists dated past every reference row, and lists that
arrive one commune at a time. Every run publishes; what the reference data lacks is listed, not fatal."""

from datetime import date

import pytest
from officer_words import codes_shown
from pipeline import Workspace, failed_checks, run_cli
from reform import LISTS, REFORM, write_reform_district

PERIOD_BEFORE, PERIOD_REFORM = "p1", "p2"
RE_DATED = date(2026, 11, 30)


@pytest.fixture(scope="module")
def reformed(tmp_path_factory):
    root = tmp_path_factory.mktemp("reform")
    with pytest.MonkeyPatch.context() as monkeypatch:
        workspace = Workspace(root / "raw", root / "warehouse" / "tinhgon.duckdb", monkeypatch)
        write_reform_district(workspace.raw)
        result = workspace.run()
    assert result.success, failed_checks(result)
    return workspace


def test_the_reform_period_compares_the_last_snapshot_before_it_with_the_first_after(reformed):
    dates = reformed.query(
        "SELECT DISTINCT baseline_date, as_of FROM marts.reporting_dates WHERE period = ?", [PERIOD_REFORM]
    )
    assert dates == [(date(2021, 11, 30), REFORM)]


def test_staff_of_the_ended_district_agency_are_moved_by_the_reform_not_cut(reformed):
    flows = reformed.query(
        'SELECT baseline_count, joined, moved_in, moved_out, "left", current_count FROM marts.staff_flows '
        "WHERE period = ? AND sector = 'district_agencies'",
        [PERIOD_REFORM],
    )
    assert flows == [(3, 0, 0, 3, 0, 0)]
    moves = reformed.query(
        "SELECT to_sector, to_unit_code, move_kind FROM marts.movers "
        "WHERE period = ? AND from_unit_code = 'NV' ORDER BY to_unit_code",
        [PERIOD_REFORM],
    )
    assert moves == [
        ("province_agencies", "SNV", "reorganisation"),
        ("commune_officials", "X", "reorganisation"),
        ("commune_officials", "Y", "reorganisation"),
    ]
    assert reformed.query("SELECT count(*) FROM marts.leavers WHERE sector = 'district_agencies'") == [(0,)]


def test_the_other_staff_of_a_province_body_are_outside_the_area(reformed):
    sectors = {s for (s,) in reformed.query("SELECT sector FROM marts.staff_cuts_by_sector")}
    assert "province_agencies" not in sectors
    counted = reformed.query("SELECT count(*) FROM staging.personnel WHERE unit_code = 'SNV'")
    assert counted == [(3,)]  # loaded and counted, in no figure of the area


def test_a_commune_split_between_two_successors_counts_each_village_where_it_went(reformed):
    villages = reformed.query(
        "SELECT period, commune_code, village_code FROM marts.r22_village_progress ORDER BY ALL"
    )
    assert villages == [
        ("p1", "A", "A1"),
        ("p1", "B", "B1"),
        ("p1", "B", "B2"),
        ("p2", "X", "A1"),
        ("p2", "X", "B1"),
        ("p2", "Y", "B2"),
    ]
    baselines = reformed.query(
        "SELECT commune_code, baseline_count FROM marts.r22_commune_progress "
        "WHERE period = ? AND level = 'village' ORDER BY ALL",
        [PERIOD_REFORM],
    )
    assert baselines == [("X", 2), ("Y", 1)]


def test_a_village_moved_to_a_new_commune_is_a_unit_change_with_its_date(reformed):
    moved = reformed.query(
        "SELECT old_unit_code, new_unit, effective_date FROM marts.unit_changes "
        "WHERE change = 'new_parent' ORDER BY old_unit_code"
    )
    assert [(code, when) for code, _, when in moved] == [
        ("A1", date(2025, 7, 1)),
        ("B1", date(2025, 7, 1)),
        ("B2", date(2025, 7, 1)),
    ]
    assert "phường Xuân Hòa" in moved[0][1]


def test_the_district_level_ends_and_its_area_lives_on_in_its_successors(reformed):
    assert reformed.scorecard(PERIOD_REFORM)["units_cut_district_agencies"] == 1
    area = {
        unit
        for (unit,) in reformed.query(
            "SELECT unit_code FROM staging.area_units WHERE period = ? AND day = ?", [PERIOD_REFORM, REFORM]
        )
    }
    assert area == {"X", "Y", "A1", "B1", "B2"}  # not the province body, nor the province


def test_commune_level_posts_end_in_their_area_and_their_holders_leave_for_that_reason(reformed):
    leavers = reformed.query(
        "SELECT unit_code, reason_code, reason_source FROM marts.leavers WHERE period = ? ORDER BY ALL",
        [PERIOD_REFORM],
    )
    assert [(unit, reason) for unit, reason, _ in leavers] == [("A", "cham_dut"), ("B", "cham_dut")]
    assert all("01/08/2025" in source for _, _, source in leavers)  # the area's date, not the national one


def test_the_reform_shows_no_code_in_any_vietnamese_label_or_reason(reformed):
    assert codes_shown(reformed) == []


def test_lists_dated_past_every_reference_row_publish_and_leave_the_earlier_period_as_it_was(
    reformed, workspace
):
    """The pre-reform lists sent again as of 2026: their communes, agency and commune-level title have
    all ended. The run publishes, counts every row it can, lists the gaps, and the 2019-2021 figures
    stay as they were."""
    re_dated = {
        name.replace("2021-11-30", f"{RE_DATED:%Y-%m-%d}"): (issuer, RE_DATED, people)
        for name, (issuer, day, people) in LISTS.items()
        if name.startswith("2021-11-30")
    }
    write_reform_district(workspace.raw, LISTS | re_dated)
    result = workspace.run()
    assert result.success, failed_checks(result)
    assert workspace.scorecard(PERIOD_BEFORE) == reformed.scorecard(PERIOD_BEFORE)
    unaccounted = workspace.query(
        """
        SELECT l.file, l.sheet FROM raw.lists l
        WHERE l.data_rows <> (SELECT count(*) FROM staging.personnel p
                              WHERE p.file = l.file AND p.sheet = l.sheet)
                           + (SELECT count(*) FROM audit.quarantine q
                              WHERE q.file = l.file AND q.sheet = l.sheet AND NOT q.counted)
        """
    )
    assert unaccounted == []
    counted = workspace.query("SELECT count(*) FROM staging.personnel WHERE snapshot_date = ?", [RE_DATED])
    assert counted == [(10,)]  # every row of the three lists
    gaps = {
        (gap, subject) for gap, subject in workspace.query("SELECT gap, subject FROM audit.reference_gaps")
    }
    assert {
        ("unit_ended", "xã An Hòa"),
        ("unit_ended", "xã Bình Minh"),
        ("unit_ended", "Phòng Nội vụ"),
        ("title_ended", "Văn phòng Đảng ủy"),
    } <= gaps
    # Everything the old names count under is the first of their successors: the reform period waits
    # for the commune that sent nothing
    notes = workspace.query(
        "SELECT DISTINCT as_of, note_vi FROM marts.reporting_dates WHERE period = ? AND note_vi IS NOT NULL",
        [PERIOD_REFORM],
    )
    assert notes == [(REFORM, "đang chờ danh sách ngày 30/11/2026 của: xã Yên Bình")]


def test_lists_sent_one_commune_at_a_time_publish_every_time_and_name_the_communes_awaited(workspace):
    before_reform = {name: spec for name, spec in LISTS.items() if not name.startswith("2025")}
    arriving = ["2025-11-30/so-noi-vu.xlsx", "2025-11-30/xuan-hoa.xlsx", "2025-11-30/yen-binh.xlsx"]
    awaited = [
        "đang chờ danh sách ngày 30/11/2025 của: phường Xuân Hòa, xã Yên Bình",
        "đang chờ danh sách ngày 30/11/2025 của: xã Yên Bình",
        None,
    ]
    sent = dict(before_reform)
    for name, note in zip(arriving, awaited, strict=True):
        sent[name] = LISTS[name]
        write_reform_district(workspace.raw, sent)
        result = workspace.run()
        assert result.success, (name, failed_checks(result))
        [(as_of, shown)] = workspace.query(
            "SELECT as_of, note_vi FROM marts.reporting_dates "
            "WHERE period = ? AND sector = 'commune_officials'",
            [PERIOD_REFORM],
        )
        assert (as_of, shown) == (REFORM if note is None else date(2021, 11, 30), note), name


def test_a_failing_blocking_check_prints_the_failing_rows_and_what_to_do(tmp_path):
    raw = write_reform_district(tmp_path / "raw")
    units = raw / "reference" / "admin_units.csv"
    # the second version of village A1 starts before the first ends
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "A1,village,thôn,Đông,X,,200,2025-07-01", "A1,village,thôn,Đông,X,,200,2024-01-01"
        ),
        encoding="utf-8",
    )
    run = run_cli(tmp_path, raw)
    assert run.returncode == 1
    assert "staging/units structure (ERROR)" in run.stdout
    assert "failed: expect_table_row_count_to_equal(): the versions of a unit do not overlap" in run.stdout
    assert "unit_code=A1" in run.stdout
    assert "what to do: end the earlier row of the unit" in run.stdout
    assert "The published warehouse was left as it was" in run.stdout


def test_make_run_prints_the_lists_awaited_and_what_the_reference_lacks(tmp_path):
    """A commune's list not yet in, villages without a quota: the night publishes and says both."""
    sent = {name: spec for name, spec in LISTS.items() if name != "2025-11-30/yen-binh.xlsx"}
    raw = write_reform_district(tmp_path / "raw", sent)
    norms = raw / "reference" / "ncs_norms.csv"
    norms.write_text(
        "".join(line for line in norms.open(encoding="utf-8") if ",village," not in line), encoding="utf-8"
    )
    run = run_cli(tmp_path, raw)
    assert run.returncode == 0, run.stdout + run.stderr
    awaited = run.stdout.split("Lists still awaited")[1].split("\n\n")[0]
    assert "đang chờ danh sách ngày 30/11/2025 của: xã Yên Bình" in awaited
    gaps = run.stdout.split("Reference data to complete (audit.reference_gaps)")[1].split("\n\n")[0]
    assert "không có định mức người hoạt động không chuyên trách" in gaps
    assert "r22_quotas.csv hoặc ncs_norms.csv" in gaps
