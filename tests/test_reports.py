"""The reports a district leader reads: the workbook opened with a reader, the page rendered in headless
Chromium, the Data Docs on disk, all checked against the published warehouse of one real run of a
district with two reporting periods, a list of leavers and rows and files the clerks must fix."""

import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import dagster as dg
import openpyxl
import pandas as pd
import pytest
from browser import chromium_page
from district import LISTS
from pipeline import Workspace, failed_checks
from reporting_district import AS_OF, EARLIER, LATEST, LEAVERS, UNEXPLAINED_LEAVER, write_reporting_district

from pipelines.definitions import make_definitions
from pipelines.reports import (
    charts,
    data_docs,
    labels,
    location,
    output,
    page,
    to_fix,
    vendored,
    workbook,
    writing,
)
from pipelines.reports.__main__ import main as make_report

# A row that counts (its unit and title are known) with a date of birth to fix, and one that does not.
BAD_DATE_ROW = ("Vũ Văn Lỗi", "31/02/1970", "Nam", "Trưởng thôn", "Thôn Đông Tây", 99)
UNKNOWN_UNIT_ROW = ("Vũ Văn Lạc", "01/01/1980", "Nam", "Trưởng thôn", "Thôn Không Có", 98)
NOT_A_WORKBOOK = "2021-11-30/xuat-tu-web.xlsx"
GAPS = (
    "SELECT gap_vi, subject, from_date, rows_affected, reference_file, what_to_do_vi "
    "FROM audit.reference_gaps"
)
# Codes of the warehouse that must never show inside Vietnamese text, beside every code it defines.
ENGLISH_CODES = {"commune", "village", "district_agency", "ncs", "cbcc", "vien_chuc", "school"}
CODES = """
    SELECT code FROM staging.labels
    UNION SELECT sector FROM staging.sectors
    UNION SELECT period FROM staging.periods
    UNION SELECT metric FROM marts.district_scorecard
    UNION SELECT reason_code FROM marts.leavers
    UNION SELECT gap FROM audit.reference_gaps
    UNION SELECT move_kind FROM marts.movers
    UNION SELECT change FROM marts.unit_changes
"""


@dataclass
class Reported:
    workspace: Workspace
    result: dg.ExecuteInProcessResult

    @property
    def folder(self) -> Path:
        return self.workspace.warehouse.parent / "reports"

    @property
    def page(self) -> str:
        return (self.folder / "index.html").as_uri()

    @property
    def workbook(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.folder / f"bao-cao-tinh-gon_{AS_OF.isoformat()}.xlsx")

    def query(self, sql: str) -> list[tuple]:
        return self.workspace.query(sql)

    def period_labels(self) -> dict[str, str]:
        return dict(self.query("SELECT DISTINCT period, label_vi FROM staging.periods"))


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """One run on the tiny district with its periods and leavers, with rows and a file to fix."""
    root = tmp_path_factory.mktemp("reports")
    with pytest.MonkeyPatch.context() as monkeypatch:
        workspace = Workspace(root / "raw", root / "warehouse" / "tinhgon.duckdb", monkeypatch)
        issuer, snapshot, people = LISTS["2021-11-30/an-hoa.xlsx"]
        with_bad_rows = {
            "2021-11-30/an-hoa.xlsx": (issuer, snapshot, [*people, BAD_DATE_ROW, UNKNOWN_UNIT_ROW])
        }
        write_reporting_district(workspace.raw, LISTS | with_bad_rows)
        (workspace.raw / "personnel" / NOT_A_WORKBOOK).write_text("<html><body>Danh sách</body></html>")
        result = workspace.run(reports=True)
        assert result.success, failed_checks(result)
        yield Reported(workspace, result)


def sheet_rows(sheet, header_row: int = workbook.HEADER_ROW + 1) -> tuple[list, list[list]]:
    rows = [list(r) for r in sheet.iter_rows(min_row=header_row, values_only=True)]
    return rows[0], [r for r in rows[1:] if any(v is not None for v in r)]


def as_date(value) -> date | None:
    return value.date() if hasattr(value, "date") else value


def test_the_workbook_lays_out_every_mart_under_vietnamese_headings(reported):
    book = reported.workbook
    assert book.sheetnames == [workbook.COVER, *(s.name for s in workbook.SHEETS)]
    whole = {"marts.unit_staffing": None, "audit.quarantine": None}  # shown in part, or with other rows
    for spec in workbook.SHEETS:
        sheet = book[spec.name]
        header, rows = sheet_rows(sheet)
        assert header == spec.heading_row, spec.name
        assert sheet.freeze_panes == f"B{workbook.HEADER_ROW + 2}", spec.name
        assert sheet.auto_filter.ref.startswith(f"A{workbook.HEADER_ROW + 1}:"), spec.name
        if spec.table not in whole:
            assert len(rows) == reported.query(f"SELECT count(*) FROM {spec.table}")[0][0], spec.name

    header, rows = sheet_rows(book["NQ22 theo thôn"])
    assert header[4:6] == ["Số hộ", "Số người ở ngày báo cáo"]
    period = reported.period_labels()
    assert {(r[0], r[1], r[2]): (r[5], r[7], r[9]) for r in rows} == {
        (period[p], commune, village): (count, quota, excess)
        for p, commune, village, count, quota, excess in reported.query(
            "SELECT period, commune, village, current_count, quota, excess FROM marts.r22_village_progress"
        )
    }


