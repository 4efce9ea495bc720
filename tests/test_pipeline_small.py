"""Whole materializations on a tiny district whose figures can be worked out by hand."""

from datetime import date

import dagster as dg
from district import AS_OF, SCORECARD, write_district, write_list
from pipeline import failed_checks


def test_the_tiny_district_end_to_end(workspace):
    write_district(workspace.raw)
    result = workspace.run()
    assert result.success, failed_checks(result)
    assert workspace.scorecard() == SCORECARD


def test_each_mart_column_lists_the_upstream_columns_it_comes_from(workspace):
    write_district(workspace.raw)
    result = workspace.run()
    [village] = [
        m.materialization
        for m in result.get_asset_materialization_events()
        if m.asset_key == dg.AssetKey(["marts", "r22_village_progress"])
    ]
    lineage = village.metadata["dagster/column_lineage"].value.deps_by_column
    assert {(d.asset_key.to_user_string(), d.column_name) for d in lineage["households"]} == {
        ("staging/units", "households")
    }
    assert ("staging/personnel", "person_key") in {  # a count of its people
        (d.asset_key.to_user_string(), d.column_name) for d in lineage["current_count"]
    }


def test_a_list_sent_early_for_a_later_date_does_not_zero_the_others(workspace):
    write_district(workspace.raw)
    assert workspace.run().success
    before = workspace.scorecard()
    # One commune sends its 2022 village list before anyone else: An Hòa is complete, Bình Minh is not.
    lists = {
        "2019-05-31/binh-minh-kct.xlsx": (
            "UBND THỊ TRẤN BÌNH MINH",
            date(2019, 5, 31),
            [
                ("Ngô Văn Mười Hai", "12/12/1972", "Nam", "Trưởng thôn", "TDP Số 1", 12),
            ],
        ),
        "2021-11-30/binh-minh-kct.xlsx": (
            "UBND THỊ TRẤN BÌNH MINH",
            AS_OF,
            [
                ("Ngô Văn Mười Hai", "12/12/1972", "Nam", "Trưởng thôn", "TDP Số 1", 12),
            ],
        ),
        "2022-01-15/an-hoa-kct.xlsx": (
            "UBND XÃ AN HÒA",
            date(2022, 1, 15),
            [
                ("Hồ Văn Tám", "08/08/1968", "Nam", "Trưởng thôn", "Thôn Đông Tây", 8),
            ],
        ),
    }
    for name, (issuer, snapshot, people) in lists.items():
        write_list(workspace.raw / "personnel" / name, issuer, snapshot, people)
    result = workspace.run()
    assert result.success, failed_checks(result)
    assert workspace.scorecard() == before
    assert workspace.query("SELECT as_of FROM marts.reporting_dates WHERE sector = 'ncs_village'") == [
        (AS_OF,)
    ]
