"""The reports a district leader reads: the workbook opened with a reader, the page rendered in headless
Chromium, the Data Docs on disk, all checked against the published warehouse of one real run."""

import re
import shutil
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
from district import AS_OF, LISTS, write_district
from pipeline import Workspace, failed_checks

from pipelines.definitions import make_definitions
from pipelines.reports import build, charts, data_docs, labels, location, output, page, vendored, workbook
from pipelines.reports.__main__ import main as make_report

BAD_DATE_ROW = ("Vũ Văn Lỗi", "31/02/1970", "Nam", "Trưởng thôn", "Thôn Đông Tây", 99)
NOT_A_WORKBOOK = "2021-11-30/xuat-tu-web.xlsx"


@dataclass
class Reported:
    workspace: Workspace
    result: dg.ExecuteInProcessResult

    @property
    def folder(self) -> Path:
        return self.workspace.warehouse.parent / "reports"

    @property
    def workbook(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.folder / f"bao-cao-tinh-gon_{AS_OF.isoformat()}.xlsx")

    def query(self, sql: str) -> list[tuple]:
        return self.workspace.query(sql)


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """One run on the tiny district, with a row and a file the clerks must fix."""
    root = tmp_path_factory.mktemp("reports")
    with pytest.MonkeyPatch.context() as monkeypatch:
        workspace = Workspace(root / "raw", root / "warehouse" / "tinhgon.duckdb", monkeypatch)
        issuer, snapshot, people = LISTS["2021-11-30/an-hoa.xlsx"]
        with_bad_row = {"2021-11-30/an-hoa.xlsx": (issuer, snapshot, [*people, BAD_DATE_ROW])}
        write_district(workspace.raw, LISTS | with_bad_row)
        (workspace.raw / "personnel" / NOT_A_WORKBOOK).write_text("<html><body>Danh sách</body></html>")
        result = workspace.run(reports=True)
        assert result.success, failed_checks(result)
        yield Reported(workspace, result)


def sheet_rows(sheet, header_row: int = workbook.HEADER_ROW + 1) -> tuple[list, list[list]]:
    rows = [list(r) for r in sheet.iter_rows(min_row=header_row, values_only=True)]
    return rows[0], [r for r in rows[1:] if any(v is not None for v in r)]


def test_the_workbook_lays_out_every_mart_under_vietnamese_headings(reported):
    book = reported.workbook
    assert book.sheetnames == [workbook.COVER, *(s.name for s in workbook.SHEETS)]
    for spec in workbook.SHEETS:
        sheet = book[spec.name]
        header, rows = sheet_rows(sheet)
        assert header == spec.heading_row, spec.name
        assert sheet.freeze_panes == f"B{workbook.HEADER_ROW + 2}", spec.name
        assert sheet.auto_filter.ref.startswith(f"A{workbook.HEADER_ROW + 1}:"), spec.name
        if spec.table != "audit.quarantine":
            assert len(rows) == reported.query(f"SELECT count(*) FROM {spec.table}")[0][0], spec.name

    header, rows = sheet_rows(book["NQ22 theo thôn"])
    assert header[3:] == ["Số hộ", "Số người ở ngày báo cáo", "Định mức", "Số vượt định mức"]
    assert {(r[0], r[1]): tuple(r[4:7]) for r in rows} == {
        (commune, village): (count, quota, excess)
        for commune, village, count, quota, excess in reported.query(
            "SELECT commune, village, current_count, quota, excess FROM marts.r22_village_progress"
        )
    }


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
    # The tiny district's merged village has 4 workers for a quota of 3: the rule marks exactly it.
    header, rows = sheet_rows(book["NQ22 theo thôn"])
    assert [r[1] for r in rows if r[4] > r[5]] == ["Đông Tây"]