def test_tables_name_each_period_by_its_label_latest_first(reported):
    book = reported.workbook
    period = reported.period_labels()
    for spec in workbook.SHEETS:
        if spec.columns[0] == "period":
            _, rows = sheet_rows(book[spec.name])
            shown = list(dict.fromkeys(r[0] for r in rows))
            assert shown == [period[p] for p in (LATEST, EARLIER) if period[p] in shown], spec.name
            assert shown, spec.name


def test_the_workbook_marks_the_units_over_their_quota(reported):
    book = reported.workbook
    letter = openpyxl.utils.get_column_letter
    first = workbook.HEADER_ROW + 2  # the first data row, as Excel numbers it
    for name in ("NQ22 theo xã", "NQ22 theo thôn"):
        sheet = book[name]
        header, rows = sheet_rows(sheet)
        [(cells, [rule])] = [(str(r.sqref), r.rules) for r in sheet.conditional_formatting]
        assert cells == f"A{first}:{letter(len(header))}{first + len(rows) - 1}", name
        count = letter(header.index("Số người ở ngày báo cáo") + 1)
        [quota] = [letter(i + 1) for i, h in enumerate(header) if h.startswith("Định mức")]
        assert rule.formula == [f"${count}{first}>${quota}{first}"], name
        assert rule.dxf.fill.bgColor.rgb.endswith("FFC7CE"), name
    # The tiny district's merged village has 5 workers for a quota of 3: the rule marks exactly it.
    header, rows = sheet_rows(book["NQ22 theo thôn"])
    assert [r[2] for r in rows if r[7] is not None and r[5] > r[7]] == ["Đông Tây"]


def cover_periods(book) -> list[dict]:
    """Each period of the cover sheet: its title, its dates, its scorecard rows (by label) and their cells."""
    sheet = book[workbook.COVER]
    periods = []
    for row in sheet.iter_rows():
        first = row[0].value
        if isinstance(first, str) and first.startswith(("Kỳ báo cáo gần nhất: ", "Kỳ báo cáo trước: ")):
            periods.append({"title": first, "rows": {}, "cells": {}})
        elif (
            periods and isinstance(first, str) and first.startswith("Từ ngày") and "dates" not in periods[-1]
        ):
            periods[-1]["dates"] = first
        elif periods and isinstance(first, int):
            periods[-1]["rows"][row[1].value] = [as_date(cell.value) for cell in row[1:10]]
            periods[-1]["cells"][row[1].value] = row
    return periods


def test_the_cover_leads_with_the_latest_period_and_reports_its_targets(reported):
    book = reported.workbook
    cover = [list(r) for r in book[workbook.COVER].iter_rows(values_only=True)]
    assert cover[0][0] == "UBND HUYỆN THỬ NGHIỆM"
    assert cover[4][0] == f"Số liệu tính đến ngày {AS_OF:%d/%m/%Y}"
    period = reported.period_labels()
    periods = cover_periods(book)
    assert [p["title"] for p in periods] == [
        f"Kỳ báo cáo gần nhất: {period[LATEST]}",
        f"Kỳ báo cáo trước: {period[EARLIER]}",
    ]
    for code, shown in zip((LATEST, EARLIER), periods, strict=True):
        [(baseline, as_of)] = reported.query(
            f"SELECT min(baseline_date), max(as_of) FROM marts.reporting_dates WHERE period = '{code}'"
        )
        assert shown["dates"] == f"Từ ngày {baseline:%d/%m/%Y} đến ngày {as_of:%d/%m/%Y}"
        expected = reported.query(
            "SELECT label_vi, value, target, comparison, due_date, basis, target_status "
            f"FROM marts.district_scorecard WHERE period = '{code}'"
        )
        assert {label: row[1:6] for label, row in shown["rows"].items()} == {
            label: [value, labels.target(target, comparison), due, basis, status]
            for label, value, target, comparison, due, basis, status in expected
        }
        assert set(shown["rows"]) == {label for label, *_ in expected}
    heading = [c.value for c in book[workbook.COVER][periods_header_row(book)]][:7]
    assert heading[3:7] == ["Mục tiêu", "Hạn", "Căn cứ", "Đánh giá"]


def periods_header_row(book) -> int:
    for row in book[workbook.COVER].iter_rows():
        if row[0].value == "STT":
            return row[0].row
    raise AssertionError("no scorecard on the cover")


