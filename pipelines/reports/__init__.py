"""The reports a district leader reads, built from the published warehouse: an Excel workbook laid out
the way a Home Affairs office lays one out, a self-contained HTML page with charts, and the Great
Expectations Data Docs of the checks. `writing.write_reports` writes all three into `reports/` beside the
warehouse; Dagster runs it after publishing, `python -m pipelines.reports` (make report) on demand."""
