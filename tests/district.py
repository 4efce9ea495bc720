"""A tiny district written by the tests: reference CSVs and personnel lists in a raw folder.

Small enough to reason about by hand: two communes, villages of which two merge, one agency that
merges into another, two snapshots. Tests change it to see the figures move.
"""

import csv
from datetime import date
from pathlib import Path

from conftest import title_block
from formats import WRITERS

BASELINE, AS_OF = date(2016, 11, 30), date(2021, 11, 30)

REFERENCE = {
    "admin_units": [
        [
            "unit_code",
            "level",
            "kind",
            "name",
            "parent_code",
            "commune_type",
            "households",
            "valid_from",
            "valid_to",
            "merged_into",
        ],
        ["D", "district", "huyện", "Thử Nghiệm", "", "", "", "2000-01-01", "", ""],
        ["D-A", "commune", "xã", "An Hòa", "D", "1", "", "2000-01-01", "", ""],
        ["D-B", "commune", "thị trấn", "Bình Minh", "D", "2", "", "2000-01-01", "", ""],
        ["D-A-1", "village", "thôn", "Đông", "D-A", "", "200", "2000-01-01", "2019-08-01", "D-A-9"],
        ["D-A-2", "village", "thôn", "Tây", "D-A", "", "150", "2000-01-01", "2019-08-01", "D-A-9"],
        ["D-A-9", "village", "thôn", "Đông Tây", "D-A", "", "350", "2019-08-01", "", ""],
        ["D-B-1", "village", "tổ dân phố", "Số 1", "D-B", "", "300", "2000-01-01", "", ""],
    ],
    "org_units": [
        ["unit_code", "level", "kind", "name", "parent_code", "valid_from", "valid_to", "merged_into"],
        ["P-NV", "district_agency", "phòng", "Phòng Nội vụ", "D", "2000-01-01", "", ""],
        ["P-YT", "district_agency", "phòng", "Phòng Y tế", "D", "2000-01-01", "2018-01-01", "P-NV"],
        ["S-A", "school", "trường", "Trường Tiểu học An Hòa", "D-A", "2000-01-01", "", ""],
    ],
    "positions": [
        ["title", "staff_type", "unit_level", "valid_from", "valid_to"],
        ["Chuyên viên", "cbcc", "district_agency", "", ""],
        ["Giáo viên", "vien_chuc", "school", "", ""],
        ["Chủ tịch UBND", "cbcc", "commune", "", ""],
        ["Phó Chỉ huy trưởng Quân sự", "ncs", "commune", "", ""],
        ["Trưởng thôn", "ncs", "village", "", ""],
        ["Công an viên", "ncs", "village", "", ""],
    ],
    "sectors": [
        ["sector", "unit_level", "staff_type", "is_payroll", "label_vi", "label_en"],
        ["district_agencies", "district_agency", "cbcc", "true", "Cơ quan huyện", "District agencies"],
        ["education", "school", "vien_chuc", "true", "Giáo dục", "Education"],
        ["commune_officials", "commune", "cbcc", "true", "CBCC cấp xã", "Commune officials"],
        ["ncs_commune", "commune", "ncs", "false", "KCT cấp xã", "Commune non-specialized"],
        ["ncs_village", "village", "ncs", "false", "KCT thôn", "Village non-specialized"],
    ],
    "ncs_norms": [
        ["decree", "level", "commune_type", "max_posts", "valid_from", "valid_to"],
        ["NĐ 34/2019", "commune", "1", "14", "2019-06-25", ""],
        ["NĐ 34/2019", "commune", "2", "12", "2019-06-25", ""],
        ["NĐ 34/2019", "village", "", "3", "2019-06-25", ""],
    ],
    "r22_quotas": [
        ["unit_code", "quota", "valid_from", "valid_to", "note"],
        ["D-A", "1", "2019-07-01", "", ""],
        ["D-B", "1", "2019-07-01", "", ""],
    ],
    "scorecard_metrics": [
        ["metric", "label_vi", "label_en", "target", "target_pct_of_baseline", "comparison"],
        ["staff_cut_total", "Tổng biên chế đã giảm", "Payroll cut", "", "10", ""],
        ["r22_achieved_pct", "Tỷ lệ đạt NQ 22", "Resolution 22 achieved", "100", "", ""],
        ["villages_over_limit", "Thôn vượt định mức", "Villages over quota", "0", "", "<="],
    ],
}

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Số CCCD"]


def cccd(n: int | str) -> str:
    """The CCCD number of person n; a string is written as it is (a malformed number)."""
    return f"026{n:09d}" if isinstance(n, int) else n