def test_statuses_are_marked_and_the_r22_figures_defined_on_the_cover(reported):
    book = reported.workbook
    statuses = dict(
        reported.query(
            f"SELECT label_vi, target_status FROM marts.district_scorecard WHERE period = '{LATEST}'"
        )
    )
    assert {"đạt", "không đạt", "chưa đến hạn", "không có mục tiêu"} <= set(statuses.values())
    fills = {"đạt": "E6F4EA", "không đạt": "FFC7CE", "chưa đến hạn": "FFF2CC"}
    latest = cover_periods(book)[0]
    for label, status in statuses.items():
        cell = latest["cells"][label][6]
        assert cell.value == status, label
        if status in fills:
            assert cell.fill.fgColor.rgb.endswith(fills[status]), label
    texts = " ".join(str(c) for row in book[workbook.COVER].iter_rows(values_only=True) for c in row if c)
    for metric in ("r22_achieved_pct", "villages_within_limit_pct"):
        assert labels.DEFINITIONS[metric] in texts, metric
    gaps = reported.query("SELECT count(*) FROM audit.reference_gaps")[0][0]
    assert gaps > 0
    assert f"Danh mục còn thiếu: {gaps} mục" in texts


def test_the_flows_sheet_gives_each_units_flows_and_the_leavers_their_reasons(reported):
    book = reported.workbook
    period = reported.period_labels()
    sector = dict(reported.query("SELECT sector, any_value(label_vi) FROM staging.sectors GROUP BY sector"))
    header, rows = sheet_rows(book["Biến động"])
    assert header[:3] == ["Kỳ báo cáo", "Khối", "Đơn vị"]
    assert {(r[0], r[1], r[2]): tuple(r[5:11]) for r in rows} == {
        (period[p], sector[s], unit): tuple(flows)
        for p, s, unit, *flows in reported.query(
            'SELECT period, sector, unit, baseline_count, joined, moved_in, moved_out, "left", current_count '
            "FROM marts.staff_flows"
        )
    }
    header, rows = sheet_rows(book["Người nghỉ"])
    by_name = {r[3]: r for r in rows}
    for name, _, title, unit, reason, _, decision in LEAVERS:
        assert by_name[name][2] == unit and by_name[name][4] == title
        assert by_name[name][6:9] == [reason, "Có" if reason == "Tinh giản biên chế" else "Không", decision]
    assert by_name[UNEXPLAINED_LEAVER][6] == "chưa rõ lý do"


def test_the_assigned_posts_sheet_marks_the_target_met_or_missed(reported):
    sheet = reported.workbook["Biên chế được giao"]
    header, _ = sheet_rows(sheet)
    status = header.index("Đánh giá")
    marked = {}
    for row in sheet.iter_rows(min_row=workbook.HEADER_ROW + 2):
        if row[0].value and row[status].value:
            marked[(row[0].value, row[2].value)] = (row[status].value, row[status].fill.fgColor.rgb[-6:])
    period = reported.period_labels()
    expected = reported.query(
        "SELECT u.period, u.unit, u.target_met FROM marts.unit_staffing u JOIN marts.reporting_dates r "
        "ON r.period = u.period AND r.sector = u.sector AND r.as_of = u.snapshot_date "
        "WHERE u.target_met IS NOT NULL"
    )
    assert {True, False} <= {met for *_, met in expected}
    assert marked == {
        (period[p], unit): ("đạt", "E6F4EA") if met else ("không đạt", "FFC7CE") for p, unit, met in expected
    }


def test_the_qualifications_sheet_gives_each_level_in_its_order(reported):
    _, rows = sheet_rows(reported.workbook["Trình độ"])
    expected = reported.query(
        "SELECT s.label_vi, q.snapshot_date, q.qualification_level, q.staff, q.share_pct, q.level_order "
        "FROM marts.staff_qualifications q JOIN (SELECT DISTINCT sector, label_vi FROM staging.sectors) s "
        "USING (sector)"
    )
    shown = [(r[0], as_date(r[1]), r[2], r[3], r[4]) for r in rows]
    assert sorted(shown) == sorted(row[:5] for row in expected)
    order = {(sector, day, level): rank for sector, day, level, *_, rank in expected}
    for (sector, day), levels in pd.DataFrame(shown).groupby([0, 1], sort=False)[2]:
        ranks = [order[(sector, day, level)] for level in levels]
        assert ranks == sorted(ranks), (sector, day)
    assert ("Cơ quan huyện", date(2021, 11, 30), "sau đại học", 1, 100.0) in shown


def test_the_gaps_sheet_lists_what_the_reference_data_lacks(reported):
    header, rows = sheet_rows(reported.workbook["Danh mục còn thiếu"])
    assert header[0] == "Điều còn thiếu"
    assert sorted((r[0], r[1], as_date(r[2]), r[3], r[4], r[5]) for r in rows) == sorted(reported.query(GAPS))
    assert any(r[1] == "Thôn Không Có" for r in rows)  # the unit no reference knows