def test_the_cover_sheet_gives_the_scorecard_and_the_clerks_sheet_what_to_fix(reported):
    book = reported.workbook
    cover = [list(r) for r in book[workbook.COVER].iter_rows(values_only=True)]
    assert cover[0][0] == "UBND HUYỆN THỬ NGHIỆM"
    assert cover[4][0] == f"Số liệu tính đến ngày {AS_OF:%d/%m/%Y}"
    figures = {row[1]: row[2] for row in cover if isinstance(row[0], int)}
    assert figures == dict(
        reported.query("SELECT coalesce(label_vi, metric), value FROM marts.district_scorecard")
    )

    header, rows = sheet_rows(book["Cần sửa"])
    assert header[:4] == ["Tệp nguồn", "Trang tính nguồn", "Số dòng như Excel hiển thị", "Lý do"]
    by_file = {r[0]: r for r in rows}
    assert by_file[NOT_A_WORKBOOK][1:3] == [None, None]  # the whole file
    assert "Excel" in by_file[NOT_A_WORKBOOK][3]
    [(sheet, row, reason)] = reported.query("SELECT sheet, row, reason_vi FROM audit.quarantine")
    assert by_file["2021-11-30/an-hoa.xlsx"][1:4] == [sheet, row, reason]
    assert "31/02/1970" in by_file["2021-11-30/an-hoa.xlsx"][4]  # the original cells, for the clerk


def bar_widths(browser_page, chart: str, prefix: str) -> dict[str, float]:
    """Each bar's width in the chart's own units, by the id matplotlib gave it."""
    return browser_page.eval_on_selector_all(
        f"svg#{chart} g[id^='{prefix}'] > path",
        "paths => Object.fromEntries(paths.map(p => [p.parentElement.id, p.getBBox().width]))",
    )


def assert_proportional(widths: dict[str, float], values: dict[str, float]) -> None:
    assert set(widths) == set(values)
    scale = max(widths.values()) / max(values.values())
    for key, value in values.items():
        assert widths[key] == pytest.approx(value * scale, abs=0.5), key


def test_the_page_draws_the_charts_from_the_warehouse_without_the_network(reported):
    page_file = (reported.folder / "index.html").as_uri()
    requested = []

    def only_the_page(route):
        if route.request.url == page_file:
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    with chromium_page() as browser_page:
        browser_page.route("**/*", only_the_page)
        browser_page.goto(page_file)
        assert requested == []  # self-contained: no stylesheet, script, font or image fetched

        shown = dict(
            browser_page.eval_on_selector_all(
                "#scorecard tr[data-metric]",
                "rows => rows.map(r => [r.dataset.metric, r.querySelector('.value').textContent])",
            )
        )
        assert shown == {
            m: labels.number(v)
            for m, v in reported.query("SELECT metric, value FROM marts.district_scorecard")
        }

        progress = reported.query(
            "SELECT level, commune_code, required_cut, actual_cut FROM marts.r22_commune_progress"
        )
        for column, index in (("required_cut", 2), ("actual_cut", 3)):
            values = {f"{column}-{row[0]}-{row[1]}": row[index] for row in progress}
            assert_proportional(bar_widths(browser_page, "commune-cuts", f"{column}-"), values)
            labels_shown = {
                gid.removeprefix("label-"): text
                for gid, text in browser_page.eval_on_selector_all(
                    f"svg#commune-cuts g[id^='label-{column}-']",
                    "gs => gs.map(g => [g.id, g.textContent.trim()])",
                )
            }
            assert labels_shown == {key: labels.number(value) for key, value in values.items()}

        over = reported.query("SELECT village_code, excess FROM marts.r22_village_progress WHERE excess > 0")
        assert set(bar_widths(browser_page, "villages-over-quota", "excess-")) == {
            f"excess-{c}" for c, _ in over
        }

        snapshots = reported.query("SELECT sector, snapshot_date, staff FROM marts.staff_per_snapshot")
        assert_proportional(
            bar_widths(browser_page, "sector-cuts", "staff-"),
            {f"staff-{sector}-{day:%Y-%m-%d}": staff for sector, day, staff in snapshots},
        )
        assert (
            browser_page.eval_on_selector_all(
                "figure svg", "svgs => svgs.map(s => s.getBoundingClientRect().width > 300)"
            )
            == [True] * 3
        )

        to_fix = dict(
            browser_page.eval_on_selector_all(
                "#to-fix tr[data-file]",
                "rows => rows.map(r => [r.dataset.file, r.querySelector('.quarantined').textContent])",
            )
        )
        assert to_fix == {"2021-11-30/an-hoa.xlsx": "1", NOT_A_WORKBOOK: "0"}

        links = browser_page.eval_on_selector_all("#quality a, header a", "links => links.map(a => a.href)")
    assert len(links) > 20
    for link in links:
        assert Path(unquote(urlparse(link).path)).exists(), link


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
        build.build_reports(reported.workspace.warehouse, run_name="broken")
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before  # the data docs and the workbook of the broken build never replaced the good ones


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
