"""Table previews for the Dagster UI: counts by allowed columns, and never a personal column."""

import duckdb
import pytest

from pipelines import models
from pipelines.catalog import table_doc
from pipelines.defs.metadata import records_table
from pipelines.preview import table_preview

DOC = """\
description: {vi: Nhân sự, en: Staff}
columns:
  full_name: {vi: Họ và tên, en: Full name, personal: true}
  sector: {vi: Khối, en: Sector}
  snapshot_date: {vi: Ngày chốt, en: Snapshot date}
  staff: {vi: Số người, en: Staff}
"""


def write_doc(sql_dir, preview: str):
    (sql_dir / "marts").mkdir(parents=True, exist_ok=True)
    (sql_dir / "marts" / "staff.yml").write_text(DOC + preview, encoding="utf-8")
    return table_doc("marts", "staff", sql_dir)


def test_a_preview_counts_rows_and_sums_counts_by_the_declared_columns(tmp_path):
    doc = write_doc(tmp_path, "preview:\n  by: [sector]\n  sum: [staff]\n")
    with duckdb.connect(tmp_path / "w.duckdb") as connection:
        connection.execute("CREATE SCHEMA marts")
        connection.execute(
            """CREATE TABLE marts.staff AS FROM (VALUES
                ('Nguyễn Văn An', 'education', DATE '2021-11-30', 3),
                ('Lê Thị Bình', 'education', DATE '2016-11-30', 4),
                ('Trần Văn Cường', 'district_agencies', DATE '2021-11-30', NULL)
            ) AS t (full_name, sector, snapshot_date, staff)"""
        )
        preview = records_table(table_preview(connection, doc))
    assert [record.data for record in preview.records] == [
        {"sector": "district_agencies", "rows": "1", "staff": ""},
        {"sector": "education", "rows": "2", "staff": "7"},
    ]


def test_a_table_without_a_declared_preview_has_none(tmp_path):
    doc = write_doc(tmp_path, "")
    assert table_preview(duckdb.connect(), doc) is None


@pytest.mark.parametrize(
    ("preview", "refusal"),
    [
        ("preview:\n  by: [full_name]\n", "'full_name', a personal column"),
        ("preview:\n  by: [sector]\n  sum: [full_name]\n", "'full_name', a personal column"),
        ("preview:\n  by: [unit]\n", "'unit', which is not a documented column"),
    ],
)
def test_a_preview_of_a_personal_or_unknown_column_is_refused_when_the_yaml_is_read(
    tmp_path, preview, refusal
):
    with pytest.raises(ValueError, match=refusal):
        write_doc(tmp_path, preview)


def test_every_published_table_and_the_personnel_declare_a_preview():
    missing = [
        m.name
        for m in models.all_models()
        if (m.schema in ("marts", "audit") or m.name == "staging.personnel")
        and m.doc.preview is None
        and not m.doc.personal  # a table of people (leavers, movers) shows nothing of them
    ]
    assert missing == [], "declare `preview: {by: [...], sum: [...]}` in their YAML (see catalog.Preview)"