def test_the_clerks_sheet_says_what_to_fix_and_which_is_which(reported):
    header, rows = sheet_rows(reported.workbook["Cần sửa"])
    assert header == list(to_fix.HEADINGS)
    kinds = defaultdict(list)
    for row in rows:
        kinds[row[0]].append(row)
    [rejected] = kinds[to_fix.REJECTED]
    assert rejected[1] == f"personnel/{NOT_A_WORKBOOK}" and rejected[2:4] == [None, None]
    assert "Excel" in rejected[4]
    quarantined = reported.query("SELECT file, sheet, row, reason_vi, counted FROM audit.quarantine")
    assert {counted for *_, counted in quarantined} == {True, False}
    for file, sheet, row, reason, counted in quarantined:
        kind = to_fix.CELL_TO_FIX if counted else to_fix.NOT_COUNTED
        assert [file, sheet, row, reason] in [r[1:5] for r in kinds[kind]]
    assert any("31/02/1970" in r[6] for r in kinds[to_fix.CELL_TO_FIX])  # the original cells, for the clerk
    [leaver] = kinds[to_fix.UNKNOWN_LEAVER]
    assert leaver[4] == "chưa rõ lý do"
    assert "danh sách người nghỉ" in leaver[5]
    for field, value in [("Đơn vị", "xã An Hòa"), ("Họ và tên", UNEXPLAINED_LEAVER)]:
        assert f"{field}: {value}" in leaver[6]
    assert "Chức danh: Phó Chỉ huy trưởng Quân sự" in leaver[6]


def test_the_unit_changes_give_the_last_day_the_old_unit_was_in_force(reported):
    header, rows = sheet_rows(reported.workbook["Sắp xếp đơn vị"])
    until = header.index("Đơn vị cũ hoạt động")
    assert {r[1]: r[until] for r in rows} == {
        "Phòng Y tế": "đến hết ngày 31/12/2017",
        "thôn Tây": "đến hết ngày 31/07/2019",
        "thôn Đông": "đến hết ngày 31/07/2019",
    }


def bar_widths(browser_page, chart: str, prefix: str) -> dict[str, float]:
    """Each bar's width in the chart's own units, by the id matplotlib gave it."""
    return browser_page.eval_on_selector_all(
        f"svg#{chart} g[id^='{prefix}'] > path",
        "paths => Object.fromEntries(paths.map(p => [p.parentElement.id, p.getBBox().width]))",
    )


def assert_proportional(widths: dict[str, float], values: dict[str, float]) -> None:
    """Each bar as long as its value (a negative value drawn the other way), on one scale."""
    assert set(widths) == set(values)
    scale = max(widths.values()) / max(abs(v) for v in values.values())
    for key, value in values.items():
        assert widths[key] == pytest.approx(abs(value) * scale, abs=0.5), key


