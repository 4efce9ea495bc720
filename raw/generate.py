"""Generate the bundled Bình Xuyên sample data: raw/reference/*.csv, raw/personnel/** and raw/leavers/**.

    python raw/generate.py [--out raw] [--seed 22]
    python raw/generate.py --out warehouse/bench/100000 --rows 100000   # a country, for benchmarks

Deterministic: one seed gives byte-identical files. The district's units, people and lists are
invented (plausibly); only the totals the article reports are fixed, and they are reached by
construction (pick who is where, then count), never written into any file (raw/README.md).
"""

from __future__ import annotations

import argparse
import random
import shutil
import unicodedata
from pathlib import Path

# Run as a script (python raw/generate.py), so raw/ is on sys.path and _generator importable.
from _generator.country import generate_country
from _generator.district import (
    COMMUNE_CIVIL,
    NEW_COMMUNES,
    PROVINCE_BODY,
    S16,
    S19,
    S21,
    S25,
    District,
)
from _generator.people import Entry, People
from _generator.posts import assigned_posts
from _generator.reference import SCHOOL_LEVELS
from _generator.sheets import HTML, Grid, Sheet, bundle_layout, note_grid, render, write_csv, write_xlsx
from _generator.story import Leave, Story

ACRONYMS = {"UBND", "HĐND", "TNCS", "UBMTTQ", "THCS", "TDP"}
SPELLINGS = {
    "Thạc sĩ": ["Thạc sĩ", "Thạc sĩ", "ThS", "Thạc sỹ"],
    "Đại học": ["Đại học", "Đại học", "Đại học", "ĐH", "Cử nhân"],
    "Cao đẳng": ["Cao đẳng", "Cao đẳng", "CĐ"],
    "Trung cấp": ["Trung cấp", "Trung cấp", "TC"],
    "Sơ cấp": ["Sơ cấp"],
    "Chưa qua đào tạo": ["Chưa qua đào tạo", "Chưa đào tạo"],
}
TEACHER_SPELLINGS = {
    "Đại học": ["Đại học sư phạm", "ĐHSP", "Đại học", "ĐH"],
    "Cao đẳng": ["Cao đẳng sư phạm", "CĐSP", "Cao đẳng"],
    "Trung cấp": ["Trung cấp sư phạm", "Trung cấp"],
}
UNKNOWN_QUALIFICATION = "Kỹ sư thủy lợi"  # a spelling qualification_levels.csv lacks, on purpose
REASON_TEXT = {
    "nghi_huu": ["Nghỉ hưu", "Nghỉ hưu theo chế độ", "Nghỉ hưu đúng tuổi"],
    "tinh_gian_huu_truoc_tuoi": ["Nghỉ hưu trước tuổi"],
    "tinh_gian_thoi_viec_ngay": ["Thôi việc ngay"],
    "tinh_gian_hoc_nghe": ["Thôi việc sau khi đi học nghề"],
    "thoi_viec": ["Thôi việc theo nguyện vọng", "Xin thôi việc"],
    "chuyen_cong_tac": ["Chuyển công tác", "Chuyển công tác ra ngoài huyện"],
    "tu_tran": ["Từ trần", "Đã từ trần"],
    "buoc_thoi_viec": ["Kỷ luật buộc thôi việc"],
    "sap_xep_nq22": ["Thôi đảm nhiệm chức danh do sắp xếp theo Nghị quyết 22"],
    "sap_xep_thon": ["Sáp nhập thôn"],
    "het_nhiem_ky": ["Hết nhiệm kỳ", "Hết nhiệm kỳ, không tái cử"],
    "nghi_huu_truoc_tuoi_178": [
        "Nghỉ hưu trước tuổi theo NĐ 178",
        "Nghỉ hưu trước tuổi theo Nghị định 178/2024/NĐ-CP",
    ],
    "thoi_viec_178": ["Thôi việc theo NĐ 178"],
    "cham_dut_kct_cap_xa": ["Chấm dứt hoạt động từ 01/8/2025"],
}
REASON_TEXT_KIEM = "Bố trí kiêm nhiệm, thôi đảm nhiệm"


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


