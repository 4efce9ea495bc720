"""`python -m pipelines.reports` (make report): the three reports from the published warehouse, no server."""

import sys

from pipelines import settings
from pipelines.reports.writing import write_reports


def main() -> int:
    config = settings.from_environment()
    if not config.warehouse.exists():
        print(f"No published warehouse at {config.warehouse}: run `make run` first.", file=sys.stderr)
        return 1
    reports = write_reports(config.warehouse, run_name="make-report")
    failed = [s.suite for s in reports.suites if not s.success]
    print(f"workbook:  {reports.workbook}")
    print(f"page:      {reports.page}")
    print(f"data docs: {reports.data_docs} ({len(reports.suites)} suites, {len(failed)} with failures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