def test_the_page_draws_the_charts_from_the_warehouse_without_the_network(reported):
    requested = []

    def only_the_page(route):
        if route.request.url == reported.page:
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    with chromium_page() as browser_page:
        browser_page.route("**/*", only_the_page)
        browser_page.goto(reported.page)
        assert requested == []  # self-contained: no stylesheet, script, font or image fetched

        assert browser_page.eval_on_selector_all(
            "section.period",
            "sections => sections.map(s => [s.dataset.period, s.querySelector('h2').textContent])",
        ) == [[code, reported.period_labels()[code]] for code in (LATEST, EARLIER)]
        for period in (LATEST, EARLIER):
            shown = browser_page.eval_on_selector_all(
                f"section[data-period='{period}'] tr[data-metric]",
                """rows => rows.map(r => [r.dataset.metric, r.querySelector('.value').textContent,
                    r.querySelector('.target').textContent, r.querySelector('.due').textContent,
                    r.querySelector('.basis').textContent, r.querySelector('.status').textContent,
                    r.querySelector('.status').className])""",
            )
            assert {m: rest for m, *rest in shown} == {
                m: [
                    labels.number(value),
                    labels.target(target, comparison),
                    labels.day(due),
                    basis or "",
                    status,
                    f"status {labels.mark(status)}",
                ]
                for m, value, target, comparison, due, basis, status in reported.query(
                    "SELECT metric, value, target, comparison, due_date, basis, target_status "
                    f"FROM marts.district_scorecard WHERE period = '{period}'"
                )
            }
        missed = browser_page.eval_on_selector_all(
            "td.status.missed", "cells => cells.map(c => getComputedStyle(c).backgroundColor)"
        )
        assert missed and set(missed) == {"rgb(255, 199, 206)"}
        definitions = browser_page.text_content("#definitions")
        for metric in ("r22_achieved_pct", "villages_within_limit_pct"):
            assert labels.DEFINITIONS[metric] in " ".join(definitions.split())

        # Each level's panel has its scale; a cut may be negative (more people than at the baseline).
        progress = reported.query(
            "SELECT level, commune_code, required_cut, actual_cut FROM marts.r22_commune_progress "
            f"WHERE period = '{LATEST}'"
        )
        chart = f"commune-cuts-{LATEST}"
        for level in {row[0] for row in progress}:
            values = {
                f"{LATEST}-{column}-{level}-{code}": row[index]
                for row in progress
                if row[0] == level
                for column, index, code in (("required_cut", 2, row[1]), ("actual_cut", 3, row[1]))
            }
            widths = {}
            for column in ("required_cut", "actual_cut"):
                widths |= bar_widths(browser_page, chart, f"{LATEST}-{column}-{level}-")
            assert_proportional(widths, values)
            labels_shown = dict(
                browser_page.eval_on_selector_all(
                    f"svg#{chart} g[id^='{LATEST}-label-'][id*='-{level}-']",
                    "gs => gs.map(g => [g.id, g.textContent.trim()])",
                )
            )
            assert labels_shown == {
                key.replace(f"{LATEST}-", f"{LATEST}-label-", 1): labels.number(value)
                for key, value in values.items()
            }

        over = reported.query(
            f"SELECT village_code FROM marts.r22_village_progress WHERE excess > 0 AND period = '{LATEST}'"
        )
        assert set(bar_widths(browser_page, f"villages-over-quota-{LATEST}", f"{LATEST}-excess-")) == {
            f"{LATEST}-excess-{c}" for (c,) in over
        }

        for period in (LATEST, EARLIER):
            snapshots = reported.query(
                f"SELECT sector, snapshot_date, staff FROM marts.staff_per_snapshot WHERE period = '{period}'"
            )
            assert_proportional(
                bar_widths(browser_page, f"sector-cuts-{period}", f"{period}-staff-"),
                {f"{period}-staff-{sector}-{day:%Y-%m-%d}": staff for sector, day, staff in snapshots},
            )
        # A sector's bar says how much it shrank since the baseline, or grew (the village workers here).
        sector_labels = dict(
            browser_page.eval_on_selector_all(
                f"svg#sector-cuts-{LATEST} g[id^='{LATEST}-label-']",
                "gs => gs.map(g => [g.id, g.textContent.trim()])",
            )
        )
        changes = reported.query(
            "SELECT sector, snapshot_date, staff, cut_since_baseline FROM marts.staff_per_snapshot "
            f"WHERE period = '{LATEST}'"
        )
        assert any(cut < 0 for *_, cut in changes)
        assert sector_labels == {
            f"{LATEST}-label-{sector}-{day:%Y-%m-%d}": labels.number(staff)
            + (f" ({'giảm' if cut > 0 else 'tăng'} {labels.number(abs(cut))})" if cut else "")
            for sector, day, staff, cut in changes
        }

        drawn = browser_page.eval_on_selector_all(
            "figure svg", "svgs => svgs.map(s => [s.id, s.getBoundingClientRect().width > 300])"
        )
        over_quota = {
            p for (p,) in reported.query("SELECT period FROM marts.r22_village_progress WHERE excess > 0")
        }
        assert sorted(drawn) == sorted(
            [
                [f"{chart}-{p}", True]
                for p in (LATEST, EARLIER)
                for chart in ("commune-cuts", "sector-cuts", "flows")
            ]
            + [[f"villages-over-quota-{p}", True] for p in over_quota]
            + [["qualifications", True]]
        )

        links = browser_page.eval_on_selector_all("#quality a, header a", "links => links.map(a => a.href)")
    assert len(links) > 20
    for link in links:
        assert Path(unquote(urlparse(link).path)).exists(), link


def test_the_waterfall_goes_from_each_sectors_baseline_to_its_as_of_count(reported):
    with chromium_page() as browser_page:
        browser_page.goto(reported.page)
        for period in (LATEST, EARLIER):
            expected: dict[str, dict[str, float]] = defaultdict(dict)
            flows = reported.query(
                "SELECT sector, sum(baseline_count), sum(joined), sum(moved_in), sum(moved_out), "
                'sum("left"), sum(current_count) FROM marts.staff_flows '
                f"WHERE period = '{period}' GROUP BY sector"
            )
            for sector, baseline, joined, moved_in, moved_out, left, current in flows:
                bars = {"baseline": baseline, "current": current, "joined": joined}
                bars |= {"moved_in": moved_in, "moved_out": moved_out}
                expected[sector] |= {
                    f"{period}-flow-{sector}-{k}": v
                    for k, v in bars.items()
                    if v or k in ("baseline", "current")
                }
                reasons = reported.query(
                    "SELECT min(reason_code), count(*) FROM marts.leavers "
                    f"WHERE period = '{period}' AND sector = '{sector}' GROUP BY reason_vi"
                )
                assert sum(n for _, n in reasons) == left, (period, sector)
                expected[sector] |= {f"{period}-flow-{sector}-left-{code}": n for code, n in reasons}
            widths = bar_widths(browser_page, f"flows-{period}", f"{period}-flow-")
            for sector, values in expected.items():
                assert_proportional(
                    {k: w for k, w in widths.items() if k.startswith(f"{period}-flow-{sector}-")}, values
                )
            assert {k.split("-")[2] for k in widths} == set(expected)
        # The latest period: a retirement, a cut under the policy, and one nobody has explained yet.
        reasons = browser_page.eval_on_selector_all(
            f"svg#flows-{LATEST} g[id^='{LATEST}-label-flow-'][id*='-left-']", "gs => gs.map(g => g.id)"
        )
        assert sorted(r.split("-left-")[1] for r in reasons) == ["policy_cut", "retired", "unknown"]


