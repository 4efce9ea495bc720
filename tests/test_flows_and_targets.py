"""Who left, who moved and why, and the targets as an officer reports them, on a tiny district with
lists of leavers, a mover, a person holding two posts, a true duplicate, a post handed to the regular
police, assigned posts, qualifications and dated targets (tests/rich_district.py)."""

from datetime import date

import duckdb
import pytest
from officer_words import codes_shown
from pipeline import Workspace, failed_checks
from rich_district import PERIOD, write_rich_district

from pipelines import quality
from pipelines.catalog import table_doc

TEACHER, POLICE_CHIEF, VILLAGE_HEAD = "Vũ Thị Mười Ba", "Đinh Văn Mười Bốn", "Hồ Văn Tám"


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    root = tmp_path_factory.mktemp("rich")
    with pytest.MonkeyPatch.context() as monkeypatch:
        workspace = Workspace(root / "raw", root / "warehouse" / "tinhgon.duckdb", monkeypatch)
        write_rich_district(workspace.raw)
        result = workspace.run()
    assert result.success, failed_checks(result)
    return workspace


def test_a_teacher_who_moved_to_the_commune_is_a_move_not_a_cut_nor_a_hire(rich):
    moves = rich.query(
        "SELECT from_sector, to_sector, to_unit_code, move_vi FROM marts.movers WHERE full_name = ?",
        [TEACHER],
    )
    assert moves == [("education", "commune_officials", "D-A", "điều động, luân chuyển")]
    flows = rich.query(
        'SELECT sector, moved_out, moved_in, joined, "left" FROM marts.staff_flows '
        "WHERE sector IN ('education', 'commune_officials') AND (moved_out > 0 OR moved_in > 0) ORDER BY ALL"
    )
    # the commune's other leaver is its police chief; the school's, a teacher on no list
    assert flows == [("commune_officials", 0, 1, 0, 1), ("education", 1, 0, 0, 1)]


def test_each_leaver_has_the_reason_of_the_list_that_names_them_or_chua_ro_ly_do(rich):
    leavers = dict(rich.query("SELECT full_name, reason_vi FROM marts.leavers WHERE period = ?", [PERIOD]))
    assert leavers["Phạm Văn Hai"] == "Nghỉ hưu"  # the list's title says why; it has no ID column
    assert leavers["Đỗ Văn Bảy"] == "Thôi đảm nhiệm do sắp xếp theo Nghị quyết 22"
    assert leavers["Lý Thị Bốn"] == "chưa rõ lý do"  # on no list: the clerk's to fix
    [(decision, leave_date)] = rich.query(
        "SELECT decision_number, leave_date FROM marts.leavers WHERE full_name = 'Phạm Văn Hai'"
    )
    assert (decision, leave_date) == ("123/QĐ-UBND", date(2019, 7, 1))


def test_a_post_handed_to_the_regular_police_is_a_transfer_of_function(rich):
    [(reason, policy_cut, source)] = rich.query(
        "SELECT reason_vi, policy_cut, reason_source FROM marts.leavers WHERE full_name = ?", [POLICE_CHIEF]
    )
    assert reason == "Chức danh chuyển giao cho Công an chính quy" and not policy_cut
    assert source.startswith("chức danh thôi hiệu lực từ ngày 01/01/2020")


def test_a_leaver_whom_no_personnel_list_names_is_listed_for_the_clerk(rich):
    [(counted, reason)] = rich.query(
        "SELECT counted, reason_vi FROM audit.quarantine WHERE file = 'leavers/2020/kct.xlsx'"
    )
    assert not counted and "không tìm thấy Người Không Có trong danh sách nhân sự nào" in reason


def test_two_posts_of_one_person_count_once_and_a_true_duplicate_not_at_all(rich):
    posts = rich.query(
        "SELECT position_title, is_concurrent FROM staging.personnel "
        "WHERE full_name = ? AND snapshot_date = '2021-11-30' ORDER BY is_concurrent",
        [VILLAGE_HEAD],
    )
    assert posts == [("Bí thư Chi bộ", False), ("Trưởng thôn", True)]
    [(people, post_count)] = rich.query(
        "SELECT current_count, current_posts FROM marts.r22_village_progress WHERE village_code = 'D-A-9'"
    )
    assert (people, post_count) == (4, 5)  # the rule counts people: "không quá 03 người"
    [(counted, reason)] = rich.query(
        "SELECT counted, reason FROM audit.quarantine WHERE cells->>'Họ và tên' = 'Hồ Văn Mười'"
    )
    assert not counted and "is already listed" in reason


def test_flows_reconcile_and_each_sector_nets_to_its_cut(rich):
    unbalanced = rich.query(
        "SELECT unit_code FROM marts.staff_flows "
        'WHERE baseline_count + joined + moved_in - moved_out - "left" <> current_count'
    )
    assert unbalanced == []
    net = rich.query(
        "SELECT f.sector, sum(f.baseline_count - f.current_count), any_value(c.cut) FROM marts.staff_flows f "
        "JOIN marts.staff_cuts_by_sector c USING (period, sector) GROUP BY f.sector ORDER BY f.sector"
    )
    assert [(sector, cut) for sector, cut, _ in net] == [(sector, cut) for sector, _, cut in net]
    assert len(net) == 5


