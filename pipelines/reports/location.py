"""Where the reports live: `reports/` beside the published warehouse, wherever $TINHGON_WAREHOUSE is."""

from datetime import date
from pathlib import Path

PAGE = "index.html"
DATA_DOCS = "data-docs"


def reports_dir(published: Path) -> Path:
    return published.parent / "reports"


def data_docs_index(published: Path) -> Path:
    return reports_dir(published) / DATA_DOCS / "index.html"


def workbook_name(as_of: date | None) -> str:
    return f"bao-cao-tinh-gon_{as_of.isoformat() if as_of else 'chua-co-so-lieu'}.xlsx"
