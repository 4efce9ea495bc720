"""A tiny district that lives through the 2025 reform, written by the tests.

Province P holds district D with communes A and B until 2025-07-01. Then D and the district level end,
P merges into province Q, A merges into the new commune X, and B is split: its village B1 goes to X and
B2 to the new commune Y. Villages keep their codes under new parents; D's one agency (Phòng Nội vụ)
hands its staff to X, Y and a province department of Q. Commune-level non-specialised posts end in Q on
2025-08-01 (nationally they may last until 2026-05-31).

Two periods: 2019-11-30 to 2021-11-30, and the reform, from the last snapshot before it to the latest.
"""

import csv
from datetime import date
from pathlib import Path

from district import write_list

BEFORE, AFTER_2021, REFORM = date(2019, 11, 30), date(2021, 11, 30), date(2025, 11, 30)
OLD, CHANGE = "2000-01-01", "2025-07-01"

UNIT_COLUMNS = ["unit_code", "level", "kind", "name", "parent_code", "commune_type", "households"]
UNIT_DATES = ["valid_from", "valid_to", "merged_into", "basis"]

REFERENCE = {
    "admin_units": [
        UNIT_COLUMNS + UNIT_DATES,
        ["P", "province", "tỉnh", "Phía Bắc", "", "", "", OLD, CHANGE, "Q", "Nghị quyết 202/2025/QH15"],
        ["Q", "province", "tỉnh", "Phía Nam", "", "", "", OLD, "", "", ""],
        ["D", "district", "huyện", "Thử Nghiệm", "P", "", "", OLD, CHANGE, "", "Luật 72/2025/QH15"],
        ["A", "commune", "xã", "An Hòa", "D", "1", "", OLD, CHANGE, "X", ""],
        ["B", "commune", "xã", "Bình Minh", "D", "1", "", OLD, CHANGE, "", ""],
        ["X", "commune", "phường", "Xuân Hòa", "Q", "", "", CHANGE, "", "", ""],
        ["Y", "commune", "xã", "Yên Bình", "Q", "", "", CHANGE, "", "", ""],
        ["A1", "village", "thôn", "Đông", "A", "", "200", OLD, CHANGE, "", ""],
        ["A1", "village", "thôn", "Đông", "X", "", "200", CHANGE, "", "", ""],
        ["B1", "village", "thôn", "Tây", "B", "", "150", OLD, CHANGE, "", ""],
        ["B1", "village", "thôn", "Tây", "X", "", "150", CHANGE, "", "", ""],
        ["B2", "village", "thôn", "Nam", "B", "", "180", OLD, CHANGE, "", ""],
        ["B2", "village", "thôn", "Nam", "Y", "", "180", CHANGE, "", "", ""],
    ],
    "org_units": [
        ["unit_code", "level", "kind", "name", "parent_code", *UNIT_DATES],
        ["NV", "district_agency", "phòng", "Phòng Nội vụ", "D", OLD, CHANGE, "", ""],
        ["SNV", "province_agency", "sở", "Sở Nội vụ tỉnh Phía Nam", "Q", CHANGE, "", "", ""],
    ],
    "unit_successions": [
        ["unit_code", "successor_code", "effective_date", "basis", "note"],
        ["D", "X", CHANGE, "", "the district's territory"],
        ["D", "Y", CHANGE, "", ""],
        ["B", "X", CHANGE, "", "split"],
        ["B", "Y", CHANGE, "", "split"],
        ["NV", "X", CHANGE, "", ""],
        ["NV", "Y", CHANGE, "", ""],
        ["NV", "SNV", CHANGE, "", ""],
    ],
    "positions": [
        ["title", "staff_type", "unit_level", "valid_from", "valid_to", "area_code", "ended_by", "basis"],
        ["Chuyên viên", "cbcc", "district_agency", "", "", "", "", ""],
        ["Chuyên viên", "cbcc", "province_agency", "", "", "", "", ""],
        ["Chuyên viên", "cbcc", "commune", CHANGE, "", "", "", ""],
        ["Chủ tịch UBND", "cbcc", "commune", "", "", "", "", ""],
        ["Văn phòng Đảng ủy", "ncs", "commune", "", "2026-05-31", "", "cham_dut", "Kết luận 163-KL/TW"],
        ["Văn phòng Đảng ủy", "ncs", "commune", "", "2025-08-01", "Q", "cham_dut", "Công văn 12/CV-BCĐ"],
        ["Trưởng thôn", "ncs", "village", "", "", "", "", ""],
    ],
    "sectors": [
        ["sector", "unit_level", "staff_type", "is_payroll", "label_vi", "label_en"],
        ["district_agencies", "district_agency", "cbcc", "true", "Cơ quan huyện", "District agencies"],
        ["province_agencies", "province_agency", "cbcc", "true", "Cơ quan tỉnh", "Province agencies"],
        ["commune_officials", "commune", "cbcc", "true", "CBCC cấp xã", "Commune officials"],
        ["ncs_commune", "commune", "ncs", "false", "Không chuyên trách cấp xã", "Commune non-specialized"],
        ["ncs_village", "village", "ncs", "false", "Không chuyên trách ở thôn", "Village non-specialized"],
    ],
    "ncs_norms": [
        ["decree", "level", "commune_type", "max_posts", "valid_from", "valid_to"],
        ["34/2019/NĐ-CP", "commune", "1", "14", "2019-06-25", ""],
        ["34/2019/NĐ-CP", "village", "", "3", "2019-06-25", ""],
    ],
    "r22_quotas": [
        ["unit_code", "quota", "valid_from", "valid_to", "note"],
        ["A", "1", "2019-07-01", "2025-08-01", ""],
        ["B", "1", "2019-07-01", "2025-08-01", ""],
    ],
    "scorecard_metrics": [
        ["metric", "label_vi", "label_en", "target", "target_pct_of_baseline"],
        ["staff_cut_total", "Tổng số biên chế giảm", "Payroll cut", "", ""],
    ],
    "reporting_periods": [
        ["period", "label_vi", "label_en", "basis", "area_code", "sector", "baseline_date", "as_of_date"],
        ["p1", "Giai đoạn 2019-2021", "2019-2021", "", "D", "", "2019-11-30", "2021-11-30"],
        ["p2", "Sắp xếp năm 2025", "The 2025 reform", "Nghị quyết 202/2025/QH15", "D", "", "2025-06-30", ""],
    ],
    "leave_reasons": [
        ["code", "label_vi", "label_en", "basis", "policy_cut", "written_as", "valid_from", "valid_to"],
        [
            "cham_dut",
            "Chấm dứt bố trí người hoạt động không chuyên trách cấp xã",
            "Post abolished",
            "",
            "false",
            "",
            "",
            "",
        ],
    ],
}