class Plan:
    """Which lists go in which files, laid out how, with which deliberately wrong rows."""

    def __init__(self, d: District, story: Story, people: People, rng: random.Random):
        self.d, self.story, self.people, self.rng = d, story, people, rng
        self.files: list[tuple[str, str, list]] = []  # (path under raw/, format, sheets)
        self.lists = story.lists

    # -- cells as offices write them -------------------------------------------------------------

    def entry(self, e: Entry, teacher=False) -> Entry:
        """A copy of the entry as a list writes it: the title's and qualification's spelling."""
        rng = self.rng
        over = dict(e.over)
        roll = rng.random()
        if roll < 0.05 and " - " in e.title:
            over["title"] = e.title.replace(" - ", " – ")
        elif roll < 0.09 and " - " in e.title:
            over["title"] = e.title.replace(" - ", "-")
        elif roll < 0.14:
            words = e.title.split()
            over["title"] = " ".join([words[0], *(w if w in ACRONYMS else w.lower() for w in words[1:])])
        level = e.person.qual
        if "qual" not in over:
            if rng.random() < 0.04:
                over["qual"] = ""
            else:
                spell = (TEACHER_SPELLINGS if teacher else {}).get(level) or SPELLINGS[level]
                over["qual"] = rng.choice(spell)
        return Entry(e.person, e.title, e.unit, e.note, e.bad, over)

    def rows(self, entries, teacher=False) -> list[Entry]:
        return [self.entry(e, teacher) for e in entries]

    def wrong(self, title, unit, what, qual="commune", **over) -> Entry:
        return Entry(self.people.new(qual=qual), title, unit, bad=what, over=over)

    def village_label(self, code: str, bare: bool, tdp: str) -> str:
        v = self.d.admin_row(code)
        if bare:
            return v["name"]
        return f"Thôn {v['name']}" if v["kind"] == "thôn" else f"{tdp} {v['name']}"

    @staticmethod
    def folder(kind: str, name: str) -> str:
        prefix = {"thị trấn": "TT", "xã": "Xa", "phường": "Phuong"}[kind]
        return f"{prefix}_{slug(name)}"

    def add(self, path: str, fmt: str, sheets: list) -> list:
        self.files.append((path, fmt, sheets))
        return sheets

    # -- personnel lists ------------------------------------------------------------------------

    def personnel(self) -> None:
        self.agency_lists()
        self.school_lists()
        self.commune_lists()
        self.reform_lists()
        self.add(f"personnel/{S21}/Xuat_tu_phan_mem/DS_CBCC_cap_xa_xuat_web_{S21}.xlsx", "html", [])

    def agency_lists(self) -> None:
        d, rng = self.d, self.rng
        for snap in (S16, S21):
            units = self.lists[snap]["district_agencies"]
            signer = ("TRƯỞNG PHÒNG NỘI VỤ", units["BX-PNV"][0].person.name)
            heads = ("Đơn vị", "Đơn vị công tác")
            groups = [(d.name(u), self.rows(es)) for u, es in units.items() if es]
            if snap == S16:
                ptnmt = next(g for g in groups if g[0] == "Phòng Tài nguyên và Môi trường")[1]
                bad = ptnmt[4]
                bad.bad, bad.over["cccd"] = (
                    "CCCD of 10 digits (the person still counts)",
                    bad.person.cccd[:10],
                )
                farm = next(g for g in groups if g[0] == "Phòng Nông nghiệp và Phát triển nông thôn")[1]
                for e in farm[2:4]:  # an engineer's degree written as offices write it
                    e.over["qual"] = UNKNOWN_QUALIFICATION
                lay = bundle_layout(rng, "merged", heads, ident=True, polit="one", total="cong")
                sheets = [
                    Sheet(
                        "DS CBCCVC",
                        ["UBND HUYỆN BÌNH XUYÊN", "PHÒNG NỘI VỤ"],
                        "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC CÁC PHÒNG, BAN, CƠ QUAN THUỘC UBND HUYỆN",
                        snap,
                        groups,
                        lay,
                        "Bình Xuyên",
                        signer,
                    )
                ]
            else:
                civil = {d.name(u) for u in units if d.org(u)["kind"] in ("phòng", "thanh tra", "văn phòng")}
                cc = [g for g in groups if g[0] in civil]
                vc = [g for g in groups if g[0] not in civil]
                sheets = [
                    Sheet(
                        "Công chức",
                        ["UBND HUYỆN BÌNH XUYÊN"],
                        "DANH SÁCH CÔNG CHỨC CÁC PHÒNG CHUYÊN MÔN THUỘC UBND HUYỆN",
                        snap,
                        cc,
                        bundle_layout(rng, "merged", heads, ident=True, polit="two", title_date=True),
                        "Bình Xuyên",
                        signer,
                    ),
                    Sheet(
                        "Viên chức",
                        ["UBND HUYỆN BÌNH XUYÊN"],
                        "DANH SÁCH VIÊN CHỨC CÁC ĐƠN VỊ SỰ NGHIỆP THUỘC UBND HUYỆN",
                        snap,
                        vc,
                        bundle_layout(rng, "column", heads),
                        "Bình Xuyên",
                        signer,
                    ),
                ]
            self.add(f"personnel/{snap}/UBND_huyen/DS_CBCCVC_phong_ban_{snap}.xlsx", "xlsx", sheets)

    def school_sheet(self, code: str, es: list[Entry], snap, issuer_top: str, commune: str) -> Sheet:
        rng, d = self.rng, self.d
        name = d.name(code)
        short, lv = code.split("-")[1:]
        issuer = [issuer_top, name.upper()] if rng.random() < 0.5 else [name.upper()]
        title = rng.choice(["DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN", "DANH SÁCH VIÊN CHỨC"])
        sheet_name = f"{lv.replace('THTHCS', 'TH&THCS')} {d.communes[short]['name']}"
        return Sheet(
            sheet_name,
            issuer,
            title,
            snap,
            [("", es)],
            bundle_layout(rng),
            commune,
            ("HIỆU TRƯỞNG", es[0].person.name),
        )

    def school_lists(self) -> None:
        d = self.d
        for snap in (S16, S21):
            books: dict[str, list] = {"MN": [], "TH": [], "THCS": []}
            for u, es in self.lists[snap]["education"].items():
                short, lv = u.split("-")[1:]
                rows = self.rows(es, teacher=True)
                if snap == S16 and u == "BX-HS-TH":
                    rows.insert(
                        2 * len(rows) // 3,
                        self.wrong("Giáo viên", u, "empty name with an STT", "school", name=""),
                    )
                sheet = self.school_sheet(u, rows, snap, "PHÒNG GD&ĐT BÌNH XUYÊN", d.communes[short]["name"])
                if snap == S21 and u == "BX-TL-MN":  # a date of birth under both Nam and Nữ
                    sheet.lay = bundle_layout(self.rng, ident=True)
                    if "dob" in sheet.lay.cols:
                        at = sheet.lay.cols.index("dob")
                        sheet.lay.cols[at : at + 2] = ["dob_m", "dob_f"]
                    rows[7].over["both"], rows[7].bad = (
                        True,
                        "date of birth under both Nam and Nữ (still counts)",
                    )
                books["THCS" if lv == "THTHCS" else lv].append(sheet)
            for lv, sheets in books.items():
                if snap == S21 and lv == "TH":
                    sheets.insert(
                        0,
                        note_grid(
                            "Hướng dẫn",
                            [
                                "HƯỚNG DẪN TỔNG HỢP DANH SÁCH VIÊN CHỨC",
                                "1. Mỗi trường nhập danh sách của trường mình vào một sheet riêng.",
                                "2. Giữ nguyên dòng tiêu đề và tên cột, không chèn thêm cột.",
                                "3. Ngày sinh ghi theo định dạng ngày/tháng/năm; số CCCD ghi đủ 12 chữ số.",
                                "4. Gửi lại Phòng Nội vụ qua hộp thư điện tử công vụ.",
                            ],
                        ),
                    )
                self.add(
                    f"personnel/{snap}/Phong_GDDT/DS_vien_chuc_{slug(SCHOOL_LEVELS[lv])}_{snap}.xlsx",
                    "xlsx",
                    sheets,
                )

    def commune_lists(self) -> None:
        d, rng = self.d, self.rng
        for i, (short, c) in enumerate(d.communes.items()):
            folder = self.folder(c["kind"], c["name"])
            ubnd = f"UBND {c['kind'].upper()} {c['name'].upper()}"
            cs = f"{c['kind'].upper()} {c['name'].upper()}"

            def issuer():
                return ["UBND HUYỆN BÌNH XUYÊN", ubnd] if rng.random() < 0.3 else [ubnd]  # noqa: B023

            for snap in (S16, S21):
                es = self.rows(self.lists[snap]["commune_officials"][c["code"]])
                chair = es[0].person.name
                if (short, snap) == ("GK", S21):
                    typo = f"31/02/{es[9].person.dob.year}"  # a day that does not exist
                    es[9].over["dob"], es[9].bad = typo, f"date of birth {typo} (still counts)"
                if (short, snap) == ("TH", S21):  # a CCCD typed as a number: its leading 0 lost
                    es[5].over["cccd"], es[5].bad = (
                        int(es[5].person.cccd),
                        "CCCD typed as a number (still counts)",
                    )
                if (short, snap) == ("DD", S21):
                    es.append(
                        Entry(
                            es[4].person,
                            es[4].title,
                            c["code"],
                            es[4].note,
                            "same person listed twice (later copy)",
                            dict(es[4].over),
                        )
                    )
                ident = True if (short, snap) in {("GK", S21), ("TH", S21)} else None
                lay = bundle_layout(
                    rng,
                    ident=ident,
                    nfd=(short, snap) in {("PX", S16), ("TK", S21)},
                    polit="one" if i % 4 == 1 else None,
                )
                name, fmt = f"DS_CBCC_{slug(c['name'])}_{snap}.xlsx", "xlsx"
                if (short, snap) == ("PX", S16):
                    name, lay.title_date = f"DS_CBCC_{slug(c['name'])}.xlsx", True
                if (short, snap) == ("TM", S16):
                    name, fmt = name.replace(".xlsx", ".csv"), "csv-utf8"
                sheet = Sheet(
                    "CBCC",
                    issuer(),
                    f"DANH SÁCH CÁN BỘ, CÔNG CHỨC {cs}",
                    snap,
                    [("", es)],
                    lay,
                    c["name"],
                    ("CHỦ TỊCH", chair),
                )
                self.add(f"personnel/{snap}/{folder}/{name}", fmt, [sheet])

            for snap in (S19, S21):
                chair = self.lists[S16 if snap == S19 else S21]["commune_officials"][c["code"]][0]
                signer = ("CHỦ TỊCH", chair.person.name)
                nfd = (short, snap) == ("HS", S19)
                ces = self.rows(self.lists[snap]["ncs_commune"][c["code"]])
                if (short, snap) == ("TP", S19):
                    ces.insert(
                        6,
                        self.wrong(
                            "Nhân viên bảo vệ", c["code"], "position title not in positions.csv", "ncs"
                        ),
                    )
                mode = (
                    "column"
                    if (short, snap) in {("SL", S21), ("TM", S19)}
                    else rng.choice(["sections", "column"])
                )
                bare = mode == "column" and rng.random() < 0.4
                heads = ("Thôn, TDP", "Thôn, TDP", "Thôn" if c["kind"] == "xã" else "Tổ dân phố")
                ident = True if (short, snap) == ("TM", S19) else None
                lay_v = bundle_layout(rng, mode, heads, ident=ident, nfd=nfd)
                if bare:
                    up = lay_v.heads["name"].isupper()
                    lay_v.heads["unit"] = heads[2].upper() if up else heads[2]
                if (short, snap) == ("SL", S21) and "dob_m" in lay_v.cols:  # a sex cell that is not one
                    at = lay_v.cols.index("dob_m")
                    lay_v.cols[at : at + 2] = ["dob", "sex"]
                tdp = rng.choice(["TDP", "Tổ dân phố"])
                vgroups = []
                for v in d.villages_at(short, snap):
                    rows = self.rows(
                        self.lists[snap]["ncs_village"].get(v, [])
                        + self.lists[snap]["village_others"].get(v, [])
                    )
                    vgroups.append((self.village_label(v, bare, tdp), rows))
                if (short, snap) == ("TM", S19):
                    victim = next(
                        e for _l, rows in vgroups for e in rows if e.title == "Chi hội trưởng Nông dân"
                    )
                    victim.over["dob"], victim.bad = "không rõ", "date of birth 'không rõ' (still counts)"
                if (short, snap) == ("SL", S21):
                    vgroups[2][1][1].over["sex"] = "x"
                    vgroups[2][1][1].bad = "sex 'x' (still counts)"
                    vgroups.insert(
                        3,
                        (
                            "Thôn Đồng Bến",
                            [
                                self.wrong(
                                    "Trưởng thôn", "", "village 'Thôn Đồng Bến' not in admin_units", "village"
                                )
                            ],
                        ),
                    )
                sc = Sheet(
                    "Cấp xã",
                    issuer(),
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH CẤP XÃ",
                    snap,
                    [("", ces)],
                    bundle_layout(rng, nfd=nfd),
                    c["name"],
                    signer,
                )
                sv = Sheet(
                    "Thôn, TDP",
                    issuer(),
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH Ở THÔN, TỔ DÂN PHỐ",
                    snap,
                    vgroups,
                    lay_v,
                    c["name"],
                    signer,
                )
                two_files = (i + (snap == S21)) % 2 == 1
                two_files = {
                    ("TH", S21): True,
                    ("HS", S21): True,
                    ("QL", S19): False,
                    ("TL", S19): False,
                }.get((short, snap), two_files)
                base = f"personnel/{snap}/{folder}/DS_NHDKCT"
                if not two_files:
                    dated = (short, snap) != ("QL", S19)
                    if not dated:
                        sc.lay.title_date = sv.lay.title_date = True
                    name = f"{base}_{slug(c['name'])}" + (f"_{snap}" if dated else "")
                    self.add(name + ".xlsx", "xlsx", [sc, sv])
                    continue
                self.add(f"{base}_cap_xa_{slug(c['name'])}_{snap}.xlsx", "xlsx", [sc])
                name, fmt = f"{base}_thon_TDP_{slug(c['name'])}_{snap}.xlsx", "xlsx"
                if (short, snap) == ("BH", S19):
                    name, fmt = name.replace(".xlsx", ".csv"), "csv-bom"
                if (short, snap) == ("TH", S21):
                    name, fmt = name.replace(".xlsx", ".csv"), "csv-1258"
                if (short, snap) == ("HS", S21):
                    name, sv.lay.title_date = name.replace(f"_{snap}", ""), True
                self.add(name, fmt, [sv])

    def reform_lists(self) -> None:
        """2025-11-30: each new commune's officials, village workers and schools; the province body."""
        d, rng = self.d, self.rng
        officials = self.lists[S25]["commune_officials"]
        for n, (code, kind, name, _olds) in enumerate(NEW_COMMUNES):
            folder = self.folder(kind, name)
            ubnd = f"UBND {kind.upper()} {name.upper()}"
            es = self.rows(officials[code])
            if n == 2:  # an office still writing a title that ended with the 2025 law
                old = next(
                    e for e in es if e.title == "Chuyên viên" and e.note.startswith("Nguyên Công chức")
                )
                old.over["title"] = next(t for t in COMMUNE_CIVIL if old.note.startswith(f"Nguyên {t}"))
            chair = next(e for e in es if e.title == "Chủ tịch UBND").person.name
            lay = bundle_layout(rng, polit="two" if n == 1 else None, title_date=True)
            sheet = Sheet(
                "CBCC",
                [ubnd],
                f"DANH SÁCH CÁN BỘ, CÔNG CHỨC {kind.upper()} {name.upper()}",
                S25,
                [("", es)],
                lay,
                name,
                ("CHỦ TỊCH", chair),
            )
            self.add(f"personnel/{S25}/{folder}/DS_CBCC_{slug(name)}_{S25}.xlsx", "xlsx", [sheet])
            tdp = rng.choice(["TDP", "Tổ dân phố"])
            vgroups = []
            for v in d.villages_at(code, S25):
                rows = self.rows(self.lists[S25]["ncs_village"][v] + self.lists[S25]["village_others"][v])
                vgroups.append((self.village_label(v, False, tdp), rows))
            lay_v = bundle_layout(rng, "sections", ("Thôn, TDP",), title_date=True)
            sv = Sheet(
                "Thôn, TDP",
                [ubnd],
                "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH VÀ TỔ BẢO VỆ AN NINH, TRẬT TỰ "
                "Ở THÔN, TỔ DÂN PHỐ",
                S25,
                vgroups,
                lay_v,
                name,
                ("CHỦ TỊCH", chair),
            )
            self.add(f"personnel/{S25}/{folder}/DS_NHDKCT_thon_TDP_{slug(name)}_{S25}.xlsx", "xlsx", [sv])
            sheets = []
            for u in d.schools_at(S25):
                if d.org(u, S25)["parent_code"] == code:
                    rows = self.rows(self.lists[S25]["education"][u], teacher=True)
                    sheets.append(self.school_sheet(u, rows, S25, ubnd, name))
            self.add(
                f"personnel/{S25}/{folder}/DS_vien_chuc_truong_hoc_{slug(name)}_{S25}.xlsx", "xlsx", sheets
            )
        body, _kind, body_name = PROVINCE_BODY
        es = self.rows(self.lists[S25]["province_agencies"][body])
        sheet = Sheet(
            "DS",
            [body_name.upper()],
            "DANH SÁCH CÔNG CHỨC SỞ NỘI VỤ",
            S25,
            [("", es)],
            bundle_layout(rng, ident=True, title_date=True),
            "Phú Thọ",
            ("GIÁM ĐỐC", es[0].person.name),
        )
        self.add(f"personnel/{S25}/So_Noi_vu_Phu_Tho/DS_cong_chuc_So_Noi_vu_{S25}.xlsx", "xlsx", [sheet])

    # -- leaver lists ---------------------------------------------------------------------------

    def leaver_entry(self, lv: Leave, unit_text: str, month: bool, reason: bool) -> Entry:
        rng = self.rng
        text = ""
        if reason:
            text = (
                REASON_TEXT_KIEM
                if (
                    lv.reason == "sap_xep_nq22"
                    and lv.title.startswith("Bí thư Chi bộ")
                    and rng.random() < 0.6
                )
                else rng.choice(REASON_TEXT[lv.reason])
            )
        left_on = (
            f"{lv.day.month}/{lv.day.year}"
            if (month or lv.month_only)
            else lv.day
            if rng.random() < 0.5
            else f"{lv.day:%d/%m/%Y}"
        )
        over = {"reason": text, "left_on": left_on, "decision": lv.decision, "unit": unit_text}
        return self.entry(Entry(lv.person, lv.title, lv.unit, "", "", over))

    def unit_text(self, code: str) -> str:
        d = self.d
        if code.startswith("BX-") and code[3:] in d.communes:
            c = d.communes[code[3:]]
            return f"{c['kind'].capitalize()} {c['name']}"
        if code in d.new_communes:
            c = d.new_communes[code]
            return f"{c['kind'].capitalize()} {c['name']}"
        row = d.admin_row(code) if any(r["unit_code"] == code for r in d.admin) else None
        if row and row["level"] == "village":
            return ("Thôn " if row["kind"] == "thôn" else "TDP ") + row["name"]
        return d.name(code)

    def leaver_sheet(
        self,
        name,
        issuer,
        title,
        leaves,
        place,
        signer,
        reason=True,
        month=False,
        ident=None,
        unit=True,
        nfd=False,
    ) -> Sheet:
        rng = self.rng
        leaves = sorted(leaves, key=lambda lv: (lv.day, lv.person.name))
        rows = [self.leaver_entry(lv, self.unit_text(lv.unit), month, reason) for lv in leaves]
        cols = {"decision"} | ({"reason"} if reason else set())
        lay = bundle_layout(
            rng,
            "column" if unit else "issuer",
            ("Đơn vị", "Đơn vị công tác", "Nơi công tác"),
            ident=ident,
            polit=False,
            leaver=cols,
            nfd=nfd,
        )
        lay.title_date = False
        return Sheet(name, issuer, title, leaves[-1].day, [("", rows)], lay, place, signer)

    def leavers(self) -> None:
        d, story = self.d, self.story
        by: dict[str, list[Leave]] = {}
        for lv in story.leaves:
            if lv.group:
                by.setdefault(lv.group, []).append(lv)
        huyen = ["UBND HUYỆN BÌNH XUYÊN", "PHÒNG NỘI VỤ"]
        pnv = ("TRƯỞNG PHÒNG NỘI VỤ", self.lists[S21]["district_agencies"]["BX-PNV"][0].person.name)
        gd = ["UBND HUYỆN BÌNH XUYÊN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
        gd_head = ("TRƯỞNG PHÒNG", self.lists[S21]["district_agencies"]["BX-PGDDT"][0].person.name)
        cbccvc = "CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"

        def by_year(group):
            years: dict[int, list[Leave]] = {}
            for lv in by.pop(group, []):
                years.setdefault(lv.day.year, []).append(lv)
            return sorted(years.items())

        # 2017-2021: retirements (the reason only in the title), staff cuts under Decree 108, the rest
        sheets = [
            self.leaver_sheet(
                f"Năm {y}",
                huyen,
                f"DANH SÁCH {cbccvc} NGHỈ HƯU NĂM {y}",
                ls,
                "Bình Xuyên",
                pnv,
                reason=False,
                month=y % 2 == 0,
                ident=y >= 2019,
            )
            for y, ls in by_year("huyen_huu_1621")
        ]
        self.add("leavers/UBND_huyen/DS_nghi_huu_2017-2021.xlsx", "xlsx", sheets)
        sheets = [
            self.leaver_sheet(
                f"Năm {y}",
                huyen,
                f"DANH SÁCH {cbccvc} THỰC HIỆN TINH GIẢN BIÊN CHẾ THEO NGHỊ ĐỊNH SỐ 108/2014/NĐ-CP NĂM {y}",
                ls,
                "Bình Xuyên",
                pnv,
                ident=True,
            )
            for y, ls in by_year("huyen_tg108")
        ]
        self.add("leavers/UBND_huyen/DS_tinh_gian_bien_che_ND108_2017-2021.xlsx", "xlsx", sheets)
        ls = by.pop("huyen_nghi_viec_1621")
        sheet = self.leaver_sheet(
            "DS",
            huyen,
            f"DANH SÁCH {cbccvc} THÔI VIỆC, CHUYỂN CÔNG TÁC, TỪ TRẦN GIAI ĐOẠN 2017 - 2021",
            ls,
            "Bình Xuyên",
            pnv,
        )
        self.add("leavers/UBND_huyen/DS_thoi_viec_chuyen_cong_tac_2017-2021.xlsx", "xlsx", [sheet])
        ls = by.pop("gd_1621")
        typo = next(lv for lv in ls if lv.reason == "chuyen_cong_tac")
        sheet = self.leaver_sheet(
            "DS",
            gd,
            "DANH SÁCH VIÊN CHỨC NGHỈ HƯU, THÔI VIỆC, CHUYỂN CÔNG TÁC GIAI ĐOẠN 2017 - 2021",
            ls,
            "Bình Xuyên",
            gd_head,
            month=True,
            ident=False,
            nfd=True,
        )
        for e in sheet.groups[0][1]:
            if (
                e.person is typo.person
            ):  # a name misspelt on the list: it finds nobody, the teacher has no reason
                e.over["name"] = typo.person.name.replace(typo.person.given, typo.person.given + "h", 1)
                e.bad = "name misspelt on the list of leavers (matches nobody)"
                story.leaves.remove(typo)
                story.leaves.append(Leave(typo.person, typo.title, typo.unit, typo.day, "", ""))
        self.add("leavers/Phong_GDDT/DS_vien_chuc_nghi_viec_2017-2021.xlsx", "xlsx", [sheet])
        # the communes: officials who left, non-specialized workers (Resolution 22), merged villages
        for short, c in d.communes.items():
            folder = self.folder(c["kind"], c["name"])
            ubnd = [f"UBND {c['kind'].upper()} {c['name'].upper()}"]
            chair = ("CHỦ TỊCH", self.lists[S21]["commune_officials"][c["code"]][0].person.name)
            mine = [lv for lv in by.get("xa_cbcc_1621", []) if lv.unit == c["code"]]
            if mine:
                sheet = self.leaver_sheet(
                    "DS",
                    ubnd,
                    f"DANH SÁCH CÁN BỘ, CÔNG CHỨC {c['kind'].upper()} {c['name'].upper()} "
                    "NGHỈ VIỆC GIAI ĐOẠN 2017 - 2021",
                    mine,
                    c["name"],
                    chair,
                    unit=False,
                    nfd=short == "QL",
                )
                self.add(
                    f"leavers/{folder}/DS_CBCC_nghi_viec_{slug(c['name'])}_2017-2021.xlsx", "xlsx", [sheet]
                )
            mine = [
                lv
                for lv in by.get("xa_ncs_1921", [])
                if lv.unit == c["code"] or lv.unit.startswith(c["code"] + "-")
            ]
            if mine:
                reasons = len({lv.reason for lv in mine}) > 1
                title = (
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH NGHỈ VIỆC GIAI ĐOẠN 2019 - 2021"
                    if reasons
                    else "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH THÔI ĐẢM NHIỆM CHỨC DANH "
                    "DO SẮP XẾP THEO NGHỊ QUYẾT 22"
                )
                sheet = self.leaver_sheet(
                    "DS",
                    ubnd,
                    title,
                    mine,
                    c["name"],
                    chair,
                    reason=reasons,
                    month=not reasons,
                    ident=False if short in ("HC", "BH") else None,
                )
                self.add(
                    f"leavers/{folder}/DS_NHDKCT_thoi_dam_nhiem_{slug(c['name'])}_2019-2021.xlsx",
                    "xlsx",
                    [sheet],
                )
            mine = [lv for lv in by.get("xa_thon_2019", []) if lv.unit.startswith(c["code"] + "-")]
            if mine:
                title = (
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG Ở THÔN, TỔ DÂN PHỐ THÔI ĐẢM NHIỆM "
                    "DO SÁP NHẬP THÔN, TỔ DÂN PHỐ NĂM 2019"
                )
                sheet = self.leaver_sheet("DS", ubnd, title, mine, c["name"], chair, reason=False, month=True)
                self.add(
                    f"leavers/{folder}/DS_thoi_dam_nhiem_sap_nhap_thon_{slug(c['name'])}_2019.xlsx",
                    "xlsx",
                    [sheet],
                )
            mine = [
                lv
                for g in ("xa_ncs_2225", "xa_thon_2225")
                for lv in by.get(g, [])
                if lv.unit == c["code"] or lv.unit.startswith(c["code"] + "-")
            ]
            if mine:
                title = (
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH CẤP XÃ, Ở THÔN, TỔ DÂN PHỐ "
                    "NGHỈ VIỆC GIAI ĐOẠN 2022 - 2025"
                )
                sheet = self.leaver_sheet("DS", ubnd, title, mine, c["name"], chair)
                self.add(
                    f"leavers/{folder}/DS_NHDKCT_nghi_viec_{slug(c['name'])}_2022-2025.xlsx", "xlsx", [sheet]
                )
        for g in ("xa_cbcc_1621", "xa_ncs_1921", "xa_thon_2019", "xa_ncs_2225", "xa_thon_2225"):
            by.pop(g, None)
        # 2022-2025: retirements, Decree 29/2023 cuts, Decree 178/2024 leavers, the rest; teachers
        sheets = [
            self.leaver_sheet(
                f"Năm {y}",
                huyen,
                f"DANH SÁCH {cbccvc} NGHỈ HƯU NĂM {y}",
                ls,
                "Bình Xuyên",
                pnv,
                reason=False,
                month=y == 2023,
            )
            for y, ls in by_year("huyen_huu_2225")
        ]
        self.add("leavers/UBND_huyen/DS_nghi_huu_2022-2025.xlsx", "xlsx", sheets)
        ls = by.pop("huyen_tg29")
        sheet = self.leaver_sheet(
            "DS",
            huyen,
            f"DANH SÁCH {cbccvc} THỰC HIỆN TINH GIẢN BIÊN CHẾ THEO NGHỊ ĐỊNH SỐ 29/2023/NĐ-CP",
            ls,
            "Bình Xuyên",
            pnv,
            ident=True,
        )
        self.add("leavers/UBND_huyen/DS_tinh_gian_bien_che_ND29_2023-2025.xlsx", "xlsx", [sheet])
        ls = by.pop("huyen_178")
        title = (
            f"DANH SÁCH {cbccvc} NGHỈ VIỆC DO SẮP XẾP TỔ CHỨC BỘ MÁY THEO NGHỊ ĐỊNH SỐ 178/2024/NĐ-CP "
            "(ĐÃ SỬA ĐỔI, BỔ SUNG THEO NGHỊ ĐỊNH SỐ 67/2025/NĐ-CP)"
        )
        sheet = self.leaver_sheet("DS", huyen, title, ls, "Bình Xuyên", pnv)
        self.add("leavers/UBND_huyen/DS_nghi_viec_ND178_2025.xlsx", "xlsx", [sheet])
        ls = by.pop("huyen_nghi_viec_2225")
        sheet = self.leaver_sheet(
            "DS",
            huyen,
            f"DANH SÁCH {cbccvc} THÔI VIỆC, CHUYỂN CÔNG TÁC, TỪ TRẦN GIAI ĐOẠN 2022 - 2025",
            ls,
            "Bình Xuyên",
            pnv,
            month=True,
        )
        self.add("leavers/UBND_huyen/DS_thoi_viec_chuyen_cong_tac_2022-2025.xlsx", "xlsx", [sheet])
        ls = by.pop("gd_2225")
        sheet = self.leaver_sheet(
            "DS",
            gd,
            "DANH SÁCH VIÊN CHỨC NGHỈ HƯU, THÔI VIỆC, CHUYỂN CÔNG TÁC GIAI ĐOẠN 2022 - 2025",
            ls,
            "Bình Xuyên",
            gd_head,
            ident=False,
        )
        self.add("leavers/Phong_GDDT/DS_vien_chuc_nghi_viec_2022-2025.xlsx", "xlsx", [sheet])
        # after 1 Jul 2025: the new communes' lists
        for code, kind, name, _olds in NEW_COMMUNES:
            folder = self.folder(kind, name)
            ubnd = [f"UBND {kind.upper()} {name.upper()}"]
            chair = (
                "CHỦ TỊCH",
                next(
                    e for e in self.lists[S25]["commune_officials"][code] if e.title == "Chủ tịch UBND"
                ).person.name,
            )
            ls = by.pop(f"moi_{code}", [])
            if ls:
                sheet = self.leaver_sheet(
                    "DS",
                    ubnd,
                    "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NGHỈ VIỆC TỪ NGÀY 01/7/2025",
                    ls,
                    name,
                    chair,
                )
                self.add(f"leavers/{folder}/DS_nghi_viec_{slug(name)}_2025.xlsx", "xlsx", [sheet])
            ls = by.pop(f"moi_kct_{code}", [])
            if ls:
                title = (
                    "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH CẤP XÃ CHẤM DỨT HOẠT ĐỘNG TỪ NGÀY 01/8/2025"
                )
                sheet = self.leaver_sheet("DS", ubnd, title, ls, name, chair, reason=False)
                self.add(
                    f"leavers/{folder}/DS_NHDKCT_cap_xa_cham_dut_{slug(name)}_2025.xlsx", "xlsx", [sheet]
                )
        assert not by, f"leavers on no planned list: {sorted(by)}"

    # -- what every row needs to be one person across lists ----------------------------------------

    def settle_identities(self) -> None:
        """A person is known across lists by their ID, else by the one ID seen with their name and
        date of birth. So: every list holding someone whose date of birth cannot be read (a cell to
        fix) has an ID column; someone with an ID that cannot be read has it readable in another list;
        and anyone listed once without a readable ID has their full date of birth in every list."""
        where: dict[int, list[tuple[Sheet, Entry]]] = {}
        sheets = [s for _p, _f, ss in self.files for s in ss if isinstance(s, Sheet)]
        for s in sheets:
            for _label, es in s.groups:
                for e in es:
                    if not e.bad.startswith(("empty name", "position title", "village", "same person")):
                        where.setdefault(id(e.person), []).append((s, e))

        def add_id(s: Sheet) -> None:
            if "id" not in s.lay.cols:
                s.lay.cols.insert(s.lay.cols.index("note"), "id")

        for rows in where.values():
            if any("dob" in e.over or "both" in e.over for _s, e in rows):
                for s, _e in rows:
                    add_id(s)
            if any("cccd" in e.over for _s, e in rows) and not any(
                "id" in s.lay.cols and "cccd" not in e.over for s, e in rows
            ):
                add_id(next(s for s, e in rows if "cccd" not in e.over))
        for rows in where.values():
            if any("id" not in s.lay.cols or "cccd" in e.over for s, e in rows):
                for _s, e in rows:
                    e.over["dob_full"] = True


def generate(out: Path, seed: int = 22) -> dict:
    """Write raw/reference, raw/personnel and raw/leavers under `out`; return a summary."""
    rng = random.Random(seed)
    district = District(rng)
    people = People(rng)
    story = Story(district, people, rng)
    story.tell()
    posts = assigned_posts(district, story, rng)
    plan = Plan(district, story, people, rng)
    plan.personnel()
    plan.leavers()
    plan.settle_identities()
    for sub in ("reference", "personnel", "leavers"):
        shutil.rmtree(out / sub, ignore_errors=True)
    summary = {
        "reference": district.write_reference(out, posts),
        "files": [],
        "wrong_rows": [],
        "counts": {
            f"{sector} {snap}": len({id(e.person) for es in units.values() for e in es})
            for snap, sectors in story.lists.items()
            for sector, units in sectors.items()
        },
    }
    csv_formats = {"csv-utf8": ("utf-8", ","), "csv-bom": ("utf-8-sig", ","), "csv-1258": ("cp1258", ";")}
    for rel, fmt, sheets in plan.files:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        summary["files"].append(rel)
        if fmt == "html":
            path.write_bytes(HTML.encode("utf-8"))
            continue
        grids = [s if isinstance(s, Grid) else render(s, rng) for s in sheets]
        summary["wrong_rows"] += [(rel, g.name, row, what) for g in grids for row, what in g.bad]
        if fmt == "xlsx":
            write_xlsx(path, grids)
        else:
            write_csv(path, grids[0], *csv_formats[fmt])
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--rows", type=int, help="instead of the bundle, a country of this many rows")
    args = parser.parse_args()
    if args.rows:
        c = generate_country(args.out, args.rows, args.seed)
        print(f"wrote {c['files']} files, {c['rows']} rows, {c['districts']} districts under {args.out}")
        return
    s = generate(args.out, args.seed)
    n = {k: sum(f.startswith(f"{k}/") for f in s["files"]) for k in ("personnel", "leavers")}
    print(
        f"wrote {n['personnel']} personnel, {n['leavers']} leaver and {len(s['reference'])} reference files"
    )
    print("reference rows: " + ", ".join(f"{k} {v}" for k, v in s["reference"].items()))
    print("people per sector and snapshot: " + ", ".join(f"{k} {v}" for k, v in sorted(s["counts"].items())))
    for rel, sheet, row, what in s["wrong_rows"]:
        print(f"wrong row: {rel} [{sheet}] row {row}: {what}")


if __name__ == "__main__":
    main()
