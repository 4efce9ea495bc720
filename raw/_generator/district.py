"""The invented Bình Xuyên district over time (2016-2025): its units, posts, norms, periods and reasons,
written as raw/reference/*.csv. Names and compositions are invented where raw/README.md says so; the
legal bases are cited as we understand them (DOMAIN.md asks them checked against the published texts)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .reference import SCHOOL_LEVELS, write_csvs

S16, S19, S21, S25 = dt.date(2016, 11, 30), dt.date(2019, 5, 31), dt.date(2021, 11, 30), dt.date(2025, 11, 30)
OLD, VILLAGE_MERGE, R22_FROM, POLICE_END = "2000-01-01", "2019-08-01", "2020-01-01", "2020-01-01"
REFORM, KCT_PT_END, KCT_END, CAV_END = "2025-07-01", "2025-08-01", "2026-05-31", "2024-07-01"

B_NQ43 = "Nghị quyết 43/NQ-HĐND ngày 12/7/2019 của HĐND tỉnh Vĩnh Phúc (sáp nhập thôn, tổ dân phố)"
B_NQ22 = "Nghị quyết số 22 của HĐND tỉnh Vĩnh Phúc; Nghị định 34/2019/NĐ-CP (hiệu lực 25/6/2019)"
B_LUAT72 = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (hiệu lực 01/7/2025): kết thúc cấp huyện"
B_NQ202 = "Nghị quyết 202/2025/QH15 ngày 12/6/2025: hợp nhất tỉnh Vĩnh Phúc vào tỉnh Phú Thọ từ 01/7/2025"
B_XA2025 = (
    "Sắp xếp đơn vị hành chính cấp xã tỉnh Phú Thọ năm 2025 (Nghị quyết của UBTVQH; "
    "thành phần các xã mới trong dữ liệu này là giả định)"
)
B_HUYEN2025 = (
    "Luật 72/2025/QH15: nhiệm vụ, biên chế của cơ quan cấp huyện chuyển về các xã, phường mới và "
    "cơ quan cấp tỉnh (phân chia trong dữ liệu này là giả định)"
)
B_POLICE = (
    "Luật Công an xã số 06/2018/QH14: Công an chính quy đảm nhiệm các chức danh Công an xã "
    "(ngày hoàn thành ở huyện là giả định)"
)
B_KCT = "Kết luận 163-KL/TW; Công văn 12/CV-BCĐ ngày 20/6/2025: chấm dứt chậm nhất trước 31/5/2026"
B_KCT_PT = "Tỉnh Phú Thọ chấm dứt hoạt động người hoạt động không chuyên trách cấp xã từ 01/8/2025"
B_CAV = (
    "Pháp lệnh Công an xã 2008, Luật Công an xã 2018; Luật Lực lượng tham gia bảo vệ an ninh, trật tự "
    "ở cơ sở số 30/2023/QH15 (hiệu lực 01/7/2024)"
)
B_CBCC2025 = "Luật Cán bộ, công chức số 80/2025/QH15 (hiệu lực 01/7/2025); Nghị định 150/2025/NĐ-CP"

R22_COMMUNE_QUOTA = {1: 10, 2: 9, 3: 8}
NCS92_MAX = {1: 22, 2: 20, 3: 19}
SMALL_VILLAGES = {"GK": "Số 8", "TL": "Bến Lãng", "QL": "Tân Quất", "TP": "Sơn Phong"}  # R22 quota 2

# code, kind, name, commune type, villages before the 2019 mergers, mergers (new name: old names)
COMMUNES = [
    (
        "HC",
        "thị trấn",
        "Hương Canh",
        1,
        "Tiền Phong, Đình Ấm, Hương Ngọc, Tân Lợi, Tân Tiến, "
        "Hợp Lễ, Bãi Dài, Ngọc Canh, Đình Xuyên, Chợ Canh, Tân Bình, Hương Đình",
        {"Tân Hương": ["Chợ Canh", "Hương Đình"]},
    ),
    ("GK", "thị trấn", "Gia Khánh", 2, "Số 1, Số 2, Số 3, Số 4, Số 5, Số 6, Số 7, Số 8", {}),
    (
        "TL",
        "thị trấn",
        "Thanh Lãng",
        1,
        "Xuân Lãng, Yên Lập, Đông Lãng, Tây Lãng, Yên Bình, "
        "Phú Lãng, Thượng Lãng, Xuân Thịnh, Minh Lãng, Bến Lãng",
        {},
    ),
    (
        "BH",
        "xã",
        "Bá Hiến",
        2,
        "Bá Cầu, Núi Bông, Hiến Ngọc, Đồng Đạc, Chợ Bá, Trại Cúp, "
        "Nhân Vực, Ngọc Bảo, Tân Hiến, Đồng Trại, Xuân Bá",
        {"Đồng Tiến": ["Trại Cúp", "Đồng Trại"], "Ngọc Nhân": ["Nhân Vực", "Ngọc Bảo"]},
    ),
    (
        "DD",
        "xã",
        "Đạo Đức",
        1,
        "Yên Lỗ, Lũng Ngoại, Lũng Hạ, Đạo Tú, Can Bi, Mỹ Đức, Tân Mỹ, Đồng Bóng, Tiên Hường",
        {"Lũng Tiến": ["Lũng Ngoại", "Lũng Hạ"]},
    ),
    (
        "HS",
        "xã",
        "Hương Sơn",
        2,
        "Hương Đà, Vĩnh Ninh, Gia Du, Ngọc Sơn, Đồi Sơn, Lạc Trung, Lạc Ý, Sơn Thịnh, Đồng Mương",
        {"Lạc Hồng": ["Lạc Trung", "Lạc Ý"], "Sơn Ngọc": ["Đồi Sơn", "Ngọc Sơn"]},
    ),
    (
        "PX",
        "xã",
        "Phú Xuân",
        2,
        "Xuân Phương, Phú Hậu, Đông Xuân, Phú Trung, Xuân Mỹ, Bảo Phú, Cẩm Xuân, Đồng Phú",
        {"Phú Đồng": ["Phú Trung", "Đồng Phú"]},
    ),
    (
        "QL",
        "xã",
        "Quất Lưu",
        2,
        "Quất Lưu, Ái Văn, Đồi Sim, Nội Lưu, Lưu Quang, Nam Quất, Tân Quất",
        {"Lưu Hòa": ["Nội Lưu", "Lưu Quang"]},
    ),
    (
        "SL",
        "xã",
        "Sơn Lôi",
        1,
        "Trại Mới, Bá Lôi, Xuân Lôi, Lôi Trung, Sơn Hà, Đông Lôi, Gốc Đa, Tam Lộng, Kiến An",
        {"Tam Đa": ["Gốc Đa", "Tam Lộng"]},
    ),
    (
        "TH",
        "xã",
        "Tam Hợp",
        1,
        "Nội Phật, Ngoại Trạch, Hợp Thịnh, Đông Hợp, Tam Hòa, Yên Hợp, Hợp Châu, Vĩnh Hợp",
        {"Hợp Tiến": ["Yên Hợp", "Vĩnh Hợp"]},
    ),
    (
        "TP",
        "xã",
        "Tân Phong",
        2,
        "Tân Phong, Đồng Tâm, Phong Doanh, Tiên Non, Phong Lâm, Phong Châu, Tân An, Sơn Phong",
        {"Phong Tiên": ["Tiên Non", "Phong Lâm"]},
    ),
    (
        "TK",
        "xã",
        "Thiện Kế",
        2,
        "Thiện Kế, Gò Cao, Rừng Sằm, Cầu Mán, Ba Gò, Đồng Giang, Núi Đinh, Bảo Sơn, Hàm Rồng, Tân Long",
        {"Thiện Kế": ["Thiện Kế", "Gò Cao", "Rừng Sằm", "Cầu Mán"]},
    ),
    (
        "TM",
        "xã",
        "Trung Mỹ",
        3,
        "Thanh Lanh, Gia Khau, Vĩnh Thịnh, Đồng Giếng, Trung Mầu, Đồng Băm, Tân Trung, Xuân Trung, Mỹ Sơn",
        {"Trung Hòa": ["Trung Mầu", "Đồng Băm", "Tân Trung"]},
    ),
]
THIEN_KE_HOUSEHOLDS = {"Thiện Kế": 150, "Gò Cao": 139, "Rừng Sằm": 128, "Cầu Mán": 140}

# The communes of 1 Jul 2025 (invented names and composition): code, kind, name, old communes.
# Bá Hiến is split: its first villages (and its kindergarten) go to Gia Sơn, the rest to Thiện Hợp.
NEW_COMMUNES = [
    ("PT-TCANH", "phường", "Tân Canh", ["HC", "TP", "SL"]),
    ("PT-GSON", "xã", "Gia Sơn", ["GK", "HS", "TM"]),
    ("PT-THOP", "xã", "Thiện Hợp", ["TK", "TH", "QL"]),
    ("PT-DXUAN", "xã", "Đạo Xuân", ["TL", "PX", "DD"]),
]
SPLIT = ("BH", "PT-GSON", "PT-THOP", 6)  # commune, first successor (its first 6 villages), second

# District agencies of 2016: code, kind, name, people in 2016, head, deputy, staff titles.
PHONG = ("Trưởng phòng", "Phó Trưởng phòng", ["Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự"])
AGENCIES = [
    ("PNV", "phòng", "Phòng Nội vụ", 8, *PHONG),
    ("PTP", "phòng", "Phòng Tư pháp", 4, *PHONG),
    ("PTCKH", "phòng", "Phòng Tài chính - Kế hoạch", 10, *PHONG),
    ("PTNMT", "phòng", "Phòng Tài nguyên và Môi trường", 9, *PHONG),
    ("PLDTBXH", "phòng", "Phòng Lao động - Thương binh và Xã hội", 7, *PHONG),
    ("PVHTT", "phòng", "Phòng Văn hóa và Thông tin", 5, *PHONG),
    ("PGDDT", "phòng", "Phòng Giáo dục và Đào tạo", 10, *PHONG),
    ("PYT", "phòng", "Phòng Y tế", 3, *PHONG),
    ("PKTHT", "phòng", "Phòng Kinh tế và Hạ tầng", 8, *PHONG),
    ("PNNPTNT", "phòng", "Phòng Nông nghiệp và Phát triển nông thôn", 7, *PHONG),
    ("TTR", "thanh tra", "Thanh tra huyện", 6, "Chánh Thanh tra", "Phó Chánh Thanh tra", ["Thanh tra viên"]),
    (
        "VP",
        "văn phòng",
        "Văn phòng HĐND và UBND",
        12,
        "Chánh Văn phòng",
        "Phó Chánh Văn phòng",
        ["Chuyên viên", "Chuyên viên", "Cán sự", "Chuyên viên chính"],
    ),
    (
        "TTVHTTTT",
        "trung tâm",
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        9,
        "Giám đốc",
        "Phó Giám đốc",
        ["Biên tập viên", "Phát thanh viên", "Kỹ thuật viên", "Hướng dẫn viên", "Kế toán"],
    ),
    (
        "TTDVNN",
        "trung tâm",
        "Trung tâm Dịch vụ nông nghiệp",
        10,
        "Giám đốc",
        "Phó Giám đốc",
        ["Kỹ thuật viên", "Kỹ thuật viên", "Kế toán"],
    ),
    (
        "BQLDA",
        "ban",
        "Ban Quản lý dự án đầu tư xây dựng",
        12,
        "Trưởng ban",
        "Phó Trưởng ban",
        ["Kỹ thuật viên", "Kỹ thuật viên", "Kế toán"],
    ),
    (
        "TTPTQD",
        "trung tâm",
        "Trung tâm Phát triển quỹ đất",
        8,
        "Giám đốc",
        "Phó Giám đốc",
        ["Kỹ thuật viên", "Kế toán"],
    ),
]
CIVIL_KINDS = {"phòng", "thanh tra", "văn phòng"}  # công chức; the others are public-service units
# The four departments cut in 2016-2021 (invented): merged into another (old, into, date), or two into
# a new one.
AGENCY_MERGERS = [
    ("PYT", "PVHTT", "2018-01-01"),
    ("PTP", "VP", "2019-07-01"),
    ("PLDTBXH", "PNV", "2020-07-01"),
]
NEW_AGENCIES = [("PKT", "phòng", "Phòng Kinh tế", "2019-01-01", ["PKTHT", "PNNPTNT"])]
SCHOOL_MERGERS = {"QL": "2018-08-01", "TM": "2019-08-01", "HS": "2020-08-01"}  # TH + THCS
PROVINCE_BODY = ("PT-SNV", "sở", "Sở Nội vụ tỉnh Phú Thọ")

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
COMMUNE_ELECTED = [
    "Bí thư Đảng ủy",
    "Phó Bí thư Đảng ủy",
    "Chủ tịch HĐND",
    "Phó Chủ tịch HĐND",
    "Chủ tịch UBND",
    "Phó Chủ tịch UBND",
    "Chủ tịch UBMTTQ",
    "Bí thư Đoàn TNCS Hồ Chí Minh",
    "Chủ tịch Hội Liên hiệp Phụ nữ",
    "Chủ tịch Hội Nông dân",
    "Chủ tịch Hội Cựu chiến binh",
    "Chỉ huy trưởng Quân sự",
]
COMMUNE_CIVIL = [  # commune civil servants' titles, ended by the 2025 law
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
]
# 2016 commune officials: every elected post and civil servant, then second holders, in this order
COMMUNE_2016 = [
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
    *COMMUNE_CIVIL,
]
COMMUNE_2016_EXTRA = [
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Công chức Tài chính - Kế toán",
]
# Commune titles of 1 Jul 2025 (the new communes' offices); the phường has its own economic office.
NEW_COMMUNE_TITLES = [
    "Chánh Văn phòng HĐND và UBND",
    "Phó Chánh Văn phòng HĐND và UBND",
    "Trưởng phòng Kinh tế",
    "Phó Trưởng phòng Kinh tế",
    "Trưởng phòng Kinh tế, Hạ tầng và Đô thị",
    "Phó Trưởng phòng Kinh tế, Hạ tầng và Đô thị",
    "Trưởng phòng Văn hóa - Xã hội",
    "Phó Trưởng phòng Văn hóa - Xã hội",
    "Chuyên viên",
]
PROVINCE_TITLES = [
    "Giám đốc Sở",
    "Phó Giám đốc Sở",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chuyên viên chính",
    "Chuyên viên",
]
# Commune-level non-specialized posts: kept by Resolution 22 (the first 8-10, by commune type), then
# those it ended on 1 Jan 2020.
NCS_KEPT = [
    "Văn phòng Đảng ủy",
    "Phó Chỉ huy trưởng Quân sự",
    "Phó Chủ tịch UBMTTQ",
    "Thủ quỹ - Văn thư - Lưu trữ",
    "Cán bộ Kế hoạch - Giao thông - Thủy lợi - Nông lâm ngư nghiệp",
    "Cán bộ Lao động - Thương binh và Xã hội",
    "Phó Chủ tịch Hội Liên hiệp Phụ nữ",
    "Phó Chủ tịch Hội Nông dân",
    "Phó Bí thư Đoàn TNCS Hồ Chí Minh",
    "Phó Chủ tịch Hội Cựu chiến binh",
]
NCS_ENDED = [
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
# Village posts: the three of Decree 34/2019, then the others paid until Resolution 22 (1 Jan 2020).
VILLAGE_THREE = {"thôn": ["Bí thư Chi bộ", "Trưởng thôn", "Trưởng Ban công tác Mặt trận"]}
VILLAGE_THREE["tổ dân phố"] = ["Bí thư Chi bộ", "Tổ trưởng tổ dân phố", "Trưởng Ban công tác Mặt trận"]
VILLAGE_ENDED = {
    "thôn": [
        "Phó Trưởng thôn",
        "Thôn đội trưởng",
        "Chi hội trưởng Phụ nữ",
        "Chi hội trưởng Nông dân",
        "Chi hội trưởng Cựu chiến binh",
        "Bí thư Chi đoàn",
        "Nhân viên y tế thôn",
        "Cộng tác viên dân số",
    ],
    "tổ dân phố": [
        "Tổ phó tổ dân phố",
        "Phó Bí thư Chi bộ",
        "Chi hội trưởng Phụ nữ",
        "Chi hội trưởng Nông dân",
        "Chi hội trưởng Cựu chiến binh",
        "Bí thư Chi đoàn",
        "Cộng tác viên dân số",
        "Nhân viên y tế thôn",
    ],
}
CAV, ANTT = "Công an viên", "Tổ trưởng Tổ bảo vệ an ninh, trật tự"


def iso(day: dt.date | str) -> str:
    return day if isinstance(day, str) else day.isoformat()


def in_force(row: dict, day: dt.date) -> bool:
    d = iso(day)
    return row["valid_from"] <= d and not (row.get("valid_to") and row["valid_to"] <= d)


class District:
    """The units of Bình Xuyên and what followed it, each a list of dated versions (rows)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.admin: list[dict] = []
        self.orgs: list[dict] = []
        self.successions: list[tuple] = []
        self.village_quota: dict[str, tuple[int, str]] = {}
        self.communes = {
            c[0]: {"code": f"BX-{c[0]}", "kind": c[1], "name": c[2], "type": c[3]} for c in COMMUNES
        }
        self.new_of = {old: code for code, _k, _n, olds in NEW_COMMUNES for old in olds}
        self.new_communes = {code: {"code": code, "kind": k, "name": n} for code, k, n, _o in NEW_COMMUNES}
        self._admin("PT", "province", "tỉnh", "Phú Thọ", valid_from=OLD)
        self._admin("VP", "province", "tỉnh", "Vĩnh Phúc", valid_from=OLD, valid_to=REFORM)
        self.admin[-1].update(merged_into="PT", basis=B_NQ202)
        self._admin(
            "BX", "district", "huyện", "Bình Xuyên", "VP", valid_from=OLD, valid_to=REFORM, basis=B_LUAT72
        )
        for code, kind, name, _olds in NEW_COMMUNES:
            self._admin(code, "commune", kind, name, "PT", commune_type=1, valid_from=REFORM, basis=B_XA2025)
            self.successions.append(("BX", code, REFORM, B_LUAT72, "Địa bàn huyện Bình Xuyên cũ"))
        for short, kind, name, ctype, names, mergers in COMMUNES:
            code = f"BX-{short}"
            row = self._admin(code, "commune", kind, name, "BX", commune_type=ctype, valid_from=OLD)
            row.update(valid_to=REFORM, basis=B_XA2025)
            if short == SPLIT[0]:
                for succ in SPLIT[1:3]:
                    note = f"Xã {name} chia về xã {self.new_communes[succ]['name']} (giả định)"
                    self.successions.append((code, succ, REFORM, B_XA2025, note))
            else:
                row["merged_into"] = self.new_of[short]
            self._villages(short, kind, names, mergers)
        for code, kind, name, _n, *_t in AGENCIES:
            self._org(f"BX-{code}", "district_agency", kind, name, "BX", OLD, REFORM)
        for code, kind, name, start, olds in NEW_AGENCIES:
            self._org(f"BX-{code}", "district_agency", kind, name, "BX", start, REFORM)
            for old in olds:
                self.org(f"BX-{old}").update(
                    valid_to=start, merged_into=f"BX-{code}", basis=self._merge_basis(start)
                )
        for old, into, start in AGENCY_MERGERS:
            self.org(f"BX-{old}").update(
                valid_to=start, merged_into=f"BX-{into}", basis=self._merge_basis(start)
            )
        code, kind, name = PROVINCE_BODY
        self._org(code, "province_agency", kind, name, "PT", REFORM, basis=B_NQ202)
        for row in [r for r in self.orgs if r["level"] == "district_agency" and r["valid_to"] == REFORM]:
            row["basis"] = B_LUAT72
            for succ in [*self.new_communes, code]:
                self.successions.append((row["unit_code"], succ, REFORM, B_HUYEN2025, ""))
        for short, c in self.communes.items():
            for lv, label in SCHOOL_LEVELS.items():
                end = SCHOOL_MERGERS.get(short) if lv != "MN" else None
                self._school(f"BX-{short}-{lv}", f"Trường {label} {c['name']}", short, OLD, end)
        for short, start in SCHOOL_MERGERS.items():
            new = f"BX-{short}-THTHCS"
            self._school(new, f"Trường Tiểu học và THCS {self.communes[short]['name']}", short, start, None)
            for lv in ("TH", "THCS"):
                self.org(f"BX-{short}-{lv}").update(
                    merged_into=new, basis=f"Quyết định của UBND huyện (sáp nhập trường, {start})"
                )

    # -- building -------------------------------------------------------------------------------

    def _admin(self, code, level, kind, name, parent="", **kw) -> dict:
        row = {"unit_code": code, "level": level, "kind": kind, "name": name, "parent_code": parent}
        row.update({"valid_to": "", "merged_into": "", "basis": "", **kw})
        self.admin.append(row)
        return row

    def _org(self, code, level, kind, name, parent, start, end="", basis="") -> dict:
        row = {"unit_code": code, "level": level, "kind": kind, "name": name, "parent_code": parent}
        row.update(valid_from=start, valid_to=end or "", merged_into="", basis=basis)
        self.orgs.append(row)
        return row

    @staticmethod
    def _merge_basis(start: str) -> str:
        return f"Quyết định của UBND huyện Bình Xuyên theo Đề án 01-ĐA/TU (sáp nhập từ {start}; giả định)"

    def _school(self, code, name, short, start, end):
        """A school under its commune, and from 1 Jul 2025 under the commune that took it over."""
        new = self._new_commune_of_unit(short, code)
        row = self._org(code, "school", "trường", name, f"BX-{short}", start, end or REFORM)
        if end:
            return
        row["basis"] = B_XA2025
        self._org(code, "school", "trường", name, new, REFORM, basis=B_XA2025)

    def _new_commune_of_unit(self, short: str, code: str) -> str:
        if short != SPLIT[0]:
            return self.new_of[short]
        return SPLIT[1] if code.endswith("-MN") else SPLIT[2]

    def _villages(self, short, kind, names, mergers):
        vkind = "tổ dân phố" if kind == "thị trấn" else "thôn"
        olds = [n.strip() for n in names.split(",")]
        made = []
        for i, vname in enumerate(olds, 1):
            hh = THIEN_KE_HOUSEHOLDS.get(vname) if short == "TK" else None
            small = SMALL_VILLAGES.get(short) == vname
            hh = hh or (self.rng.randint(55, 95) if small else self.rng.randint(110, 440))
            code = f"BX-{short}-{i:02d}"
            made.append(
                self._admin(code, "village", vkind, vname, f"BX-{short}", households=hh, valid_from=OLD)
            )
            if small:
                self.village_quota[code] = (2, "Thôn, TDP dưới 100 hộ")
        for j, (new, members) in enumerate(mergers.items(), len(olds) + 1):
            code = f"BX-{short}-{j:02d}"
            hh = 0
            for v in made:
                if v["name"] in members and not v["valid_to"]:
                    v.update(valid_to=VILLAGE_MERGE, merged_into=code, basis=B_NQ43)
                    hh += v["households"]
            made.append(
                self._admin(
                    code, "village", vkind, new, f"BX-{short}", households=hh, valid_from=VILLAGE_MERGE
                )
            )
            made[-1]["basis"] = B_NQ43
            if short == "TK":
                self.village_quota[code] = (3, f"Thôn sáp nhập năm 2019 ({hh} hộ)")
        alive = [v for v in made if not v["valid_to"]]
        for k, v in enumerate(alive):
            new = self.new_of.get(short) or (SPLIT[1] if k < SPLIT[3] else SPLIT[2])
            v.update(valid_to=REFORM, basis="; ".join(filter(None, (v["basis"], B_XA2025))))
            self.admin.append(
                {**v, "parent_code": new, "valid_from": REFORM, "valid_to": "", "basis": B_XA2025}
            )

    # -- questions ------------------------------------------------------------------------------

    def org(self, code: str, day: dt.date | None = None) -> dict:
        rows = [r for r in self.orgs if r["unit_code"] == code and (day is None or in_force(r, day))]
        return rows[-1] if day is None else rows[0]

    def admin_row(self, code: str, day: dt.date | None = None) -> dict:
        rows = [r for r in self.admin if r["unit_code"] == code and (day is None or in_force(r, day))]
        return rows[0] if day is not None else rows[-1]

    def villages_at(self, parent: str, day: dt.date) -> list[str]:
        """Codes of the villages under a commune (its code, or short code) on a day."""
        parent = parent if parent.startswith(("BX-", "PT-")) else f"BX-{parent}"
        return [
            r["unit_code"]
            for r in self.admin
            if r["level"] == "village" and r["parent_code"] == parent and in_force(r, day)
        ]

    def village_quota_at(self, code: str) -> int:
        return self.village_quota.get(code, (3, ""))[0]

    def agencies_at(self, day: dt.date) -> list[str]:
        return [r["unit_code"] for r in self.orgs if r["level"] == "district_agency" and in_force(r, day)]

    def schools_at(self, day: dt.date) -> list[str]:
        return [r["unit_code"] for r in self.orgs if r["level"] == "school" and in_force(r, day)]

    def name(self, code: str) -> str:
        for rows in (self.orgs, self.admin):
            for r in reversed(rows):
                if r["unit_code"] == code:
                    return r["name"]
        raise KeyError(code)

    def label(self, code: str) -> str:
        """'xã Thiện Kế', 'thôn Gò Cao', 'Phòng Nội vụ'."""
        for r in reversed(self.admin):
            if r["unit_code"] == code:
                return f"{r['kind']} {r['name']}"
        return self.name(code)

    # -- writing --------------------------------------------------------------------------------

    def write_reference(self, out: Path, posts: list[tuple]) -> dict[str, int]:
        return write_csvs(out, reference_tables(self, posts))


