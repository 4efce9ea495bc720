"""A country of invented districts, for benchmarks: the bundled district's kinds of lists, scaled.

Each district has its agencies, communes, villages and schools, and every list is its own file as offices
send them: one per agency, school, commune (officials; non-specialized workers) and village, mostly 5 to
60 rows, laid out with the bundled layouts. One snapshot (2021-11-30). Unit names are unique in the
country, so one warehouse can hold every district without ambiguous matches. Districts are planned in
order from one seed and written in parallel, each from its own seed: the same (rows, seed) gives the
same files.
"""

from __future__ import annotations

import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from .people import Entry, People, Person, words
from .reference import (
    AGENCIES,
    AGENCY_HEADS,
    COMMUNE_CBCC,
    NCS_COMMUNE,
    OLD,
    S21,
    SCHOOL_LEVELS,
    VILLAGE_TDP,
    VILLAGE_THON,
    write_reference,
)
from .sheets import Sheet, make_layout, render, write_xlsx

SYLLABLES = words(
    "An Bình Cao Châu Đông Đồng Gia Hà Hải Hòa Hồng Hưng Hương Khánh Kim Lạc Lâm Lạng Long Minh Mỹ Nam Ngọc "
    "Nhân Phú Phúc Phong Quang Quế Sơn Tân Tây Thạch Thanh Thành Thịnh Thọ Thuận Tiên Tiến Trung Trường "
    "Tú Văn Vĩnh Xuân Yên Bắc Cẩm Diễn Hạ Hợp Liên Lộc Nghĩa Quảng Tam Thái Thượng Triệu Vân Đức Đại"
)
OFFICE_SIZE, SCHOOL_SIZE, VILLAGE_SIZE = (5, 20), (20, 60), (5, 12)


@dataclass
class Plan:
    """One district: its units (names unique in the country) and how many rows each list holds."""

    index: int
    code: str
    name: str
    agencies: list[tuple[str, str, str, int]]  # code, kind, name, rows
    communes: list[dict]  # code, kind, name, type, officials, ncs, schools [(code, level, rows)], villages

    @property
    def rows(self) -> int:
        rows = sum(a[3] for a in self.agencies)
        for c in self.communes:
            rows += c["officials"] + c["ncs"] + sum(s[2] for s in c["schools"])
            rows += sum(v["rows"] for v in c["villages"])
        return rows


class Names:
    """Place names of two or three syllables, never the same twice."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def new(self) -> str:
        while True:
            name = " ".join(self.rng.sample(SYLLABLES, self.rng.choice((2, 2, 3))))
            if name not in self.used:
                self.used.add(name)
                return name


class Crowd(People):
    """People without the bundle's uniqueness sets (millions of them): IDs unique by a serial number."""

    def __init__(self, rng: random.Random, first_serial: int):
        super().__init__(rng)
        self.serial = first_serial

    def new(self, born=(1960, 1995), female=0.5, qual="commune", name=None) -> Person:
        person = super().new(born, female, qual, name)
        self.names.clear()
        self.ids.clear()
        self.serial += 1
        province, number = divmod(self.serial, 10**6)
        person.cccd = f"{province + 1:03d}" + person.cccd[3:6] + f"{number:06d}"
        return person


def plan_country(rows: int, seed: int) -> list[Plan]:
    rng = random.Random(seed)
    names = Names(rng)
    plans: list[Plan] = []
    while sum(p.rows for p in plans) < rows:
        i = len(plans) + 1
        code, name = f"D{i:04d}", names.new()
        agencies = [
            (f"{code}-{short}", kind, f"{label} {name}", rng.randint(*OFFICE_SIZE))
            for short, kind, label, _size in AGENCIES[: rng.randint(10, len(AGENCIES))]
        ]
        communes = []
        for j in range(1, rng.randint(8, 16) + 1):
            town = rng.random() < 0.12
            ccode = f"{code}-{j:02d}"
            communes.append(
                {
                    "code": ccode,
                    "kind": "thị trấn" if town else "xã",
                    "name": names.new(),
                    "type": rng.choice((1, 2, 2, 3)),
                    "officials": rng.randint(18, len(COMMUNE_CBCC) + 4),
                    "ncs": rng.randint(8, 10),
                    "schools": [(f"{ccode}-{lv}", lv, rng.randint(*SCHOOL_SIZE)) for lv in SCHOOL_LEVELS],
                    "villages": [
                        {
                            "code": f"{ccode}-{k:02d}",
                            "kind": "tổ dân phố" if town else "thôn",
                            "name": names.new(),
                            "households": rng.randint(80, 450),
                            "rows": rng.randint(*VILLAGE_SIZE),
                        }
                        for k in range(1, rng.randint(6, 14) + 1)
                    ],
                }
            )
        plans.append(Plan(i, code, name, agencies, communes))
    return plans


