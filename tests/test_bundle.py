"""The bundled Bình Xuyên data through the whole pipeline: the article's figures, computed."""

import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from officer_words import codes_shown
from pipeline import failed_checks
from privacy import clear_text_ids

BUNDLE = Path(__file__).resolve().parent.parent / "raw"
PERIOD = "de_an_01"  # the article's period; the bundle also holds the 2025 reform's

ARTICLE = {
    "staff_cut_total": 200,
    "staff_cut_district_agencies": 11,
    "staff_cut_education": 144,
    "staff_cut_commune_officials": 45,
    "units_cut_district_agencies": 4,
    "units_cut_schools": 3,
    "villages_merged_from": 29,
    "villages_merged_into": 13,
    "villages_net_cut": 16,
    "ncs_commune_cut": 143,
    "ncs_village_cut": 886,
    "r22_achieved_pct": 100,
}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """One run on a copy of the bundle, shared by the tests that only read its results."""
    from pipeline import Workspace

    root = tmp_path_factory.mktemp("bundle")
    shutil.copytree(BUNDLE, root / "raw")
    with pytest.MonkeyPatch.context() as monkeypatch:
        workspace = Workspace(root / "raw", root / "warehouse" / "tinhgon.duckdb", monkeypatch)
        result = workspace.run()
    assert result.success, failed_checks(result)
    return workspace


def scorecard(workspace, period: str = PERIOD) -> dict[str, float]:
    return dict(
        workspace.query("SELECT metric, value FROM marts.district_scorecard WHERE period = ?", [period])
    )


def test_the_scorecard_gives_the_article_figures(bundled):
    figures = scorecard(bundled)
    assert {metric: figures[metric] for metric in ARTICLE} == ARTICLE
    over_limit = bundled.query(
        "SELECT count(*) FROM marts.r22_village_progress WHERE period = ? AND excess > 0", [PERIOD]
    )[0][0]
    assert figures["villages_over_limit"] == over_limit > 0


def test_the_scorecard_gives_every_target_with_its_basis_and_grade(bundled):
    """Each target of scorecard_metrics.csv in force at a period's as-of date, graded; the rest say so."""
    card = {
        (period, metric): (target, due_date, basis, status)
        for period, metric, target, due_date, basis, status in bundled.query(
            "SELECT period, metric, target, due_date, basis, target_status FROM marts.district_scorecard"
        )
    }
    due = date(2021, 12, 31)
    for metric in (
        "r22_achieved_pct",
        "villages_over_limit",
        "villages_within_limit_pct",
        "assigned_posts_cut",
    ):
        target, due_date, basis, status = card[PERIOD, metric]
        assert (target is not None, due_date, bool(basis)) == (True, due, True), metric
        assert status in ("đạt", "không đạt", "chưa đến hạn"), metric
    assert card[PERIOD, "villages_over_limit"][3] == "chưa đến hạn"  # due a month after the as-of date
    for metric in ("villages_over_limit", "villages_within_limit_pct"):  # Nghị định 33/2023 from 2023
        target, _, basis, status = card["sap_xep_2025", metric]
        assert (target is not None, "33/2023" in basis, status != "không có mục tiêu") == (True, True, True)
    assert card[PERIOD, "staff_cut_total"][3] == "không có mục tiêu"


def test_the_bundle_shows_no_code_in_any_vietnamese_label_or_reason(bundled):
    assert codes_shown(bundled) == []


def test_every_leaver_has_a_reason_but_those_the_story_leaves_off_every_list(bundled):
    """The reasons come from the lists, transfers and titles' ends; "chưa rõ lý do" is left only for the
    people raw/_generator/story.py puts on no list of leavers."""
    unknown = dict(
        bundled.query(
            "SELECT period, count(*) FROM marts.leavers WHERE reason_code = 'unknown' GROUP BY period"
        )
    )
    assert unknown == {PERIOD: 10, "sap_xep_2025": 5}
    by_title_end = dict(
        bundled.query(
            "SELECT reason_code, count(*) FROM marts.leavers WHERE reason_source LIKE 'chức danh thôi%' "
            "GROUP BY reason_code"
        )
    )
    assert set(by_title_end) == {
        "chuyen_giao_chuc_nang",  # commune police, 2020
        "sap_xep_nq22",  # Resolution 22, 2019
        "cham_dut_kct_cap_xa",  # Phú Thọ's commune non-specialized posts, 1/8/2025
        "chuyen_luc_luong_antt",  # village police workers, 2024
    }


def test_make_run_names_in_words_the_sectors_of_the_leavers_on_no_list(bundled, capsys):
    from pipelines.summary import print_warehouse

    print_warehouse(bundled.warehouse)
    printed = capsys.readouterr().out.split("Leavers on no list of leavers")[1]
    assert re.search(r"de_an_01\s*│\s*education\s*│\s*Viên chức ngành Giáo dục\s*│\s*4\s*│", printed)