def positions() -> list[tuple]:
    """(title, staff_type, unit_level, valid_from, valid_to, area_code, ended_by, basis)."""
    rows = []
    civil = dict.fromkeys(t for a in AGENCIES if a[1] in CIVIL_KINDS for t in (a[4], a[5], *a[6]))
    public = dict.fromkeys(t for a in AGENCIES if a[1] not in CIVIL_KINDS for t in (a[4], a[5], *a[6]))
    rows += [(t, "cbcc", "district_agency", OLD, "", "", "", "") for t in civil]
    rows += [(t, "vien_chuc", "district_agency", OLD, "", "", "", "") for t in public if t not in civil]
    rows += [(t, "cbcc", "province_agency", REFORM, "", "", "", B_CBCC2025) for t in PROVINCE_TITLES]
    rows += [(t, "vien_chuc", "school", OLD, "", "", "", "") for t in SCHOOL_TITLES]
    rows += [(t, "cbcc", "commune", OLD, "", "", "", "") for t in COMMUNE_ELECTED]
    rows += [(t, "cbcc", "commune", OLD, REFORM, "", "", B_CBCC2025) for t in COMMUNE_CIVIL]
    rows += [("Trưởng Công an xã", "cbcc", "commune", OLD, POLICE_END, "", "chuyen_giao_chuc_nang", B_POLICE)]
    rows += [(t, "cbcc", "commune", REFORM, "", "", "", B_CBCC2025) for t in NEW_COMMUNE_TITLES]
    for t in NCS_KEPT:
        rows.append((t, "ncs", "commune", OLD, KCT_END, "", "cham_dut_kct_cap_xa", B_KCT))
        rows.append((t, "ncs", "commune", OLD, KCT_PT_END, "PT", "cham_dut_kct_cap_xa", B_KCT_PT))
    rows += [(t, "ncs", "commune", OLD, R22_FROM, "", "sap_xep_nq22", B_NQ22) for t in NCS_ENDED]
    rows += [
        ("Phó Trưởng Công an xã", "ncs", "commune", OLD, POLICE_END, "", "chuyen_giao_chuc_nang", B_POLICE)
    ]
    three = dict.fromkeys(VILLAGE_THREE["thôn"] + VILLAGE_THREE["tổ dân phố"])
    rows += [(t, "ncs", "village", OLD, "", "", "", B_NQ22) for t in three]
    for t in dict.fromkeys(VILLAGE_ENDED["thôn"] + VILLAGE_ENDED["tổ dân phố"]):
        rows.append((t, "ncs", "village", OLD, R22_FROM, "", "sap_xep_nq22", B_NQ22))
        rows.append(
            (
                t,
                "khac",
                "village",
                R22_FROM,
                "",
                "",
                "",
                B_NQ22 + ": không còn là người hoạt động không chuyên trách",
            )
        )
    rows.append((CAV, "khac", "village", OLD, CAV_END, "", "chuyen_luc_luong_antt", B_CAV))
    rows.append((ANTT, "khac", "village", CAV_END, "", "", "", B_CAV))
    return rows


