"""The kinds of units and posts of the benchmark country (country.py), its reference CSVs, and the CSV
writer the bundled district (district.py) shares."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

S21 = dt.date(2021, 11, 30)
OLD, R22_FROM, NCS_COMMUNE_END = "2000-01-01", "2020-01-01", "2025-08-01"
POLICE_END = "2020-01-01"  # commune police chiefs replaced by the regular police

R22_COMMUNE_QUOTA = {1: 10, 2: 9, 3: 8}
NCS92_MAX = {1: 22, 2: 20, 3: 19}
# code, kind, name, size range
AGENCIES = [
    ("PNV", "phòng", "Phòng Nội vụ", (7, 9)),
    ("PTP", "phòng", "Phòng Tư pháp", (4, 5)),
    ("PTCKH", "phòng", "Phòng Tài chính - Kế hoạch", (8, 11)),
    ("PTNMT", "phòng", "Phòng Tài nguyên và Môi trường", (8, 11)),
    ("PLDTBXH", "phòng", "Phòng Lao động - Thương binh và Xã hội", (6, 8)),
    ("PVHTT", "phòng", "Phòng Văn hóa và Thông tin", (4, 6)),
    ("PGDDT", "phòng", "Phòng Giáo dục và Đào tạo", (8, 11)),
    ("PYT", "phòng", "Phòng Y tế", (3, 4)),
    ("PKTHT", "phòng", "Phòng Kinh tế và Hạ tầng", (7, 10)),
    ("PNNPTNT", "phòng", "Phòng Nông nghiệp và Phát triển nông thôn", (6, 8)),
    ("DTT", "đài", "Đài Truyền thanh", (5, 7)),
    ("TTVHTT", "trung tâm", "Trung tâm Văn hóa - Thể thao", (6, 9)),
    ("TKN", "trạm", "Trạm Khuyến nông", (4, 6)),
    ("TTY", "trạm", "Trạm Thú y", (5, 7)),
    ("TTTBVTV", "trạm", "Trạm Trồng trọt và Bảo vệ thực vật", (4, 5)),
    ("BQLDA", "ban", "Ban Quản lý dự án đầu tư xây dựng", (10, 14)),
    ("TTPTQD", "trung tâm", "Trung tâm Phát triển quỹ đất", (7, 10)),
]
SCHOOL_LEVELS = {"MN": "Mầm non", "TH": "Tiểu học", "THCS": "THCS"}

AGENCY_HEADS = {
    "phòng": ("Trưởng phòng", "Phó Trưởng phòng", ["Chuyên viên", "Chuyên viên", "Chuyên viên", "Cán sự"]),
    "đài": ("Trưởng đài", "Phó Trưởng đài", ["Biên tập viên", "Phát thanh viên", "Kỹ thuật viên", "Kế toán"]),
    "trung tâm": ("Giám đốc", "Phó Giám đốc", ["Hướng dẫn viên", "Kỹ thuật viên", "Nhân viên", "Kế toán"]),
    "trạm": ("Trưởng trạm", "Phó Trưởng trạm", ["Kỹ thuật viên", "Kỹ thuật viên", "Kế toán"]),
    "ban": ("Trưởng ban", "Phó Trưởng ban", ["Kỹ thuật viên", "Kỹ thuật viên", "Nhân viên", "Kế toán"]),
}
AGENCY_CBCC = {"Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Cán sự"}
SCHOOL_TITLES = [
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Giáo viên",
    "Tổng phụ trách Đội",
    "Kế toán",
    "Nhân viên văn thư",
    "Nhân viên thư viện",
    "Nhân viên y tế",
    "Nhân viên thiết bị",
]
COMMUNE_CBCC = [
    "Chủ tịch UBND",
    "Bí thư Đảng ủy",
    "Phó Bí thư Đảng ủy",
    "Chủ tịch HĐND",
    "Phó Chủ tịch HĐND",
    "Phó Chủ tịch UBND",
    "Chủ tịch UBMTTQ",
    "Bí thư Đoàn TNCS Hồ Chí Minh",
    "Chủ tịch Hội Liên hiệp Phụ nữ",
    "Chủ tịch Hội Nông dân",
    "Chủ tịch Hội Cựu chiến binh",
    "Chỉ huy trưởng Quân sự",
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
]
COMMUNE_CBCC_EXTRA = [
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Công chức Tài chính - Kế toán",
]
# Commune-level non-specialized posts; the first ones are those kept after the cut.
NCS_COMMUNE = [
    "Văn phòng Đảng ủy",
    "Phó Chỉ huy trưởng Quân sự",
    "Phó Chủ tịch UBMTTQ",
    "Thủ quỹ - Văn thư - Lưu trữ",
    "Cán bộ Kế hoạch - Giao thông - Thủy lợi - Nông lâm ngư nghiệp",
    "Cán bộ Lao động - Thương binh và Xã hội",
    "Phó Bí thư Đoàn TNCS Hồ Chí Minh",
    "Phó Chủ tịch Hội Liên hiệp Phụ nữ",
    "Phó Chủ tịch Hội Nông dân",
    "Phó Chủ tịch Hội Cựu chiến binh",
    "Chủ tịch Hội Người cao tuổi",
    "Chủ tịch Hội Chữ thập đỏ",
    "Cán bộ Tổ chức Đảng",
    "Cán bộ Kiểm tra Đảng",
    "Cán bộ Tuyên giáo",
    "Cán bộ Dân số - Gia đình và Trẻ em",
    "Nhân viên thú y",
    "Nhân viên Đài truyền thanh",
    "Cán bộ Quản lý nhà văn hóa",
]
VILLAGE_THON = [
    "Bí thư Chi bộ",
    "Trưởng thôn",
    "Trưởng Ban công tác Mặt trận",
    "Công an viên",
    "Phó Trưởng thôn",
    "Thôn đội trưởng",
    "Chi hội trưởng Phụ nữ",
    "Chi hội trưởng Nông dân",
    "Chi hội trưởng Cựu chiến binh",
    "Bí thư Chi đoàn",
    "Nhân viên y tế thôn",
    "Cộng tác viên dân số",
]
VILLAGE_TDP = [
    "Bí thư Chi bộ",
    "Tổ trưởng tổ dân phố",
    "Trưởng Ban công tác Mặt trận",
    "Công an viên",
    "Tổ phó tổ dân phố",
    "Phó Bí thư Chi bộ",
    "Chi hội trưởng Phụ nữ",
    "Chi hội trưởng Nông dân",
    "Chi hội trưởng Cựu chiến binh",
    "Bí thư Chi đoàn",
    "Cộng tác viên dân số",
    "Nhân viên y tế thôn",
]


def write_reference(
    out: Path, districts: dict[str, str], communes: dict, villages: dict, orgs: dict, village_quota: dict
) -> dict[str, int]:
    """The reference CSVs of districts (code: name), their communes (each with its district as
    `parent_code`, else the only district), villages, agencies and schools, and explicit village quotas."""
    admin = [
        {"unit_code": code, "level": "district", "kind": "huyện", "name": name, "valid_from": OLD}
        for code, name in districts.items()
    ]
    for c in communes.values():
        admin.append(
            {
                "unit_code": c["code"],
                "level": "commune",
                "kind": c["kind"],
                "name": c["name"],
                "parent_code": c.get("parent_code", next(iter(districts))),
                "commune_type": c["type"],
                "valid_from": OLD,
            }
        )
    admin += [{**v, "level": "village"} for v in villages.values()]
    positions = [
        (t, "cbcc" if t in AGENCY_CBCC else "vien_chuc", "district_agency", "")
        for t in dict.fromkeys(t for h in AGENCY_HEADS.values() for t in (h[0], h[1], *h[2]))
    ]
    positions += [(t, "vien_chuc", "school", "") for t in SCHOOL_TITLES]
    positions += [(t, "cbcc", "commune", "") for t in COMMUNE_CBCC]
    positions += [("Trưởng Công an xã", "cbcc", "commune", POLICE_END)]
    positions += [(t, "ncs", "commune", NCS_COMMUNE_END) for t in NCS_COMMUNE]
    positions += [("Phó Trưởng Công an xã", "ncs", "commune", POLICE_END)]
    positions += [(t, "ncs", "village", "") for t in dict.fromkeys(VILLAGE_THON + VILLAGE_TDP)]
    sectors = [
        (
            "district_agencies",
            "district_agency",
            "cbcc",
            "true",
            "Phòng, ban, cơ quan chuyên môn thuộc UBND huyện",
            "Departments and agencies under the district People's Committee",
        ),
        (
            "district_agencies",
            "district_agency",
            "vien_chuc",
            "true",
            "Phòng, ban, cơ quan chuyên môn thuộc UBND huyện",
            "Departments and agencies under the district People's Committee",
        ),
        (
            "education",
            "school",
            "vien_chuc",
            "true",
            "Viên chức ngành Giáo dục",
            "Education public employees",
        ),
        (
            "commune_officials",
            "commune",
            "cbcc",
            "true",
            "Cán bộ, công chức cấp xã",
            "Commune-level officials and civil servants",
        ),
        (
            "ncs_commune",
            "commune",
            "ncs",
            "false",
            "Người hoạt động không chuyên trách cấp xã",
            "Non-specialized workers at commune level",
        ),
        (
            "ncs_village",
            "village",
            "ncs",
            "false",
            "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
            "Non-specialized workers at village / residential group level",
        ),
    ]
    norms = [("92/2009/NĐ-CP", "commune", t, m, "2010-01-01", "2019-06-25") for t, m in NCS92_MAX.items()]
    for decree, start, end in (
        ("34/2019/NĐ-CP", "2019-06-25", "2023-08-01"),
        ("33/2023/NĐ-CP", "2023-08-01", ""),
    ):
        norms += [(decree, "commune", t, m, start, end) for t, m in ((1, 14), (2, 12), (3, 10))]
        norms.append((decree, "village", "", 3, start, end))
    quotas = [
        (
            c["code"],
            R22_COMMUNE_QUOTA[c["type"]],
            R22_FROM,
            NCS_COMMUNE_END,
            f"Cấp xã, {c['kind']} loại {c['type']}",
        )
        for c in communes.values()
    ]
    quotas += [(code, q, R22_FROM, "", note) for code, (q, note) in village_quota.items()]
    metrics = [
        ("staff_cut_total", "Tổng số biên chế đã tinh giản", "Payroll positions cut, total", "", 10),
        (
            "staff_cut_district_agencies",
            "Tinh giản biên chế các phòng, ban, cơ quan thuộc UBND huyện",
            "Payroll cut in district departments and agencies",
            "",
            "",
        ),
        (
            "staff_cut_education",
            "Tinh giản viên chức ngành Giáo dục",
            "Payroll cut among education public employees",
            "",
            "",
        ),
        (
            "staff_cut_commune_officials",
            "Tinh giản cán bộ, công chức cấp xã",
            "Payroll cut among commune officials and civil servants",
            "",
            "",
        ),
        (
            "units_cut_district_agencies",
            "Số đầu mối phòng, ban, cơ quan thuộc UBND huyện giảm",
            "District departments and agencies cut",
            "",
            "",
        ),
        ("units_cut_schools", "Số trường học giảm", "Schools cut", "", ""),
        ("villages_merged_from", "Số thôn, TDP sáp nhập", "Villages merged (before)", "", ""),
        ("villages_merged_into", "Số thôn, TDP mới sau sáp nhập", "Villages formed by mergers", "", ""),
        ("villages_net_cut", "Số thôn, TDP giảm", "Net reduction in villages", "", ""),
        (
            "ncs_commune_cut",
            "Giảm người hoạt động không chuyên trách cấp xã",
            "Non-specialized workers cut at commune level",
            "",
            "",
        ),
        (
            "ncs_village_cut",
            "Giảm người hoạt động không chuyên trách ở thôn, TDP",
            "Non-specialized workers cut at village level",
            "",
            "",
        ),
        (
            "r22_achieved_pct",
            "Tỷ lệ đạt định mức theo Nghị quyết 22 (%)",
            "Resolution 22 quota achieved (%)",
            100,
            "",
        ),
        (
            "villages_over_limit",
            "Số thôn, TDP vượt định mức người hoạt động không chuyên trách",
            "Villages above their non-specialized quota",
            0,
            "",
        ),
    ]
    tables = {
        "admin_units": (
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
            admin,
        ),
        "org_units": (
            [
                "unit_code",
                "level",
                "kind",
                "name",
                "parent_code",
                "valid_from",
                "valid_to",
                "merged_into",
            ],
            list(orgs.values()),
        ),
        "positions": (
            ["title", "staff_type", "unit_level", "valid_from", "valid_to"],
            [(t, s, u, OLD, e) for t, s, u, e in positions],
        ),
        "sectors": (
            ["sector", "unit_level", "staff_type", "is_payroll", "label_vi", "label_en"],
            sectors,
        ),
        "ncs_norms": (["decree", "level", "commune_type", "max_posts", "valid_from", "valid_to"], norms),
        "r22_quotas": (["unit_code", "quota", "valid_from", "valid_to", "note"], quotas),
        "scorecard_metrics": (
            ["metric", "label_vi", "label_en", "target", "target_pct_of_baseline"],
            metrics,
        ),
    }
    return write_csvs(out, tables)


def write_csvs(out: Path, tables: dict[str, tuple[list[str], list]]) -> dict[str, int]:
    """Each table as reference/<name>.csv (UTF-8, LF); rows are dicts (by column) or sequences."""
    (out / "reference").mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (cols, rows) in tables.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols] if isinstance(r, dict) else list(r))
        (out / "reference" / f"{name}.csv").write_bytes(buf.getvalue().encode("utf-8"))
        counts[name] = len(rows)
    return counts