def test_the_page_charts_the_qualifications_and_lists_the_gaps_and_how_much_to_fix(reported):
    latest = reported.query(
        "SELECT sector, level_order, share_pct FROM marts.staff_qualifications q WHERE snapshot_date = "
        "(SELECT max(snapshot_date) FROM marts.staff_qualifications WHERE sector = q.sector)"
    )
    with chromium_page() as browser_page:
        browser_page.goto(reported.page)
        assert_proportional(
            bar_widths(browser_page, "qualifications", "share-"),
            {f"share-{sector}-{order}": share for sector, order, share in latest},
        )
        gaps = browser_page.eval_on_selector_all(
            "#reference-gaps tr[data-gap]",
            "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))",
        )
        counts = browser_page.eval_on_selector_all(
            "#to-fix ul.counts li", "items => items.map(i => i.textContent.trim())"
        )
        files = dict(
            browser_page.eval_on_selector_all(
                "#to-fix tr[data-file]",
                "rows => rows.map(r => [r.dataset.file, [r.querySelector('.not-counted').textContent, "
                "r.querySelector('.cell-to-fix').textContent]])",
            )
        )
        text = browser_page.inner_text("body")
    assert sorted(gaps) == sorted(
        [gap, subject or "", labels.day(day), labels.number(rows), file, what]
        for gap, subject, day, rows, file, what in reported.query(GAPS)
    )
    assert counts == [
        f"{to_fix.REJECTED}: 1",
        f"{to_fix.NOT_COUNTED}: 1",
        f"{to_fix.CELL_TO_FIX}: 1",
        f"{to_fix.UNKNOWN_LEAVER}: 1",
    ]
    assert files == {
        "personnel/2021-11-30/an-hoa.xlsx": ["1", "1"],
        f"personnel/{NOT_A_WORKBOOK}": ["0", "0"],
    }
    # Counts only: no one's name on the page.
    names = {person[0] for _, _, people in LISTS.values() for person in people}
    names |= {BAD_DATE_ROW[0], UNKNOWN_UNIT_ROW[0]} | {leaver[0] for leaver in LEAVERS}
    assert [name for name in names if name in text] == []


def vietnamese_texts_of_the_page(reported) -> list[str]:
    with chromium_page() as browser_page:
        browser_page.goto(reported.page)
        return [
            browser_page.inner_text("body"),
            *browser_page.eval_on_selector_all("svg text", "texts => texts.map(t => t.textContent)"),
        ]