SECTORS = [
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
    ("education", "school", "vien_chuc", "true", "Viên chức ngành Giáo dục", "Education public employees"),
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
    (
        "village_others",
        "village",
        "khac",
        "false",
        "Người tham gia công việc ở thôn, tổ dân phố (ngoài định mức)",
        "Other village workers, outside the quotas (non-payroll)",
    ),
    ("province_agencies", "province_agency", "cbcc", "true", "Cơ quan, đơn vị cấp tỉnh", "Province agencies"),
    (
        "province_agencies",
        "province_agency",
        "vien_chuc",
        "true",
        "Cơ quan, đơn vị cấp tỉnh",
        "Province agencies",
    ),
]

B_DEAN = "Đề án số 01-ĐA/TU ngày 30/11/2016 của Ban Thường vụ Tỉnh ủy Vĩnh Phúc"
DE_AN = ("de_an_01", "Đề án 01 (2016 - 2021)", "Scheme 01 (2016-2021)", B_DEAN, "BX")
REFORM_PERIOD = (
    "sap_xep_2025",
    "Sắp xếp tổ chức bộ máy năm 2025",
    "The 2025 reorganisation",
    f"{B_LUAT72}; {B_NQ202}",
    "BX",
)
REPORTING_PERIODS = [
    (*DE_AN, "", "2016-11-30", "2021-11-30", "2015"),
    (*DE_AN, "ncs_commune", "2019-05-31", "2021-11-30", ""),
    (*DE_AN, "ncs_village", "2019-05-31", "2021-11-30", ""),
    (*DE_AN, "village_others", "2019-05-31", "2021-11-30", ""),
    (*REFORM_PERIOD, "", "2025-06-30", "", ""),
]