def test_every_data_row_is_loaded_or_quarantined(bundled):
    """Each personnel row counts or is quarantined as not counting (a row that counts with a cell to fix
    is in both); each row of a list of leavers is read."""
    unaccounted = bundled.query(
        """
        SELECT l.file, l.sheet, l.data_rows,
               CASE l.kind
                   WHEN 'personnel' THEN
                       (SELECT count(*) FROM staging.personnel p WHERE p.file = l.file AND p.sheet = l.sheet)
                     + (SELECT count(*) FROM audit.quarantine q
                        WHERE q.file = l.file AND q.sheet = l.sheet AND NOT q.counted)
                   ELSE (SELECT count(*) FROM raw.leavers r WHERE r.file = l.file AND r.sheet = l.sheet)
               END AS n
        FROM raw.lists l WHERE data_rows <> n
        """
    )
    assert unaccounted == []


def test_the_deliberately_wrong_rows_are_quarantined_with_reasons(bundled):
    reasons = [reason for (reason,) in bundled.query("SELECT reason FROM audit.quarantine")]
    for expected in (
        "is not a date",
        "the name is empty",
        "is not in positions.csv",
        "is not a unit",
        "is already listed",
        "the ID number has 10",
    ):
        assert any(expected in reason for reason in reasons), (expected, reasons)
    rejected = bundled.query("SELECT file, reason FROM audit.load_log WHERE status = 'rejected'")
    assert len(rejected) == 1 and "not an Excel workbook" in rejected[0][1]


def test_every_table_and_column_carries_a_comment(bundled):
    tables = bundled.query(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE comment IS NULL OR comment = ''"
    )
    columns = bundled.query(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
        "WHERE schema_name IN ('raw', 'staging', 'marts', 'audit') AND (comment IS NULL OR comment = '')"
    )
    assert (tables, columns) == ([], [])


def test_contract_tables_and_columns_exist(bundled):
    """The tables and columns CONTRACT.md promises users and their queries."""
    contract = {
        "marts.district_scorecard": {
            "period",
            "metric",
            "label_vi",
            "value",
            "target",
            "due_date",
            "basis",
            "baseline_date",
            "as_of",
        },
        "marts.r22_commune_progress": {
            "period",
            "commune",
            "commune_type",
            "baseline_count",
            "current_count",
            "quota",
            "required_cut",
            "actual_cut",
            "achieved_pct",
        },
        "marts.r22_village_progress": {
            "period",
            "commune",
            "village",
            "households",
            "current_count",
            "quota",
            "excess",
        },
        "marts.staff_cuts_by_sector": {"period", "sector", "baseline_count", "current_count", "cut"},
        "marts.unit_changes": {"level", "old_unit", "new_unit", "effective_date"},
        "marts.staff_flows": {
            "period",
            "sector",
            "unit_code",
            "unit",
            "baseline_date",
            "as_of",
            "baseline_count",
            "joined",
            "moved_in",
            "moved_out",
            "left",
            "current_count",
        },
        "marts.leavers": {"sector", "unit_code", "reason_code", "reason_vi", "decision_number"},
        "marts.unit_staffing": {
            "unit_code",
            "snapshot_date",
            "assigned_posts",
            "staff",
            "vacancies",
            "base_posts",
            "posts_cut",
            "target_cut",
            "target_met",
        },
        "marts.staff_qualifications": {
            "sector",
            "snapshot_date",
            "qualification_level",
            "staff",
            "share_pct",
        },
        "audit.reference_gaps": {"subject", "unit_code", "from_date", "rows_affected", "reference_file"},
        "audit.load_log": {"file", "sha256", "status", "reason", "rows_loaded", "rows_quarantined"},
        "audit.quarantine": {"file", "sheet", "row", "reason", "reason_vi", "counted", "cells"},
    }
    for table, columns in contract.items():
        schema, name = table.split(".")
        present = {
            c
            for (c,) in bundled.query(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
                [schema, name],
            )
        }
        assert columns <= present, (table, columns - present)


def test_no_national_id_in_clear_text_anywhere_in_the_warehouse(bundled):
    ids = set()
    for path in sorted((BUNDLE / "personnel").rglob("*")) + sorted((BUNDLE / "leavers").rglob("*")):
        ids.update(cell for cell in _text_cells(path) if cell.isdigit() and len(cell) in (9, 10, 12))
    assert len(ids) > 1000
    assert clear_text_ids(bundled.warehouse, ids) == []


def _text_cells(path: Path) -> list[str]:
    if path.suffix == ".csv":  # UTF-8 or Windows-1258: digits read alike in both
        return re.findall(r"\d+", path.read_bytes().decode("ascii", errors="replace"))
    if path.suffix != ".xlsx":
        return []
    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception:
        return []  # the bundled file that is not a workbook
    return [
        value.strip()
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


def test_changing_a_bundled_row_changes_the_figure_it_feeds(tmp_path, workspace):
    shutil.copytree(BUNDLE, workspace.raw)
    commune_list = next((workspace.raw / "personnel" / "2021-11-30").rglob("DS_CBCC_*.xlsx"))
    workbook = openpyxl.load_workbook(commune_list)
    cell = next(
        c
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.strip().startswith("Công chức")
    )
    cell.value = "Chức danh không có trong danh mục"
    workbook.save(commune_list)
    result = workspace.run()
    assert result.success, failed_checks(result)
    figures = scorecard(workspace)
    assert figures["staff_cut_commune_officials"] == ARTICLE["staff_cut_commune_officials"] + 1
    assert figures["staff_cut_total"] == ARTICLE["staff_cut_total"] + 1
