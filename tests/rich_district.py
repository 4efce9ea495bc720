"""The tiny district of tests/district.py with what an office reports beyond head counts: lists of
leavers, a teacher who moved to the commune, a commune police chief whose post passed to the regular
police, a person holding two posts, a person listed twice, a second village of Bình Minh over its quota
beside one under it, assigned posts, qualifications and targets with their bases and due dates.

Its one period runs from 2016-11-30 (the non-specialised workers from 2019-05-31) to 2021-11-30.
"""

import csv
from copy import deepcopy
from datetime import date
from pathlib import Path

from conftest import title_block, write_workbook
from district import AS_OF, BASELINE, LISTS, REFERENCE, cccd

BEFORE_R22 = date(2019, 5, 31)
PERIOD = "de_an"

REFERENCE_ADDED = {
    "admin_units": [["D-B-2", "village", "tổ dân phố", "Số 2", "D-B", "", "120", "2000-01-01", "", ""]],
    "positions": [
        ["Trưởng Công an xã", "cbcc", "commune", "", "2020-01-01"],
        ["Công chức Văn hóa - Xã hội", "cbcc", "commune", "", ""],
        ["Bí thư Chi bộ", "ncs", "village", "", ""],
    ],
}
REFERENCE_MORE = {
    "positions_columns": ["area_code", "ended_by", "basis"],
    "ended_by": {"Trưởng Công an xã": ("chuyen_giao", "Luật Công an nhân dân 2018")},
    "reporting_periods": [
        ["period", "label_vi", "area_code", "sector", "baseline_date", "as_of_date", "posts_base_year"],
        [PERIOD, "Đề án thử nghiệm", "D", "", "2016-11-30", "2021-11-30", "2015"],
        [PERIOD, "Đề án thử nghiệm", "D", "ncs_commune", "2019-05-31", "2021-11-30", "2015"],
        [PERIOD, "Đề án thử nghiệm", "D", "ncs_village", "2019-05-31", "2021-11-30", "2015"],
    ],
    "leave_reasons": [
        ["code", "label_vi", "label_en", "basis", "policy_cut", "written_as", "valid_from", "valid_to"],
        ["nghi_huu", "Nghỉ hưu", "Retired", "Bộ luật Lao động", "false", "nghỉ hưu", "", ""],
        [
            "sap_xep_nq22",
            "Thôi đảm nhiệm do sắp xếp theo Nghị quyết 22",
            "Arranged out",
            "Nghị quyết 22",
            "true",
            "nghị quyết 22;sắp xếp",
            "",
            "",
        ],
        [
            "chuyen_giao",
            "Chức danh chuyển giao cho Công an chính quy",
            "Handed to the police",
            "",
            "false",
            "",
            "",
            "",
        ],
    ],
    "assigned_posts": [
        ["unit_code", "year", "staff_type", "assigned_posts", "decision"],
        ["P-NV", "2015", "cbcc", "4", "QĐ 1/2015"],
        ["P-YT", "2015", "cbcc", "2", "QĐ 1/2015"],
        ["S-A", "2015", "vien_chuc", "4", "QĐ 1/2015"],
        ["D-A", "2015", "cbcc", "4", "QĐ 1/2015"],
        ["P-NV", "2016", "cbcc", "4", "QĐ 2/2016"],
        ["P-YT", "2016", "cbcc", "2", "QĐ 2/2016"],
        ["S-A", "2016", "vien_chuc", "4", "QĐ 2/2016"],
        ["D-A", "2016", "cbcc", "4", "QĐ 2/2016"],
        ["P-NV", "2021", "cbcc", "5", "QĐ 3/2021"],
        ["S-A", "2021", "vien_chuc", "4", "QĐ 3/2021"],
        ["D-A", "2021", "cbcc", "3", "QĐ 3/2021"],
    ],
    "qualification_levels": [
        ["written", "level", "level_order"],
        ["Thạc sĩ", "sau đại học", "1"],
        ["Đại học", "đại học", "2"],
        ["ĐH", "đại học", "2"],
        ["Cao đẳng", "cao đẳng", "3"],
        ["CĐ", "cao đẳng", "3"],
        ["Trung cấp", "trung cấp", "4"],
    ],
    "scorecard_metrics": [
        [
            "metric",
            "label_vi",
            "label_en",
            "target",
            "target_pct_of_baseline",
            "comparison",
            "basis",
            "due_date",
        ],
        [
            "assigned_posts_cut",
            "Biên chế được giao giảm",
            "Posts cut",
            "",
            "10",
            ">=",
            "Đề án thử nghiệm",
            "2021-12-31",
        ],
        [
            "r22_achieved_pct",
            "Tỷ lệ đạt định mức",
            "R22 achieved",
            "100",
            "",
            ">=",
            "Nghị quyết 22",
            "2020-12-31",
        ],
        [
            "villages_over_limit",
            "Thôn vượt định mức",
            "Villages over",
            "0",
            "",
            "<=",
            "Nghị định 34/2019",
            "2021-12-31",
        ],
    ],
}

QUALIFIED_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ",
    "Đơn vị",
    "Số CCCD",
    "Trình độ",
    None,
]
QUALIFICATION_SUBHEADER = [None, None, None, None, None, None, None, "Chuyên môn", "Lý luận chính trị"]

