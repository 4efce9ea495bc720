"""The tiny district of tests/district.py with what the reports show beyond head counts: two reporting
periods, a list of leavers (naming the reasons of two of the three people who left), professional
qualifications, the posts assigned each year, and a scorecard whose targets have a basis, a due date and
a direction. Worked out by hand:

- period "de_an_01" (30/11/2016 -> 30/11/2021) is the latest; "so_ket_2019" (-> 31/05/2019) the earlier;
- leavers: Phạm Văn Hai (Phòng Y tế) retired, Lý Thị Bốn (the school) was cut under the policy, and
  Đỗ Văn Bảy (KCT cấp xã, An Hòa) is on no list: his reason is unknown, the clerks must add him;
- the 2021 district list has a qualification column: one master's degree (sau đại học), one đại học.
"""

import csv
from datetime import date
from pathlib import Path

from conftest import title_block
from district import AS_OF, BASELINE, LISTS, cccd, write_district
from formats import WRITERS

LATEST, EARLIER = "de_an_01", "so_ket_2019"
UNEXPLAINED_LEAVER = "Đỗ Văn Bảy"

REFERENCE = {
    "reporting_periods": [
        [
            "period",
            "label_vi",
            "label_en",
            "basis",
            "area_code",
            "sector",
            "baseline_date",
            "as_of_date",
            "posts_base_year",
        ],
        [
            EARLIER,
            "Sơ kết giữa kỳ Đề án 01",
            "Mid-term review",
            "",
            "",
            "",
            "2016-11-30",
            "2019-05-31",
            "2015",
        ],
        [
            LATEST,
            "Đề án 01-ĐA/TU (2016 - 2021)",
            "Plan 01",
            "Đề án 01-ĐA/TU",
            "",
            "",
            "2016-11-30",
            "2021-11-30",
            "2015",
        ],
        # The non-specialized workers' lists begin in 2019: their own baseline.
        *(
            [period, "", "", "", "", sector, "2019-05-31", "", ""]
            for period in (EARLIER, LATEST)
            for sector in ("ncs_commune", "ncs_village")
        ),
    ],
    "leave_reasons": [
        ["code", "label_vi", "label_en", "basis", "policy_cut", "written_as", "valid_from", "valid_to"],
        ["retired", "Nghỉ hưu", "Retired", "Bộ luật Lao động", "false", "nghỉ hưu", "", ""],
        ["policy_cut", "Tinh giản biên chế", "Policy cut", "NĐ 108/2014/NĐ-CP", "true", "tinh giản", "", ""],
    ],
    "qualification_levels": [
        ["written", "level", "level_order"],
        ["thạc sĩ", "sau đại học", "1"],
        ["tiến sĩ", "sau đại học", "1"],
        ["đại học", "đại học", "2"],
        ["cao đẳng", "cao đẳng", "3"],
    ],
    "assigned_posts": [
        ["unit_code", "year", "staff_type", "assigned_posts", "decision"],
        ["P-NV", "2015", "cbcc", "2", "QĐ 1/QĐ-UBND"],
        ["P-YT", "2015", "cbcc", "2", "QĐ 1/QĐ-UBND"],
        ["S-A", "2015", "vien_chuc", "3", "QĐ 1/QĐ-UBND"],
        ["P-NV", "2021", "cbcc", "3", "QĐ 9/QĐ-UBND"],
        ["S-A", "2021", "vien_chuc", "3", "QĐ 9/QĐ-UBND"],
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
        ["staff_cut_total", "Tổng biên chế đã giảm", "Payroll cut", "", "10", ">=", "Đề án 01-ĐA/TU", ""],
        ["staff_cut_district_agencies", "Giảm ở cơ quan huyện", "District agencies", "", "", "", "", ""],
        ["staff_cut_education", "Giảm viên chức giáo dục", "Education", "", "", "", "", ""],
        ["staff_cut_commune_officials", "Giảm cán bộ, công chức cấp xã", "Commune", "", "", "", "", ""],
        ["units_cut_district_agencies", "Số cơ quan huyện giảm", "Agencies cut", "", "", "", "", ""],
        ["units_cut_schools", "Số trường học giảm", "Schools cut", "", "", "", "", ""],
        ["villages_merged_from", "Số thôn sáp nhập", "Merged from", "", "", "", "", ""],
        ["villages_merged_into", "Số thôn sau sáp nhập", "Merged into", "", "", "", "", ""],
        ["villages_net_cut", "Số thôn giảm", "Villages cut", "", "", "", "", ""],
        ["ncs_commune_cut", "Giảm người không chuyên trách cấp xã", "Commune cut", "", "", "", "", ""],
        ["ncs_village_cut", "Giảm người không chuyên trách ở thôn", "Village cut", "", "", "", "", ""],
        ["r22_achieved_pct", "Tỷ lệ đạt NQ 22 (%)", "R22 achieved", "100", "", ">=", "Nghị quyết 22", ""],
        [
            "villages_over_limit",
            "Thôn vượt định mức",
            "Over quota",
            "0",
            "",
            "<=",
            "NĐ 34/2019/NĐ-CP",
            "2021-12-31",
        ],
        [
            "villages_within_limit_pct",
            "Tỷ lệ thôn không vượt định mức (%)",
            "Within",
            "100",
            "",
            ">=",
            "NĐ 34/2019/NĐ-CP",
            "2021-12-31",
        ],
        [
            "assigned_posts_cut",
            "Biên chế được giao đã giảm",
            "Posts cut",
            "",
            "10",
            ">=",
            "Đề án 01-ĐA/TU",
            "2021-12-31",
        ],
        [
            "payroll_postgraduate_pct",
            "Tỷ lệ có trình độ sau đại học (%)",
            "Postgraduates",
            "",
            "",
            "",
            "",
            "",
        ],
    ],
}