def person(name: str, title: str, unit: str | None, n: int, born: str = "01/01/1975") -> tuple:
    return (name, born, "Nam", title, unit, n)


STAFF = {
    "nv1": ("Phan Văn Một", 1),
    "nv2": ("Phan Văn Hai", 2),
    "nv3": ("Phan Văn Ba", 3),
    "a_ct": ("An Văn Bốn", 4),
    "b_ct": ("Bùi Văn Năm", 5),
    "a_vp": ("An Văn Sáu", 6),
    "b_vp": ("Bùi Văn Bảy", 7),
    "a1": ("Đông Văn Tám", 8),
    "b1": ("Tây Văn Chín", 9),
    "b2": ("Nam Văn Mười", 10),
}


def staff(key: str, title: str, unit: str | None) -> tuple:
    name, n = STAFF[key]
    return person(name, title, unit, n)


def commune_people(commune_code: str) -> list[tuple]:
    """A commune's chair, its commune-level worker and its village heads, before the reform."""
    villages = {"A": [("a1", "Thôn Đông")], "B": [("b1", "Thôn Tây"), ("b2", "Thôn Nam")]}[commune_code]
    return [
        staff(f"{commune_code.lower()}_ct", "Chủ tịch UBND", None),
        staff(f"{commune_code.lower()}_vp", "Văn phòng Đảng ủy", None),
        *(staff(key, "Trưởng thôn", village) for key, village in villages),
    ]


LISTS = {
    **{
        f"{day}/{name}.xlsx": (issuer, snapshot, people)
        for day, snapshot in (("2019-11-30", BEFORE), ("2021-11-30", AFTER_2021))
        for name, issuer, people in (
            (
                "huyen",
                "UBND HUYỆN THỬ NGHIỆM",
                [staff(k, "Chuyên viên", "Phòng Nội vụ") for k in ("nv1", "nv2", "nv3")],
            ),
            ("an-hoa", "UBND XÃ AN HÒA", commune_people("A")),
            ("binh-minh", "UBND XÃ BÌNH MINH", commune_people("B")),
        )
    },
    "2025-11-30/xuan-hoa.xlsx": (
        "UBND PHƯỜNG XUÂN HÒA",
        REFORM,
        [
            staff("a_ct", "Chủ tịch UBND", None),
            staff("nv1", "Chuyên viên", None),
            staff("a1", "Trưởng thôn", "Thôn Đông"),
            staff("b1", "Trưởng thôn", "Thôn Tây"),
        ],
    ),
    "2025-11-30/yen-binh.xlsx": (
        "UBND XÃ YÊN BÌNH",
        REFORM,
        [
            staff("b_ct", "Chủ tịch UBND", None),
            staff("nv2", "Chuyên viên", None),
            staff("b2", "Trưởng thôn", "Thôn Nam"),
        ],
    ),
    "2025-11-30/so-noi-vu.xlsx": (
        "SỞ NỘI VỤ TỈNH PHÍA NAM",
        REFORM,
        [
            staff("nv3", "Chuyên viên", None),
            person("Ngoài Văn Mười Một", "Chuyên viên", None, 11),
            person("Ngoài Văn Mười Hai", "Chuyên viên", None, 12),
        ],
    ),
}


def write_reform_district(raw: Path, lists: dict = LISTS) -> Path:
    (raw / "reference").mkdir(parents=True, exist_ok=True)
    for table, rows in REFERENCE.items():
        with (raw / "reference" / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    for name, (issuer, snapshot, people) in lists.items():
        write_list(raw / "personnel" / name, issuer, snapshot, people)
    return raw