# (name, born, sex, title, unit or None, cccd number) per list; lists by (file, issuer, snapshot).
LISTS = {
    "2016-11-30/huyen.xlsx": (
        "UBND HUYỆN THỬ NGHIỆM",
        BASELINE,
        [
            ("Phạm Văn Một", "01/01/1970", "Nam", "Chuyên viên", "Phòng Nội vụ", 1),
            ("Phạm Văn Hai", "02/02/1971", "Nam", "Chuyên viên", "Phòng Y tế", 2),
            ("Lý Thị Ba", "03/03/1972", "Nữ", "Giáo viên", "Trường Tiểu học An Hòa", 3),
            ("Lý Thị Bốn", "04/04/1973", "Nữ", "Giáo viên", "Trường Tiểu học An Hòa", 4),
        ],
    ),
    "2016-11-30/an-hoa.xlsx": (
        "UBND XÃ AN HÒA",
        BASELINE,
        [
            ("Trần Văn Năm", "05/05/1965", "Nam", "Chủ tịch UBND", None, 5),
        ],
    ),
    "2019-05-31/an-hoa-kct.xlsx": (
        "UBND XÃ AN HÒA",
        date(2019, 5, 31),
        [
            ("Đỗ Văn Sáu", "06/06/1966", "Nam", "Phó Chỉ huy trưởng Quân sự", None, 6),
            ("Đỗ Văn Bảy", "07/07/1967", "Nam", "Phó Chỉ huy trưởng Quân sự", None, 7),
            ("Hồ Văn Tám", "08/08/1968", "Nam", "Trưởng thôn", "Thôn Đông", 8),
            ("Hồ Văn Chín", "09/09/1969", "Nam", "Công an viên", "Thôn Đông", 9),
            ("Hồ Văn Mười", "10/10/1970", "Nam", "Trưởng thôn", "Thôn Tây", 10),
            ("Hồ Văn Mươi", "11/10/1970", "Nam", "Công an viên", "Thôn Tây", 11),
        ],
    ),
    "2021-11-30/huyen.xlsx": (
        "UBND HUYỆN THỬ NGHIỆM",
        AS_OF,
        [
            ("Phạm Văn Một", "01/01/1970", "Nam", "Chuyên viên", "Phòng Nội vụ", 1),
            ("Lý Thị Ba", "03/03/1972", "Nữ", "Giáo viên", "Trường Tiểu học An Hòa", 3),
        ],
    ),
    "2021-11-30/an-hoa.xlsx": (
        "UBND XÃ AN HÒA",
        AS_OF,
        [
            ("Trần Văn Năm", "05/05/1965", "Nam", "Chủ tịch UBND", None, 5),
            ("Đỗ Văn Sáu", "06/06/1966", "Nam", "Phó Chỉ huy trưởng Quân sự", None, 6),
            ("Hồ Văn Tám", "08/08/1968", "Nam", "Trưởng thôn", "Thôn Đông Tây", 8),
            ("Hồ Văn Chín", "09/09/1969", "Nam", "Công an viên", "Thôn Đông Tây", 9),
            ("Hồ Văn Mười", "10/10/1970", "Nam", "Trưởng thôn", "Thôn Đông Tây", 10),
            ("Hồ Văn Mươi", "11/10/1970", "Nam", "Công an viên", "Thôn Đông Tây", 11),
        ],
    ),
}


# The figures of the district as LISTS has it, worked out by hand.
SCORECARD = {
    "staff_cut_total": 2,
    "staff_cut_district_agencies": 1,
    "staff_cut_education": 1,
    "staff_cut_commune_officials": 0,
    "units_cut_district_agencies": 1,
    "units_cut_schools": 0,
    "villages_merged_from": 2,
    "villages_merged_into": 1,
    "villages_net_cut": 1,
    "ncs_commune_cut": 1,
    "ncs_village_cut": 0,
    "r22_achieved_pct": 50,
    "villages_over_limit": 1,
    "villages_within_limit_pct": 50,
    "payroll_postgraduate_pct": 0,
}


def write_district(raw: Path, lists: dict = LISTS) -> Path:
    (raw / "reference").mkdir(parents=True, exist_ok=True)
    for table, rows in REFERENCE.items():
        with (raw / "reference" / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    for name, (issuer, snapshot, people) in lists.items():
        write_list(raw / "personnel" / name, issuer, snapshot, people)
    return raw


def write_list(path: Path, issuer: str, snapshot: date, people: list[tuple]) -> Path:
    rows = [*title_block(issuer, snapshot), HEADER]
    rows += [
        [i, name, born, sex, title, unit, cccd(n)]
        for i, (name, born, sex, title, unit, n) in enumerate(people, 1)
    ]
    rows.append([f"Tổng cộng: {len(people)} người"])
    return WRITERS[path.suffix](path, {"DS": rows})


def add_a_baseline_official(raw: Path) -> None:
    """One more commune official in 2016 (the total cut goes from 2 to 3): a change a run must show."""
    issuer, snapshot, people = LISTS["2016-11-30/an-hoa.xlsx"]
    newcomer = ("Trần Văn Mới", "01/01/1980", "Nam", "Chủ tịch UBND", None, 99)
    write_list(raw / "personnel" / "2016-11-30" / "an-hoa.xlsx", issuer, snapshot, [*people, newcomer])
