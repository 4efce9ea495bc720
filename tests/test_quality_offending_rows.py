"""Expectations validated on the rows that could fail them give the whole table's verdict."""

import duckdb
import pytest

from pipelines import quality
from pipelines.catalog import table_doc
from pipelines.quality import Expectation

ROWS = [
    ("a.xlsx", "S", 1, "Nam"),
    ("a.xlsx", "S", 2, "Nữ"),
    ("a.xlsx", "S", 2, None),  # a duplicate key
    ("b.xlsx", None, 3, "nam"),  # not in the set
    (None, None, None, None),  # an all-null key, ignored by uniqueness
    (None, None, None, "Nam"),
]
CASES = [
    Expectation("expect_column_values_to_not_be_null", {"column": "sex"}),
    Expectation("expect_column_values_to_not_be_null", {"column": "row"}),
    Expectation("expect_column_values_to_be_in_set", {"column": "sex", "value_set": ["Nam", "Nữ"]}),
    Expectation("expect_column_values_to_be_unique", {"column": "file"}),
    Expectation("expect_column_values_to_be_unique", {"column": "sex"}),
    Expectation("expect_compound_columns_to_be_unique", {"column_list": ["file", "sheet", "row"]}),
    Expectation("expect_compound_columns_to_be_unique", {"column_list": ["file", "row"]}),
]


@pytest.fixture(scope="module")
def connection():
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE t (file VARCHAR, sheet VARCHAR, row INTEGER, sex VARCHAR)")
        connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", ROWS)
        yield connection


@pytest.mark.parametrize("expectation", CASES, ids=lambda e: e.label)
def test_same_verdict_and_count_as_on_the_whole_table(connection, expectation):
    assert quality.offending_rows("t", expectation) is not None
    [narrowed] = quality.validate(connection, "t", [expectation])
    whole = quality.Expectation(expectation.type, expectation.kwargs, query="SELECT * FROM t")
    [reference] = quality.validate(connection, "t", [whole])
    assert (narrowed.success, narrowed.unexpected_count) == (reference.success, reference.unexpected_count)
    assert len(narrowed.failing_rows) == len(reference.failing_rows)


def test_expectations_with_a_tolerance_read_the_whole_table():
    tolerant = Expectation("expect_column_values_to_not_be_null", {"column": "sex", "mostly": 0.9})
    assert quality.offending_rows("t", tolerant) is None


def test_a_suite_reads_only_the_columns_its_expectations_name():
    pair = Expectation("expect_column_pair_values_to_be_equal", {"column_A": "total", "column_B": "parts"})
    assert quality.columns_read([*CASES, pair]) == ["sex", "row", "file", "sheet", "total", "parts"]
    assert quality.columns_read([Expectation("expect_table_row_count_to_equal", {"value": 0})]) is None
    assert quality.selected("raw.t", ["file", 'odd "name"']) == 'SELECT "file", "odd ""name""" FROM raw.t'
    assert quality.selected("raw.t", None) == "SELECT * FROM raw.t"


TWICE = "2021-11-30"
# (table, the expectation's description): the table's rows, and the (file, row) of those that fail it
DUPLICATES = {
    # a person's post counted twice on one snapshot; once more on another snapshot, or another post of
    # theirs (kiêm nhiệm), is fine
    ("personnel", "no post of a person counted twice on one snapshot"): (
        [
            ("a.xlsx", "S", 5, TWICE, "k1", "Trưởng thôn"),
            ("b.xlsx", "S", 9, TWICE, "k1", "Trưởng thôn"),
            ("b.xlsx", "S", 10, TWICE, "k1", "Bí thư Chi bộ"),
            ("a.xlsx", "S", 6, TWICE, "k2", "Trưởng thôn"),
            ("a.xlsx", "S", 5, "2019-05-31", "k2", "Trưởng thôn"),
        ],
        [("a.xlsx", "5"), ("b.xlsx", "9")],
    ),
    # one row of one list twice, as a bad join would make it
    ("personnel_matched", "each row of a list at most once"): (
        [
            ("a.xlsx", "S", 5, TWICE, "k1", "Trưởng thôn"),
            ("b.xlsx", "S", 9, TWICE, "k2", "Trưởng thôn"),
            ("b.xlsx", "S", 9, TWICE, "k2", "Trưởng thôn"),
            ("a.xlsx", "S", 6, TWICE, "k3", "Trưởng thôn"),
        ],
        [("b.xlsx", "9"), ("b.xlsx", "9")],
    ),
}


@pytest.mark.parametrize(("table", "description"), DUPLICATES, ids=lambda key: str(key))
def test_the_uniqueness_queries_of_the_big_staging_tables_fail_naming_every_copy(table, description):
    [unique] = [
        e for e in quality.suite_of(table_doc("staging", table), "error") if e.description == description
    ]
    rows, failing = DUPLICATES[table, description]
    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA staging")
        connection.execute(
            f"CREATE TABLE staging.{table} (file VARCHAR, sheet VARCHAR, row INTEGER, snapshot_date DATE, "
            "person_key VARCHAR, position_title VARCHAR, unit_code VARCHAR DEFAULT 'U')"
        )
        connection.executemany(
            f"INSERT INTO staging.{table} BY POSITION VALUES (?, ?, ?, ?, ?, ?, 'U')", rows
        )
        [outcome] = quality.validate(connection, f"staging.{table}", [unique])
        connection.execute(f"DELETE FROM staging.{table} WHERE file = 'b.xlsx'")
        [without] = quality.validate(connection, f"staging.{table}", [unique])
    assert not outcome.success
    assert outcome.failing_rows == [{"file": file, "sheet": "S", "row": row} for file, row in failing]
    assert without.success
