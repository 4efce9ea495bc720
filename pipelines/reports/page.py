"""The HTML page: the scorecard, the charts, what the clerks must fix and the checks, in one file that
needs no network to view (charts inlined as SVG, styles inlined)."""

from datetime import datetime

import jinja2
from markupsafe import Markup

from pipelines.reports import charts, labels
from pipelines.reports.data_docs import SuiteResult
from pipelines.reports.figures import Figures, to_fix
from pipelines.reports.location import DATA_DOCS

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("pipelines.reports"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters |= {"number": labels.number, "day": labels.day}


def render(figures: Figures, suites: list[SuiteResult], workbook: str, built_at: datetime) -> str:
    drawn = {
        "commune_cuts": charts.commune_cuts(figures["marts.r22_commune_progress"], labels.LEVELS),
        "villages_over_quota": charts.villages_over_quota(figures["marts.r22_village_progress"]),
        "sector_cuts": charts.sector_cuts(figures["marts.staff_per_snapshot"]),
    }
    return _TEMPLATES.get_template("page.html.j2").render(
        figures=figures,
        scorecard=figures["marts.district_scorecard"].to_dict(orient="records"),
        charts={name: Markup(svg) if svg else None for name, svg in drawn.items()},
        files=_files_to_fix(figures),
        load_log=figures["audit.load_log"],
        suites=suites,
        data_docs=f"{DATA_DOCS}/index.html",
        data_docs_dir=DATA_DOCS,
        workbook=workbook,
        built_at=built_at,
    )


def _files_to_fix(figures: Figures) -> list[dict]:
    """Per file with something to fix: whether it was rejected, and its reasons, row by row."""
    log = figures["audit.load_log"].set_index("file")
    files = []
    for file, items in to_fix(figures).groupby("file", sort=True):
        files.append(
            {
                "file": file,
                "rejected": log.at[file, "status"] == "rejected",
                "rows": int(log.at[file, "rows_quarantined"]),
                "reasons": [
                    {
                        "sheet": None if labels.missing(item.sheet) else item.sheet,
                        "row": None if labels.missing(item.row) else int(item.row),
                        "reason": item.reason_vi,
                    }
                    for item in items.itertuples(index=False)
                ],
            }
        )
    return files