B_108 = "Nghị định 108/2014/NĐ-CP (sửa đổi bởi 113/2018/NĐ-CP, 143/2020/NĐ-CP)"
B_29 = "Nghị định 29/2023/NĐ-CP"
B_154 = "Nghị định 154/2025/NĐ-CP"
B_178 = "Nghị định 178/2024/NĐ-CP (sửa đổi bởi Nghị định 67/2025/NĐ-CP)"
B_AGE = "Bộ luật Lao động 2012; từ 2021 Bộ luật Lao động 2019 và Nghị định 135/2020/NĐ-CP"
CUT_DECREES = [
    (B_108, "2015-01-06", "2023-07-20"),
    (B_29, "2023-07-20", "2025-06-15"),
    (B_154, "2025-06-15", ""),
]
LEAVE_REASONS = [
    # code, label_vi, label_en, basis, policy_cut, written_as, per decree of CUT_DECREES
    (
        "nghi_huu",
        "Nghỉ hưu (đủ tuổi)",
        "Retired at the statutory age",
        B_AGE,
        "false",
        "nghỉ hưu; nghỉ hưu theo chế độ; nghỉ hưu đúng tuổi; đủ tuổi nghỉ hưu",
        False,
    ),
    (
        "tinh_gian_huu_truoc_tuoi",
        "Tinh giản biên chế: nghỉ hưu trước tuổi",
        "Staff cut: early retirement",
        "",
        "true",
        "nghỉ hưu trước tuổi; về hưu trước tuổi",
        True,
    ),
    (
        "tinh_gian_thoi_viec_ngay",
        "Tinh giản biên chế: thôi việc ngay",
        "Staff cut: immediate resignation",
        "",
        "true",
        "thôi việc ngay",
        True,
    ),
    (
        "tinh_gian_hoc_nghe",
        "Tinh giản biên chế: thôi việc sau khi đi học nghề",
        "Staff cut: resignation after vocational training",
        "",
        "true",
        "thôi việc sau khi đi học nghề; đi học nghề",
        True,
    ),
    (
        "thoi_viec",
        "Thôi việc theo nguyện vọng",
        "Resigned",
        "Luật Cán bộ, công chức; Luật Viên chức",
        "false",
        "thôi việc; xin thôi việc; thôi việc theo nguyện vọng; xin nghỉ",
        False,
    ),
    (
        "chuyen_cong_tac",
        "Chuyển công tác ra ngoài địa bàn",
        "Transferred out of the area",
        "",
        "false",
        "chuyển công tác; chuyển công tác ra ngoài huyện; chuyển công tác ra ngoài tỉnh",
        False,
    ),
    ("tu_tran", "Từ trần", "Died", "", "false", "từ trần; đã từ trần; qua đời", False),
    (
        "buoc_thoi_viec",
        "Kỷ luật buộc thôi việc",
        "Dismissed",
        "Nghị định 112/2020/NĐ-CP",
        "false",
        "buộc thôi việc; kỷ luật buộc thôi việc",
        False,
    ),
    (
        "sap_xep_nq22",
        "Thôi đảm nhiệm chức danh do sắp xếp theo Nghị quyết 22",
        "Post ended by the Resolution 22 arrangement",
        B_NQ22,
        "true",
        "thôi đảm nhiệm chức danh do sắp xếp theo nghị quyết 22; sắp xếp theo nghị quyết 22; "
        "bố trí kiêm nhiệm",
        False,
    ),
    (
        "sap_xep_thon",
        "Thôi đảm nhiệm do sáp nhập thôn, tổ dân phố",
        "Post ended by a village merger",
        B_NQ43,
        "true",
        "sáp nhập thôn; sáp nhập thôn, tổ dân phố",
        False,
    ),
    (
        "het_nhiem_ky",
        "Hết nhiệm kỳ, không tái cử",
        "Term ended, not re-elected",
        "Thông tư 04/2012/TT-BNV",
        "false",
        "hết nhiệm kỳ; hết nhiệm kỳ không tái cử",
        False,
    ),
    (
        "chuyen_giao_chuc_nang",
        "Chuyển giao chức năng cho Công an chính quy",
        "Function handed to the regular police",
        B_POLICE,
        "false",
        "chuyển giao cho công an chính quy",
        False,
    ),
    (
        "chuyen_luc_luong_antt",
        "Chuyển sang lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "Moved to the grassroots security force",
        B_CAV,
        "false",
        "tổ bảo vệ an ninh trật tự",
        False,
    ),
    (
        "nghi_huu_truoc_tuoi_178",
        "Nghỉ hưu trước tuổi do sắp xếp tổ chức bộ máy",
        "Early retirement in the 2025 reorganisation",
        B_178,
        "true",
        "nghỉ hưu trước tuổi theo nđ 178; nghỉ hưu trước tuổi theo nghị định 178",
        False,
    ),
    (
        "thoi_viec_178",
        "Thôi việc do sắp xếp tổ chức bộ máy",
        "Resigned in the 2025 reorganisation",
        B_178,
        "true",
        "thôi việc theo nđ 178; thôi việc theo nghị định 178",
        False,
    ),
    (
        "cham_dut_kct_cap_xa",
        "Chấm dứt hoạt động người hoạt động không chuyên trách cấp xã",
        "Commune non-specialized posts ended",
        B_KCT,
        "true",
        "chấm dứt hoạt động; nghỉ việc do chấm dứt hoạt động người hoạt động không chuyên trách cấp xã",
        False,
    ),
]