def test_a_broken_flow_fails_the_blocking_reconciliation_check():
    """The check as the pipeline runs it (the YAML's Great Expectations suite), on a flow that does not
    add up."""
    doc = table_doc("marts", "staff_flows")
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA marts")
        connection.execute(
            "CREATE TABLE marts.staff_flows AS SELECT * FROM (VALUES ('p', 's', 'U', 5, 1, 0, 0, 1, 4)) "
            't(period, sector, unit_code, baseline_count, joined, moved_in, moved_out, "left", current_count)'
        )
        connection.execute(
            "CREATE TABLE marts.staff_cuts_by_sector AS SELECT 'p' AS period, 's' AS sector, 1 AS cut"
        )
        outcomes = quality.validate(connection, doc.name, quality.suite_of(doc, "error"))
    failed = [o for o in outcomes if not o.success]
    assert [o.expectation.description for o in failed] == [
        "every unit's flows add up: baseline + joined + moved in - moved out - left = as-of count"
    ]
    assert failed[0].failing_rows == [{"period": "p", "sector": "s", "unit_code": "U"}]


def test_the_posts_target_is_met_by_the_cut_in_assigned_posts_not_in_people(rich):
    card = {
        metric: (value, target, status)
        for metric, value, target, status in rich.query(
            "SELECT metric, value, target, target_status FROM marts.district_scorecard WHERE period = ?",
            [PERIOD],
        )
    }
    assert card["assigned_posts_cut"] == (2, 2, "đạt")  # 13 posts in 2015, 11 in 2021: 10 % is 2
    units = dict(
        rich.query("SELECT unit_code, target_met FROM marts.unit_staffing WHERE snapshot_date = '2021-11-30'")
    )
    assert units == {"P-NV": True, "S-A": False, "D-A": True}
    [(base, assigned, staff, vacancies)] = rich.query(
        "SELECT base_posts, assigned_posts, staff, vacancies FROM marts.unit_staffing "
        "WHERE unit_code = 'P-NV' AND snapshot_date = '2021-11-30'"
    )
    assert (base, assigned, staff, vacancies) == (6, 5, 1, 4)  # the base of the agency merged into it too


def test_targets_are_met_missed_by_their_due_date_not_yet_due_or_absent(rich):
    status = dict(
        rich.query("SELECT metric, target_status FROM marts.district_scorecard WHERE period = ?", [PERIOD])
    )
    assert status["r22_achieved_pct"] == "không đạt"  # 75 %, due 31/12/2020
    assert (
        status["villages_over_limit"] == "chưa đến hạn"
    )  # 2 villages over, due a month after the as-of date
    assert status["staff_cut_total"] == "không có mục tiêu"


def test_a_village_over_its_quota_next_to_a_pooled_hundred_percent(rich):
    [(pooled, by_village)] = rich.query(
        "SELECT achieved_pct, achieved_pct_by_village FROM marts.r22_commune_progress "
        "WHERE commune_code = 'D-B' AND level = 'village'"
    )
    assert (pooled, by_village) == (100, 50)
    over = rich.query(
        "SELECT village, excess FROM marts.r22_village_progress WHERE commune_code = 'D-B' ORDER BY village"
    )
    assert over == [("Số 1", 1), ("Số 2", 0)]


def test_qualifications_map_their_spellings_to_levels_and_list_the_unknown(rich):
    levels = rich.query(
        "SELECT qualification_level, staff FROM marts.staff_qualifications "
        "WHERE sector = 'commune_officials' AND snapshot_date = '2021-11-30' ORDER BY level_order"
    )
    assert levels == [("sau đại học", 1), ("không rõ", 1)]  # Thạc sĩ; no qualification written
    village = dict(
        rich.query(
            "SELECT qualification_level, staff FROM marts.staff_qualifications "
            "WHERE sector = 'ncs_village' AND snapshot_date = '2021-11-30'"
        )
    )
    assert village["cao đẳng"] == 1  # "CĐ"; political theory ("Lý luận chính trị") is not read as one
    gaps = rich.query(
        "SELECT subject, reference_file FROM audit.reference_gaps WHERE gap = 'unknown_qualification'"
    )
    assert gaps == [("12/12", "qualification_levels.csv")]


def test_no_code_in_any_vietnamese_label_or_reason(rich):
    assert codes_shown(rich) == []


def test_correcting_a_typo_moves_no_head_count_nor_net_cut(workspace):
    """A malformed date of birth and a malformed ID number still count; correcting them changes no
    figure of people."""
    typos = {
        ("2021-11-30/an-hoa.xlsx", "Trần Văn Năm"): {"born": "31/02/1965"},
        ("2021-11-30/huyen.xlsx", "Phạm Văn Một"): {"id": "0260000000"},
    }
    write_rich_district(workspace.raw, typos)
    assert workspace.run().success
    to_fix = workspace.query("SELECT count(*) FROM audit.quarantine WHERE counted")
    assert to_fix == [(2,)]
    with_typos = workspace.query("SELECT * FROM marts.staff_cuts_by_sector ORDER BY ALL")
    write_rich_district(workspace.raw)
    assert workspace.run().success
    assert workspace.query("SELECT count(*) FROM audit.quarantine WHERE counted") == [(0,)]
    assert workspace.query("SELECT * FROM marts.staff_cuts_by_sector ORDER BY ALL") == with_typos
