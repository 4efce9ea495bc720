"""The unit tests declared beside each SQL model (`unit_tests:` in its YAML), run on an in-memory
DuckDB in milliseconds, and the harness itself."""

import pytest
from sql_units import empty_warehouse, expected, run, sorted_rows, unit_tests

TESTS = unit_tests()


@pytest.fixture(scope="module")
def warehouse():
    with empty_warehouse() as connection:
        yield connection


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_the_model_gives_the_rows_expected(warehouse, test):
    assert sorted_rows(run(warehouse, test)) == sorted_rows(expected(test))


def test_every_model_builds_on_empty_tables_and_the_harness_rolls_back(warehouse):
    tables = warehouse.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name <> 'raw'").fetchall()
    assert tables[0][0] > 30
    rows = warehouse.execute("SELECT count(*) FROM raw.personnel").fetchall()
    assert rows == [(0,)]


def test_a_test_expecting_another_value_or_row_fails(warehouse):
    """The harness can fail: a value changed, or a row too many or too few, no longer compares equal."""
    test = next(t for t in TESTS if t.model.name == "marts.leavers")
    first, *others = test.expect
    changed = {**first, "reason_code": "something_else"}
    for expect in ([changed, *others], others, [*test.expect, first]):
        wrong = type(test)(test.model, test.name, test.given, expect)
        assert sorted_rows(run(warehouse, wrong)) != sorted_rows(expected(wrong))


def test_a_test_naming_a_column_the_model_lacks_fails(warehouse):
    test = next(t for t in TESTS if t.expect)
    wrong = type(test)(test.model, test.name, test.given, [{**test.expect[0], "never_a_column": 1}])
    with pytest.raises(Exception, match="never_a_column"):
        run(warehouse, wrong)
