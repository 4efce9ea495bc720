"""All three reports from the published warehouse, replacing the previous ones only once all are written."""

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
    shown = contents.read(published)
    built_at = datetime.now(READERS_TIME_ZONE)
    target = reports_dir(published)
    name = workbook_name(shown.as_of)
    with output.staged(target) as staging:
        suites = data_docs.write_site(published, staging / DATA_DOCS, run_name)
        sheets = workbook.write(shown, staging / name, built_at)
        (staging / PAGE).write_text(page.render(shown, suites, name, built_at), encoding="utf-8")
    return Reports(target / name, target / PAGE, target / DATA_DOCS / "index.html", sheets, suites)
