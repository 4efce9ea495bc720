"""The HTML page: each period's scorecard and charts (the latest period first), staff quality, what the
reference data lacks, how much the clerks must fix and the checks, in one file that needs no network to
view (charts inlined as SVG, styles inlined). It names no one: people's names stay in the workbook."""

from datetime import datetime

import jinja2
import pandas as pd
from markupsafe import Markup

from pipelines.reports import charts, labels, to_fix
from pipelines.reports.contents import Period, ReportContents
from pipelines.reports.data_docs import SuiteResult
from pipelines.reports.location import DATA_DOCS

GAPS_SHOWN = 100  # a province's reference data may lack thousands of things: the workbook lists them all

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("pipelines.reports"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters |= {
    "number": labels.number,
    "day": labels.day,
    "target": labels.target,
    "mark": labels.mark,
}


def render(contents: ReportContents, suites: list[SuiteResult], workbook: str, built_at: datetime) -> str:
    scorecard = contents["marts.district_scorecard"]
    gaps = contents["audit.reference_gaps"]
    listed = to_fix.items(contents)
    return _TEMPLATES.get_template("page.html.j2").render(
        contents=contents,
        periods=[_period(contents, period) for period in contents.periods],
        definitions=labels.defined(scorecard),
        qualifications=_svg(charts.qualifications(contents["marts.staff_qualifications"])),
        gaps=_records(gaps.head(GAPS_SHOWN)),
        all_gaps=len(gaps),
        to_fix=to_fix.counts(listed),
        files=_files_to_fix(contents),
        load_log=contents["audit.load_log"],
        suites=suites,
        checks=labels.CHECKS,
        data_docs=f"{DATA_DOCS}/index.html",
        data_docs_dir=DATA_DOCS,
        workbook=workbook,
        built_at=built_at,
    )


def _period(contents: ReportContents, period: Period) -> dict:
    """A period's scorecard and charts, the charts' ids marked with the period's code."""
    drawn = {
        "commune_cuts": charts.commune_cuts(
            contents.of("marts.r22_commune_progress", period),
            contents.words.get("level", {}),
            period=period.code,
        ),
        "villages_over_quota": charts.villages_over_quota(
            contents.of("marts.r22_village_progress", period), period=period.code
        ),
        "sector_cuts": charts.sector_cuts(
            contents.of("marts.staff_per_snapshot", period), period=period.code
        ),
        "flows": charts.flows(
            contents.of("marts.staff_flows", period),
            contents.of("marts.leavers", period),
            contents.words.get("sector", {}),
            period=period.code,
        ),
    }
    return {
        "period": period,
        "scorecard": _records(contents.of("marts.district_scorecard", period)),
        "charts": {name: _svg(svg) for name, svg in drawn.items()},
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows for the template, a missing value as None (not NaN, which prints)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def _svg(svg: str | None) -> Markup | None:
    return Markup(svg) if svg else None


def _files_to_fix(contents: ReportContents) -> list[dict]:
    """Each file with something to fix: whether it was rejected and why, and how many of its rows do not
    count or count with a cell to fix. No row's reason: those quote the cells, names included."""
    log = contents["audit.load_log"].fillna({"rows_quarantined": 0, "rows_to_fix": 0})
    files = log[(log["status"] == "rejected") | (log["rows_quarantined"] > 0) | (log["rows_to_fix"] > 0)]
    return [
        {
            "file": file.file,
            "rejected": file.status == "rejected",
            "reason": None if labels.missing(file.reason_vi) else file.reason_vi,
            "not_counted": int(file.rows_quarantined),
            "to_fix": int(file.rows_to_fix),
        }
        for file in files.itertuples(index=False)
    ]