def write_district(plan: Plan, out: Path, seed: int, first_serial: int) -> int:
    """Every list of one district as its own workbook; returns the files written."""
    rng = random.Random(f"{seed}-{plan.code}")
    people = Crowd(rng, first_serial)
    folder = out / "personnel" / plan.code
    district_body = f"UBND HUYỆN {plan.name.upper()}"
    files = 0

    def book(path: str, issuer: list[str], title: str, entries, qual: str, place: str, **lay) -> None:
        nonlocal files
        sheet = Sheet(
            "DS",
            issuer,
            title,
            S21,
            [("", [_entry(people, t, qual) for t in entries])],
            make_layout(rng, **lay),
            place,
            ("THỦ TRƯỞNG ĐƠN VỊ", people.new().name),
        )
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(folder / path, [render(sheet, rng)])
        files += 1

    for code, kind, name, n in plan.agencies:
        head, deputy, staff = AGENCY_HEADS[kind]
        titles = [head, deputy] + [staff[k % len(staff)] for k in range(n - 2)]
        book(
            f"UBND_huyen/DS_{code}_{S21}.xlsx",
            [district_body, name.upper()],
            "DANH SÁCH",
            titles,
            "agency",
            plan.name,
        )
    for c in plan.communes:
        body, where = f"UBND {c['kind'].upper()} {c['name'].upper()}", f"{c['code']}"
        officials = (COMMUNE_CBCC * 2)[: c["officials"]]
        book(
            f"{where}/DS_CBCC_{S21}.xlsx",
            [body],
            "DANH SÁCH CÁN BỘ, CÔNG CHỨC",
            officials,
            "commune",
            c["name"],
        )
        book(
            f"{where}/DS_NHDKCT_cap_xa_{S21}.xlsx",
            [body],
            "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH CẤP XÃ",
            NCS_COMMUNE[: c["ncs"]],
            "ncs",
            c["name"],
        )
        for _code, lv, n in c["schools"]:
            school = f"TRƯỜNG {SCHOOL_LEVELS[lv].upper()} {c['name'].upper()}"
            titles = ["Hiệu trưởng", "Phó Hiệu trưởng", "Kế toán"] + ["Giáo viên"] * (n - 3)
            book(
                f"{where}/Truong_{lv}_{S21}.xlsx",
                [school],
                "DANH SÁCH VIÊN CHỨC",
                titles,
                "school",
                c["name"],
            )
        for v in c["villages"]:
            label = ("Thôn " if v["kind"] == "thôn" else "Tổ dân phố ") + v["name"]
            titles = (VILLAGE_THON if v["kind"] == "thôn" else VILLAGE_TDP)[: v["rows"]]
            book(
                f"{where}/DS_thon_{v['code'][-2:]}_{S21}.xlsx",
                [body, label.upper()],
                "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH Ở THÔN, TỔ DÂN PHỐ",
                titles,
                "village",
                c["name"],
            )
    return files


def _entry(people: People, title: str, qual: str) -> Entry:
    return Entry(people.for_title(title, (1962, 1996), 0.45, qual), title, "")


def generate_country(out: Path, rows: int, seed: int = 22, workers: int = 2) -> dict:
    """Write reference/ and personnel/ of a country of at least `rows` personnel rows under `out`."""
    plans = plan_country(rows, seed)
    for sub in ("reference", "personnel"):
        shutil.rmtree(out / sub, ignore_errors=True)
    _write_reference(out, plans)
    serials = [0, *accumulate(p.rows for p in plans)][:-1]
    with ProcessPoolExecutor(workers) as pool:
        files = sum(pool.map(write_district, plans, [out] * len(plans), [seed] * len(plans), serials))
    return {"districts": len(plans), "rows": sum(p.rows for p in plans), "files": files}


def _write_reference(out: Path, plans: list[Plan]) -> dict[str, int]:
    communes, villages, orgs = {}, {}, {}
    for p in plans:
        for code, kind, name, _n in p.agencies:
            orgs[code] = _org(code, "district_agency", kind, name, p.code)
        for c in p.communes:
            communes[c["code"]] = {**c, "parent_code": p.code}
            for code, lv, _n in c["schools"]:
                orgs[code] = _org(
                    code, "school", "trường", f"Trường {SCHOOL_LEVELS[lv]} {c['name']}", c["code"]
                )
            for v in c["villages"]:
                villages[v["code"]] = {
                    "unit_code": v["code"],
                    "kind": v["kind"],
                    "name": v["name"],
                    "parent_code": c["code"],
                    "households": v["households"],
                    "valid_from": OLD,
                }
    # Resolution 22 quotas of villages: met by most, one worker short in one village in fifty.
    quotas = {
        v["code"]: (v["rows"] - (k % 50 == 0), "Định mức theo quy mô")
        for k, v in enumerate(v for p in plans for c in p.communes for v in c["villages"])
    }
    return write_reference(out, {p.code: p.name for p in plans}, communes, villages, orgs, quotas)


def _org(code: str, level: str, kind: str, name: str, parent: str) -> dict:
    return {
        "unit_code": code,
        "level": level,
        "kind": kind,
        "name": name,
        "parent_code": parent,
        "valid_from": OLD,
    }