# (name, born, sex, title, unit, cccd number) as in district.LISTS, with a qualification and a political
# theory level, which is not a qualification.
LISTS_ADDED = {
    "2016-11-30/huyen-them.xlsx": (
        "UBND HUYỆN THỬ NGHIỆM",
        BASELINE,
        [
            (
                ("Vũ Thị Mười Ba", "13/03/1983", "Nữ", "Giáo viên", "Trường Tiểu học An Hòa", 13),
                "ĐH",
                "Trung cấp",
            ),
        ],
    ),
    "2016-11-30/an-hoa-them.xlsx": (
        "UBND XÃ AN HÒA",
        BASELINE,
        [(("Đinh Văn Mười Bốn", "14/04/1964", "Nam", "Trưởng Công an xã", None, 14), "Trung cấp", None)],
    ),
    "2019-05-31/binh-minh-kct.xlsx": (
        "UBND THỊ TRẤN BÌNH MINH",
        BEFORE_R22,
        [
            (
                (f"Ngô Văn {n}", f"{n:02d}/01/1970", "Nam", "Trưởng thôn", f"TDP Số {1 + (n > 24)}", n),
                "",
                None,
            )
            for n in range(21, 29)
        ],
    ),
    "2021-11-30/binh-minh-kct.xlsx": (
        "UBND THỊ TRẤN BÌNH MINH",
        AS_OF,
        [
            (
                (f"Ngô Văn {n}", f"{n:02d}/01/1970", "Nam", "Trưởng thôn", f"TDP Số {1 + (n > 24)}", n),
                "",
                None,
            )
            for n in (21, 22, 23, 24, 25, 26)
        ],
    ),
    "2021-11-30/an-hoa-them.xlsx": (
        "UBND XÃ AN HÒA",
        AS_OF,
        [
            # the teacher now works for the commune: a move, neither a cut nor a hire
            (
                ("Vũ Thị Mười Ba", "13/03/1983", "Nữ", "Công chức Văn hóa - Xã hội", None, 13),
                "Thạc sĩ",
                "Cao cấp",
            ),
            # the village head also holds the post of party cell secretary: two posts, one person
            (("Hồ Văn Tám", "08/08/1968", "Nam", "Bí thư Chi bộ", "Thôn Đông Tây", 8), "CĐ", None),
            # listed twice with the same title: a true duplicate
            (("Hồ Văn Mười", "10/10/1970", "Nam", "Trưởng thôn", "Thôn Đông Tây", 10), "12/12", None),
        ],
    ),
}

LEAVER_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị",
    "Lý do / Hình thức",
    "Thời điểm nghỉ",
    "Số quyết định",
]
LEAVERS = {
    # the reason is in the title; the list carries no ID numbers
    "2019/nghi-huu.xlsx": (
        "DANH SÁCH CÁN BỘ NGHỈ HƯU NĂM 2019",
        [["1", "Phạm Văn Hai", "02/02/1971", "Chuyên viên", "Phòng Y tế", None, "7/2019", "123/QĐ-UBND"]],
    ),
    "2020/kct.xlsx": (
        "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH THÔI ĐẢM NHIỆM",
        [
            [
                "1",
                "Đỗ Văn Bảy",
                "07/07/1967",
                "Phó Chỉ huy trưởng Quân sự",
                "Xã An Hòa",
                "Sắp xếp theo Nghị quyết 22",
                "01/01/2020",
                "45/QĐ-UBND",
            ],
            # nobody of that name and birth is in any personnel list
            [
                "2",
                "Người Không Có",
                "01/01/1960",
                "Trưởng thôn",
                "Thôn Đông Tây",
                "Sắp xếp theo Nghị quyết 22",
                "01/01/2020",
                "46/QĐ-UBND",
            ],
        ],
    ),
}


def write_rich_district(raw: Path, replaced_cells: dict | None = None) -> Path:
    """The district, its extra lists and leavers; `replaced_cells` maps (list, name) to cells changed in
    that person's row (a date of birth, an ID number) for the tests that correct a typo."""
    reference = _reference()
    (raw / "reference").mkdir(parents=True, exist_ok=True)
    for table, rows in reference.items():
        with (raw / "reference" / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    lists = {
        name: (issuer, day, [(row, "", None) for row in people])
        for name, (issuer, day, people) in LISTS.items()
    }
    for name, (issuer, day, people) in (lists | LISTS_ADDED).items():
        rows = [_cells(person, (replaced_cells or {}).get((name, person[0][0]), {})) for person in people]
        _write_qualified_list(raw / "personnel" / name, issuer, day, rows)
    for name, (title, rows) in LEAVERS.items():
        block = [["UBND HUYỆN THỬ NGHIỆM"], [], [title], LEAVER_HEADER, *rows]
        write_workbook(raw / "leavers" / name, {"DS": block})
    return raw


def _reference() -> dict[str, list[list[str]]]:
    reference = deepcopy(REFERENCE)
    for table, rows in REFERENCE_ADDED.items():
        reference[table] += rows
    columns = REFERENCE_MORE["positions_columns"]
    ended_by = REFERENCE_MORE["ended_by"]
    reference["positions"] = [reference["positions"][0] + columns] + [
        [*row, "", *ended_by.get(row[0], ("", ""))] for row in reference["positions"][1:]
    ]
    for table in ("reporting_periods", "leave_reasons", "assigned_posts", "qualification_levels"):
        reference[table] = REFERENCE_MORE[table]
    reference["scorecard_metrics"] = REFERENCE_MORE["scorecard_metrics"]
    return reference


def _cells(person: tuple, replaced: dict) -> list:
    (name, born, sex, title, unit, number), qualification, theory = person
    cells = {"born": born, "id": cccd(number)} | replaced
    return [name, cells["born"], sex, title, unit, cells["id"], qualification or None, theory]


def _write_qualified_list(path: Path, issuer: str, day: date, people: list[list]) -> None:
    rows = [*title_block(issuer, day), QUALIFIED_HEADER, QUALIFICATION_SUBHEADER]
    rows += [[index, *cells] for index, cells in enumerate(people, 1)]
    rows.append([f"Tổng cộng: {len(people)} người"])
    write_workbook(path, {"DS": rows})
