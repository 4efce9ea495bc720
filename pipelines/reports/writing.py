"""All three reports from the published warehouse, replacing the previous ones only once all are written.

The workbook is written in a second process while this one validates the suites for the Data Docs:
both are mostly Python, a core each, and at a province's size each takes seconds.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pipelines.reports import contents, data_docs, output, page, workbook
from pipelines.reports.location import DATA_DOCS, PAGE, reports_dir, workbook_name

# Where the readers are: the time printed on the reports is theirs.
READERS_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Reports:
    workbook: Path
    page: Path
    data_docs: Path  # the site's index page
    sheets: dict[str, int]  # data rows per sheet of the workbook
    suites: list[data_docs.SuiteResult]


def write_reports(published: Path, run_name: str) -> Reports:
    """Write the workbook, the page and the Data Docs into reports/ beside the published warehouse."""
    built_at = datetime.now(READERS_TIME_ZONE)
    target = reports_dir(published)
    # spawn, not fork: the parent may hold DuckDB and Dagster threads that a fork would copy mid-flight
    with (
        output.staged(target) as staging,
        ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as beside,
    ):
        workbook_written = beside.submit(write_workbook, published, staging, built_at)
        shown = contents.read(published)
        suites = data_docs.write_site(published, staging / DATA_DOCS, run_name)
        name = workbook_name(shown.as_of)
        (staging / PAGE).write_text(page.render(shown, suites, name, built_at), encoding="utf-8")
        sheets = workbook_written.result()  # its exception, if any, raised here
    return Reports(target / name, target / PAGE, target / DATA_DOCS / "index.html", sheets, suites)


def write_workbook(published: Path, folder: Path, built_at: datetime) -> dict[str, int]:
    """The workbook of the published warehouse written into `folder`; its data rows per sheet."""
    shown = contents.read(published)
    return workbook.write(shown, folder / workbook_name(shown.as_of), built_at)