def test_no_code_or_quarantine_jargon_in_what_an_officer_reads(reported):
    codes = {code for (code,) in reported.query(CODES) if code} | ENGLISH_CODES
    # A code standing alone: not inside a file's or a folder's name (r22_quotas.csv, ncs_norms.csv).
    pattern = re.compile(
        r"(?<![\w/.])(" + "|".join(map(re.escape, sorted(codes, key=len, reverse=True))) + r")(?![\w/]|\.\w)"
    )
    book = reported.workbook
    workbook_texts = [
        (f"{sheet.title}!{cell.coordinate}", cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    page_texts = [("page", text) for text in vietnamese_texts_of_the_page(reported)]
    found = [(where, match) for where, text in workbook_texts + page_texts for match in pattern.findall(text)]
    assert found == []
    assert [where for where, text in workbook_texts + page_texts if "cách ly" in text.lower()] == []
    assert len(workbook_texts) > 200


def test_the_data_docs_list_every_check_and_the_checks_link_to_them(reported):
    index = reported.folder / "data-docs" / "index.html"
    listed = index.read_text(encoding="utf-8")
    graph = make_definitions().get_repository_def().asset_graph
    checks = {f"{'.'.join(key.asset_key.path)}.{key.name}" for key in graph.asset_check_keys}
    assert len(checks) > 20
    assert {suite for suite in checks if suite not in listed} == set()
    for evaluation in reported.result.get_asset_check_evaluations():
        assert evaluation.metadata["data_docs"].value == index.as_uri()


class PageLoads(HTMLParser):
    """What an HTML page loads, as (kind, address): script, stylesheet, icon, img, each url() of its CSS."""

    CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")

    def __init__(self, html: str):
        super().__init__()
        self.loads: list[tuple[str, str]] = []
        self.cdn_attributes: list[str] = []  # integrity and crossorigin, which fail on file://
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "img") and attributes.get("src"):
            self.loads.append((tag, attributes["src"]))
        if tag == "link" and attributes.get("href"):
            kind = "stylesheet" if attributes.get("rel") == "stylesheet" else "icon"
            self.loads.append((kind, attributes["href"]))
        self.loads += [("url()", url) for url in self.CSS_URL.findall(attributes.get("style") or "")]
        self.cdn_attributes += [name for name in ("integrity", "crossorigin") if name in attributes]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.loads += [("url()", url) for url in self.CSS_URL.findall(data)]


def test_no_page_of_the_data_docs_loads_a_script_a_style_or_an_image_from_the_web(reported):
    pages = sorted((reported.folder / "data-docs").rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        loaded = PageLoads(html.read_text(encoding="utf-8"))
        assert {kind for kind, _ in loaded.loads} >= {"script", "stylesheet", "img", "url()"}, html
        web = [a for _, a in loaded.loads if urlparse(a).scheme in ("http", "https") or a.startswith("//")]
        assert web == [], html
        assert loaded.cdn_attributes == [], html
        # GX's own favicon link is one folder short on the validation pages: a missing local file, no more.
        local = [a for kind, a in loaded.loads if kind != "icon" and not a.startswith("data:")]
        assert [a for a in local if not (html.parent / a).is_file()] == [], html


def test_the_data_docs_work_with_no_network(reported):
    suites = data_docs.suites()
    shown = max(suites, key=lambda suite: len(suite.expectations))
    requested = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    with chromium_page() as browser_page:
        browser_page.context.set_offline(True)
        browser_page.route("**/*", only_files)
        browser_page.goto((reported.folder / "data-docs" / "index.html").as_uri())
        # bootstrap-table draws both lists of the index from the page's data, ten rows a page: all of them.
        browser_page.evaluate("() => $('table[data-toggle=table]').bootstrapTable('togglePagination')")
        browser_page.click("#Expectation-Suites-tab")
        listed = browser_page.eval_on_selector_all(
            "#Expectation-Suites tbody tr", "rows => rows.map(r => r.textContent.trim())"
        )
        assert sorted(listed) == sorted(suite.name for suite in suites)

        # The suite's validation, as the checks link it: its row clicked off the suite's name, a link.
        browser_page.click("#Validation-Results-tab")
        row = browser_page.locator("#Validation-Results tbody tr").filter(
            has=browser_page.get_by_text(shown.name, exact=True)
        )
        row.locator("td").nth(1).click()
        browser_page.wait_for_url("**/validations/**")
        seen = browser_page.evaluate(
            """async () => {
                await document.fonts.ready;
                const rows = [...document.querySelectorAll('.bootstrap-table tbody tr')]
                    .filter(row => row.querySelector('td:first-child i.fas'));
                const icon = rows[0].querySelector('i.fas');
                return {
                    expectations: rows.length,
                    layout: getComputedStyle(document.querySelector('.row')).display,
                    cellBorder: getComputedStyle(rows[0].cells[1]).borderTopWidth,
                    iconFont: getComputedStyle(icon, '::before').fontFamily,
                    iconFontLoaded: [...document.fonts].some(font =>
                        font.family.replaceAll('"', '') === 'Font Awesome 6 Free' && font.status === 'loaded'
                    ),
                };
            }"""
        )
    assert seen == {
        "expectations": len(shown.expectations),
        "layout": "flex",  # Bootstrap's grid; a browser's default is block
        "cellBorder": "1px",  # Bootstrap's .table; none by default
        "iconFont": '"Font Awesome 6 Free"',
        "iconFontLoaded": True,
    }
    assert requested == []


def test_the_vendored_folder_holds_what_its_manifest_lists_and_nothing_else():
    listed = {vendored.MANIFEST}
    for package in vendored.packages():
        listed |= {vendored.VENDOR / package.folder / file for file in [*package.files, package.licence_file]}
    assert {path for path in vendored.VENDOR.rglob("*") if path.is_file()} == listed


def test_the_reports_follow_the_published_warehouse_and_nothing_else(reported):
    graph = make_definitions().get_repository_def().asset_graph
    reports = [key for key in graph.get_all_asset_keys() if key.path[0] == "reports"]
    assert len(reports) == 3
    assert all(graph.get(key).parent_keys == {dg.AssetKey("warehouse")} for key in reports)


def test_reports_that_fail_half_way_leave_the_last_good_ones(reported, monkeypatch):
    folder = reported.folder
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    def broken(*args):
        raise RuntimeError("the page could not be drawn")

    monkeypatch.setattr(page, "render", broken)
    with pytest.raises(RuntimeError):
        writing.write_reports(reported.workspace.warehouse, run_name="broken")
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before  # the data docs and the workbook of the broken build never replaced the good ones


def test_the_workbook_written_after_the_data_docs_is_the_one_written_beside_them(
    reported, monkeypatch, tmp_path
):
    """Beyond MOST_LISTINGS_SIDE_BY_SIDE the workbook is written in this process, once the Data Docs are."""
    books = {}
    for most in (writing.MOST_LISTINGS_SIDE_BY_SIDE, 0):
        copy = tmp_path / str(most) / "tinhgon.duckdb"
        copy.parent.mkdir()
        shutil.copyfile(reported.workspace.warehouse, copy)
        monkeypatch.setattr(writing, "MOST_LISTINGS_SIDE_BY_SIDE", most)
        if most == 0:
            monkeypatch.setattr(
                writing.ProcessPoolExecutor, "submit", lambda *args: pytest.fail("not beside")
            )
        books[most] = writing.write_reports(copy, run_name="either way")
    beside, after = books.values()
    assert after.sheets == beside.sheets
    beside_book, after_book = (openpyxl.load_workbook(r.workbook) for r in (beside, after))
    for name in beside.sheets:
        if name != workbook.COVER:  # the cover gives the time it was written
            assert sheet_rows(after_book[name]) == sheet_rows(beside_book[name]), name


def test_staged_reports_replace_files_and_folders_only_on_success(tmp_path):
    (tmp_path / "data-docs").mkdir(parents=True)
    (tmp_path / "data-docs" / "old.html").write_text("old")
    (tmp_path / "index.html").write_text("old")
    with output.staged(tmp_path) as staging:
        (staging / "data-docs").mkdir()
        (staging / "data-docs" / "new.html").write_text("new")
        (staging / "index.html").write_text("new")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["data-docs", "index.html", "new.html"]
    assert (tmp_path / "index.html").read_text() == "new"
    with pytest.raises(ValueError), output.staged(tmp_path) as staging:
        (staging / "index.html").write_text("half-written")
        raise ValueError
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["data-docs", "index.html", "new.html"]
    assert (tmp_path / "index.html").read_text() == "new"


def test_make_report_rebuilds_from_the_published_warehouse(reported, monkeypatch, tmp_path, capsys):
    copy = tmp_path / "elsewhere" / "tinhgon.duckdb"
    copy.parent.mkdir()
    shutil.copyfile(reported.workspace.warehouse, copy)
    monkeypatch.setenv("TINHGON_WAREHOUSE", str(copy))
    assert make_report() == 0
    assert (copy.parent / "reports" / "index.html").exists()
    assert (copy.parent / "reports" / f"bao-cao-tinh-gon_{AS_OF.isoformat()}.xlsx").exists()
    assert location.data_docs_index(copy).exists()
    monkeypatch.setenv("TINHGON_WAREHOUSE", str(tmp_path / "nowhere" / "tinhgon.duckdb"))
    assert make_report() == 1
    assert "make run" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("valid_to", "shown"),
    [
        (date(2023, 8, 1), "đến hết ngày 31/07/2023"),
        (date(2020, 1, 1), "đến hết ngày 31/12/2019"),
        (None, ""),
    ],
)
def test_an_end_date_reads_as_the_last_day_in_force(valid_to, shown):
    assert labels.until(valid_to) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1194, "1.194"),
        (200.0, "200"),
        (66.67, "66,7"),
        (1234567.25, "1.234.567,2"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_numbers_read_the_vietnamese_way(value, shown):
    assert labels.number(value) == shown


def test_at_province_scale_the_charts_show_the_communes_and_villages_furthest_from_their_quota():
    communes = [f"C{n:03d}" for n in range(charts.COMMUNES_SHOWN + 10)]
    progress = pd.DataFrame(
        [
            {
                "commune_code": code,
                "commune": f"Xã {code}",
                "level": level,
                "required_cut": n,
                "actual_cut": 0,
            }
            for n, code in enumerate(communes)
            for level in ("commune", "village")
        ]
    )
    levels = {"commune": "xã, phường, thị trấn", "village": "thôn, tổ dân phố"}
    drawn = set(re.findall(r'id="required_cut-commune-(C\d+)"', charts.commune_cuts(progress, levels)))
    assert drawn == set(communes[-charts.COMMUNES_SHOWN :])  # the most still to cut

    villages = pd.DataFrame(
        [
            {"village_code": f"V{n:03d}", "village": f"Thôn {n}", "commune": "Xã", "quota": 3}
            | {"excess": n, "current_count": 3 + n}
            for n in range(charts.VILLAGES_SHOWN + 10)
        ]
    )
    drawn = set(re.findall(r'id="excess-(V\d+)"', charts.villages_over_quota(villages)))
    assert drawn == {f"V{n:03d}" for n in range(10, charts.VILLAGES_SHOWN + 10)}
