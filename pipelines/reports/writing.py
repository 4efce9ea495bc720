"""All three reports from the published warehouse, replacing the previous ones only once all are written.

Where memory allows, the workbook is written in a second process while this one validates the suites for
the Data Docs: both are mostly Python, a core each, and at a province's size each takes seconds.
"""

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from pipelines.reports import contents, data_docs, output, page, workbook
from pipelines.reports.location import DATA_DOCS, PAGE, reports_dir, workbook_name

# Where the readers are: the time printed on the reports is theirs.
READERS_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# The Data Docs hold in memory the columns they validate of every listing; the workbook's process needs
# up to 1 GiB more. Side by side, the reports peaked at 1.45 GiB with a million listings and 2.32 GiB
# with 2.5 million: beyond this many, the workbook waits for the Data Docs, to stay under 2 GiB.
MOST_LISTINGS_SIDE_BY_SIDE = 1_500_000


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
        written: Future | None = None
        if _listings(published) <= MOST_LISTINGS_SIDE_BY_SIDE:
            written = beside.submit(write_workbook, published, staging, built_at)
        shown = contents.read(published)
        suites = data_docs.write_site(published, staging / DATA_DOCS, run_name)
        name = workbook_name(shown.as_of)
        (staging / PAGE).write_text(page.render(shown, suites, name, built_at), encoding="utf-8")
        # the second process's exception, if any, is raised here
        sheets = written.result() if written else write_workbook(published, staging, built_at)
    return Reports(target / name, target / PAGE, target / DATA_DOCS / "index.html", sheets, suites)


def write_workbook(published: Path, folder: Path, built_at: datetime) -> dict[str, int]:
    """The workbook of the published warehouse written into `folder`; its data rows per sheet."""
    shown = contents.read(published)
    return workbook.write(shown, folder / workbook_name(shown.as_of), built_at)


def _listings(published: Path) -> int:
    with duckdb.connect(published, read_only=True) as connection:
        return connection.execute("SELECT count(*) FROM staging.personnel").fetchone()[0]