QUALIFICATION_LEVELS = [
    ("Tiến sĩ", "sau đại học", 1),
    ("Thạc sĩ", "sau đại học", 1),
    ("Thạc sỹ", "sau đại học", 1),
    ("ThS", "sau đại học", 1),
    ("Sau đại học", "sau đại học", 1),
    ("Đại học", "đại học", 2),
    ("ĐH", "đại học", 2),
    ("ĐHSP", "đại học", 2),
    ("Cử nhân", "đại học", 2),
    ("Cao đẳng", "cao đẳng", 3),
    ("CĐ", "cao đẳng", 3),
    ("CĐSP", "cao đẳng", 3),
    ("Trung cấp", "trung cấp", 4),
    ("TC", "trung cấp", 4),
    ("Sơ cấp", "sơ cấp", 5),
    ("Chưa qua đào tạo", "chưa qua đào tạo", 6),
    ("Chưa đào tạo", "chưa qua đào tạo", 6),
]

METRICS = [
    # metric, label_vi, label_en, target, pct, comparison, basis, due, valid_from, valid_to
    (
        "staff_cut_total",
        "Giảm biên chế (thực giảm), tổng số",
        "Payroll staff, net reduction in people",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "staff_cut_district_agencies",
        "Giảm biên chế (thực giảm) các phòng, ban, cơ quan thuộc UBND huyện",
        "Net reduction in people, district departments and agencies",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "staff_cut_education",
        "Giảm biên chế (thực giảm) viên chức ngành Giáo dục",
        "Net reduction in people, education public employees",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "staff_cut_commune_officials",
        "Giảm biên chế (thực giảm) cán bộ, công chức cấp xã",
        "Net reduction in people, commune officials and civil servants",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "units_cut_district_agencies",
        "Số đầu mối phòng, ban, cơ quan thuộc UBND huyện giảm",
        "District departments and agencies cut",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    ("units_cut_schools", "Số trường học giảm", "Schools cut", "", "", "", "", "", "", ""),
    (
        "villages_merged_from",
        "Số thôn, TDP sáp nhập",
        "Villages merged (before)",
        "",
        "",
        "",
        B_NQ43,
        "",
        "",
        "",
    ),
    (
        "villages_merged_into",
        "Số thôn, TDP mới sau sáp nhập",
        "Villages formed by mergers",
        "",
        "",
        "",
        B_NQ43,
        "",
        "",
        "",
    ),
    ("villages_net_cut", "Số thôn, TDP giảm", "Net reduction in villages", "", "", "", "", "", "", ""),
    (
        "ncs_commune_cut",
        "Giảm người hoạt động không chuyên trách cấp xã",
        "Non-specialized workers cut at commune level",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "ncs_village_cut",
        "Giảm người hoạt động không chuyên trách ở thôn, TDP",
        "Non-specialized workers cut at village level",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "r22_achieved_pct",
        "Tỷ lệ đạt định mức theo Nghị quyết 22 (%)",
        "Resolution 22 quota achieved (%)",
        "100",
        "",
        ">=",
        B_NQ22,
        "2021-12-31",
        "2019-06-25",
        REFORM,
    ),
    (
        "r22_achieved_pct",
        "Tỷ lệ đạt định mức theo Nghị quyết 22 (%)",
        "Resolution 22 quota achieved (%)",
        "",
        "",
        "",
        "",
        "",
        REFORM,
        "",
    ),
    (
        "villages_over_limit",
        "Số thôn, TDP có quá định mức người hoạt động không chuyên trách",
        "Villages above their non-specialized quota",
        "0",
        "",
        "<=",
        B_NQ22 + ": đến hết năm 2021 mỗi thôn, TDP không quá 3 người",
        "2021-12-31",
        "2019-06-25",
        "2023-08-01",
    ),
    (
        "villages_over_limit",
        "Số thôn, TDP có quá định mức người hoạt động không chuyên trách",
        "Villages above their non-specialized quota",
        "0",
        "",
        "<=",
        "Nghị định 33/2023/NĐ-CP",
        "",
        "2023-08-01",
        "",
    ),
    (
        "villages_within_limit_pct",
        "Tỷ lệ thôn, TDP trong định mức (%)",
        "Villages within their quota (%)",
        "100",
        "",
        ">=",
        B_NQ22,
        "2021-12-31",
        "2019-06-25",
        "2023-08-01",
    ),
    (
        "villages_within_limit_pct",
        "Tỷ lệ thôn, TDP trong định mức (%)",
        "Villages within their quota (%)",
        "100",
        "",
        ">=",
        "Nghị định 33/2023/NĐ-CP",
        "",
        "2023-08-01",
        "",
    ),
    (
        "assigned_posts_cut",
        "Số biên chế được giao giảm so với năm gốc",
        "Assigned posts cut against the base year",
        "",
        "10",
        ">=",
        B_DEAN + ": giảm ít nhất 10% so với năm 2015",
        "2021-12-31",
        "2016-11-30",
        "2022-01-01",
    ),
    (
        "assigned_posts_cut",
        "Số biên chế được giao giảm so với năm gốc",
        "Assigned posts cut against the base year",
        "",
        "",
        "",
        "",
        "",
        "2022-01-01",
        "",
    ),
    (
        "payroll_postgraduate_pct",
        "Tỷ lệ cán bộ, công chức, viên chức có trình độ sau đại học (%)",
        "Payroll staff with a postgraduate degree (%)",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
]


def reference_tables(d: District, posts: list[tuple]) -> dict[str, tuple[list[str], list]]:
    norms = [("92/2009/NĐ-CP", "commune", t, m, "2010-01-01", "2019-06-25") for t, m in NCS92_MAX.items()]
    for decree, start, end in (
        ("34/2019/NĐ-CP", "2019-06-25", "2023-08-01"),
        ("33/2023/NĐ-CP", "2023-08-01", ""),
    ):
        norms += [(decree, "commune", t, m, start, end) for t, m in ((1, 14), (2, 12), (3, 10))]
        norms.append((decree, "village", "", 3, start, end))
    quotas = [
        (c["code"], R22_COMMUNE_QUOTA[c["type"]], R22_FROM, REFORM, f"Cấp xã, {c['kind']} loại {c['type']}")
        for c in d.communes.values()
    ]
    quotas += [(code, q, R22_FROM, REFORM, note) for code, (q, note) in d.village_quota.items()]
    reasons = []
    for code, vi, en, basis, cut, written, by_decree in LEAVE_REASONS:
        since = "2025-01-01" if code.endswith("_178") else ""  # Decree 178/2024 applies from 2025
        for decree, start, end in CUT_DECREES if by_decree else [(basis, since, "")]:
            reasons.append((code, vi, en, decree, cut, written, start, end))
    admin_cols = [
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
        "basis",
    ]
    org_cols = [
        "unit_code",
        "level",
        "kind",
        "name",
        "parent_code",
        "valid_from",
        "valid_to",
        "merged_into",
        "basis",
    ]
    return {
        "admin_units": (admin_cols, d.admin),
        "org_units": (org_cols, d.orgs),
        "unit_successions": (
            ["unit_code", "successor_code", "effective_date", "basis", "note"],
            d.successions,
        ),
        "positions": (
            ["title", "staff_type", "unit_level", "valid_from", "valid_to", "area_code", "ended_by", "basis"],
            positions(),
        ),
        "sectors": (["sector", "unit_level", "staff_type", "is_payroll", "label_vi", "label_en"], SECTORS),
        "ncs_norms": (["decree", "level", "commune_type", "max_posts", "valid_from", "valid_to"], norms),
        "r22_quotas": (["unit_code", "quota", "valid_from", "valid_to", "note"], quotas),
        "scorecard_metrics": (
            [
                "metric",
                "label_vi",
                "label_en",
                "target",
                "target_pct_of_baseline",
                "comparison",
                "basis",
                "due_date",
                "valid_from",
                "valid_to",
            ],
            METRICS,
        ),
        "reporting_periods": (
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
            REPORTING_PERIODS,
        ),
        "leave_reasons": (
            ["code", "label_vi", "label_en", "basis", "policy_cut", "written_as", "valid_from", "valid_to"],
            reasons,
        ),
        "assigned_posts": (["unit_code", "year", "staff_type", "assigned_posts", "decision"], posts),
        "qualification_levels": (["written", "level", "level_order"], QUALIFICATION_LEVELS),
    }