LEAVERS_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị", "Lý do", "Thời điểm nghỉ"]
LEAVERS_HEADER += ["Số quyết định"]
LEAVERS = [
    ["Phạm Văn Hai", "02/02/1971", "Chuyên viên", "Phòng Y tế", "Nghỉ hưu", "01/01/2018", "QĐ 12/QĐ-UBND"],
    [
        "Lý Thị Bốn",
        "04/04/1973",
        "Giáo viên",
        "Trường Tiểu học An Hòa",
        "Tinh giản biên chế",
        "01/09/2020",
        "QĐ 34/QĐ-UBND",
    ],
]
QUALIFIED_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Số CCCD"]
QUALIFIED_HEADER += ["Trình độ chuyên môn"]
QUALIFICATIONS = {"Phạm Văn Một": "Thạc sĩ Quản lý công", "Lý Thị Ba": "Đại học Sư phạm"}


def write_reporting_district(raw: Path, lists: dict = LISTS) -> Path:
    write_district(raw, lists)
    for table, rows in REFERENCE.items():
        with (raw / "reference" / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    _write(raw / "leavers" / f"{AS_OF.isoformat()}" / "nghi-viec.xlsx", "UBND HUYỆN THỬ NGHIỆM", AS_OF)
    issuer, snapshot, people = lists["2021-11-30/huyen.xlsx"]
    rows = [*title_block(issuer, snapshot), QUALIFIED_HEADER]
    rows += [
        [i, *person[:5], cccd(person[5]), QUALIFICATIONS.get(person[0])] for i, person in enumerate(people, 1)
    ]
    rows.append([f"Tổng cộng: {len(people)} người"])
    WRITERS[".xlsx"](raw / "personnel" / "2021-11-30" / "huyen.xlsx", {"DS": rows})
    return raw


def _write(path: Path, issuer: str, snapshot: date) -> None:
    rows = [*title_block(issuer, snapshot)[:3], ["DANH SÁCH NGƯỜI NGHỈ VIỆC"], LEAVERS_HEADER]
    rows += [[i, *leaver] for i, leaver in enumerate(LEAVERS, 1)]
    WRITERS[".xlsx"](path, {"DS": rows})


__all__ = ["AS_OF", "BASELINE", "EARLIER", "LATEST", "UNEXPLAINED_LEAVER", "write_reporting_district"]
