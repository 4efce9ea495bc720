"""Who is where on each snapshot, and who left when and why: the people of the bundled district.

The lists are built so that the pipeline's own counting gives the article's figures (raw/README.md):
each sector's people on 2016-11-30 (2019-05-31 for the non-specialized workers) and on 2021-11-30 are
picked by construction, then who left, moved or joined is told between them, and again to 2025-11-30.
Nothing here writes a figure; the counts are asserted against the calibration so a change that breaks
it fails loudly.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .district import (
    AGENCIES,
    AGENCY_MERGERS,
    ANTT,
    CAV,
    CIVIL_KINDS,
    COMMUNE_2016,
    COMMUNE_2016_EXTRA,
    NCS92_MAX,
    NCS_ENDED,
    NCS_KEPT,
    NEW_AGENCIES,
    NEW_COMMUNES,
    PROVINCE_BODY,
    R22_COMMUNE_QUOTA,
    S16,
    S19,
    S21,
    S25,
    SCHOOL_MERGERS,
    SPLIT,
    VILLAGE_ENDED,
    VILLAGE_THREE,
    District,
)
from .people import Entry, People, Person, adjust, age_on, born_to_retire, redate, retires_on
from .reference import SCHOOL_LEVELS

# Calibration (raw/README.md): the net reductions in people the article reports.
PAYROLL_CUT = {"district_agencies": 11, "education": 144, "commune_officials": 45}
NCS_COMMUNE_CUT, NCS_VILLAGE_CUT = 143, 886
OVER_UNDER = ("GK", "TP", "QL")
AGED = {
    "nghi_huu",
    "tinh_gian_huu_truoc_tuoi",
    "nghi_huu_truoc_tuoi_178",
}  # not a youth union leader  # communes whose small village keeps 3 people and another holds 2
D = dt.date


@dataclass
class Leave:
    """One person leaving a post, as a list of leavers writes it (group "": on no list)."""

    person: Person
    title: str
    unit: str  # unit code of the post left
    day: dt.date
    reason: str  # a code of leave_reasons.csv
    group: str  # which leaver list writes it
    decision: str = ""
    month_only: bool = False


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


class Story:
    def __init__(self, d: District, people: People, rng: random.Random):
        self.d, self.people, self.rng = d, people, rng
        # snapshot -> sector -> unit code -> entries
        self.lists: dict[dt.date, dict[str, dict[str, list[Entry]]]] = {s: {} for s in (S16, S19, S21, S25)}
        self.leaves: list[Leave] = []
        self.meta: dict[int, dict] = {}  # id(person) -> kind, retire / early dates, birth hint
        self.unlisted: list[Leave] = []  # rows of leaver lists that name nobody in any personnel list
        self.decisions: dict[tuple, str] = {}

    # -- people ---------------------------------------------------------------------------------

    def person(self, title: str, kind: str, born=(1966, 1992), female=0.45, qual=None, name=None) -> Person:
        """A new person for a post; kind: payroll / ncs (not subject to the retirement age)."""
        qual = qual or {"payroll": "commune", "ncs": "ncs"}[kind]
        p = self.people.for_title(title, born, female, qual, name)
        self.meta[id(p)] = {"kind": kind, "person": p}
        return p

    def put(self, snap: dt.date, sector: str, entry: Entry) -> Entry:
        self.lists[snap].setdefault(sector, {}).setdefault(entry.unit, []).append(entry)
        return entry

    def retirement(self, p: Person, start: dt.date, end: dt.date) -> dt.date:
        """A first of a month in [start, end) on which `p` retires at the statutory age (their date of
        birth made to fit)."""
        while True:
            dob, day = born_to_retire(self.rng, self.day_between(start, end, first_of_month=True), p.sex)
            if start <= day < end:
                self.meta[id(p)]["retire_dob"] = dob
                return day

    def leave(self, e: Entry, day: dt.date, reason: str, group: str, month_only=False) -> Leave:
        if reason in ("tinh_gian_huu_truoc_tuoi", "nghi_huu_truoc_tuoi_178"):
            self.meta[id(e.person)]["early"] = day
        key = (group, day)
        if key not in self.decisions:
            self.decisions[key] = f"{self.rng.randint(120, 4800)}/QĐ-UBND"
        lv = Leave(e.person, e.title, e.unit, day, reason, group, self.decisions[key], month_only)
        self.leaves.append(lv)
        return lv

    def day_between(self, start: dt.date, end: dt.date, first_of_month=False) -> dt.date:
        day = start + dt.timedelta(days=self.rng.randrange((end - start).days))
        return month_start(day) if first_of_month else day

    def take(self, pool: list, k: int, where=None) -> list:
        """k of the pool (of those `where` says), drawn, removed from it, in the pool's order."""
        chosen = set(map(id, self.rng.sample([x for x in pool if where is None or where(x)], k)))
        taken = [x for x in pool if id(x) in chosen]
        pool[:] = [x for x in pool if id(x) not in chosen]
        return taken

    def units(self, snap: dt.date, sector: str) -> dict[str, list[Entry]]:
        return self.lists[snap].setdefault(sector, {})

    def people_in(self, snap: dt.date, sector: str) -> set[int]:
        return {id(e.person) for es in self.units(snap, sector).values() for e in es}

    # -- the whole story ------------------------------------------------------------------------

    def tell(self) -> None:
        self.payroll_2016()
        self.ncs_2019()
        to_agency = self.commune_officials_2021()
        self.agencies_2021(to_agency)
        self.education_2021()
        self.ncs_commune_2021()
        self.villages_2021()
        self.check_2021()
        self.reform_2025()
        self.finish_dates()

    # -- 2016 -----------------------------------------------------------------------------------

    def payroll_2016(self) -> None:
        rng = self.rng
        for code, _kind, _name, n, head, deputy, staff in AGENCIES:
            titles = [head, deputy, *(deputy for _ in range(n > 8))] + [
                staff[i % len(staff)] for i in range(n)
            ]
            for t in titles[:n]:
                p = self.person(t, "payroll", (1962, 1990), 0.45, "agency")
                self.put(S16, "district_agencies", Entry(p, t, f"BX-{code}"))
        for short, c in self.d.communes.items():
            for lv in SCHOOL_LEVELS:
                n = rng.randint(25, 35)
                titles = ["Hiệu trưởng", "Phó Hiệu trưởng", "Kế toán", "Nhân viên văn thư"]
                titles += ["Phó Hiệu trưởng"] * (n > 30) + ["Nhân viên y tế"] * (lv == "MN")
                titles += ["Tổng phụ trách Đội", "Nhân viên thư viện"] * (lv != "MN")
                titles += ["Giáo viên"] * (n - len(titles))
                female = {"MN": 0.97, "TH": 0.85, "THCS": 0.7}[lv]
                for t in titles:
                    p = self.person(t, "payroll", (1962, 1994), female, "school")
                    self.put(S16, "education", Entry(p, t, f"BX-{short}-{lv}"))
            n = rng.randint(20, 23)
            titles = COMMUNE_2016 + ["Trưởng Công an xã"] * (c["kind"] == "xã")
            titles += COMMUNE_2016_EXTRA[: n - len(titles)]
            for t in titles:
                p = self.person(t, "payroll", (1962, 1990), 0.35, "commune")
                self.put(S16, "commune_officials", Entry(p, t, c["code"]))

    # -- 2019: the non-specialized workers before Decree 34 and the village mergers ---------------

    def ncs_2019(self) -> None:
        rng, d = self.rng, self.d
        cs = list(d.communes.values())
        quota = [R22_COMMUNE_QUOTA[c["type"]] for c in cs]
        maxes = [NCS92_MAX[c["type"]] for c in cs]
        counts = adjust(rng, [m - rng.randint(0, 2) for m in maxes], NCS_COMMUNE_CUT + sum(quota), 17, maxes)
        for c, n in zip(cs, counts, strict=True):
            police = ["Phó Trưởng Công an xã"] * (c["kind"] == "xã")
            titles = (NCS_KEPT + police + NCS_ENDED)[:n]
            titles += NCS_KEPT[3 : 3 + n - len(titles)]  # a second holder of some posts
            for t in titles:
                p = self.person(t, "ncs", (1958, 1996), 0.45, "ncs")
                self.put(S19, "ncs_commune", Entry(p, t, c["code"]))
        old = [v for s in d.communes for v in d.villages_at(s, S19)]
        new21 = [v for s in d.communes for v in d.villages_at(s, S21)]
        target = NCS_VILLAGE_CUT + sum(d.village_quota_at(v) for v in new21)
        counts = adjust(rng, [rng.randint(8, 11) for _ in old], target, 8, [11] * len(old))
        for code, n in zip(old, counts, strict=True):
            kind = d.admin_row(code, S19)["kind"]
            titles = (VILLAGE_THREE[kind] + VILLAGE_ENDED[kind])[:n]
            for t in titles:
                name = "Đào Trọng Anh" if (code == "BX-TK-01" and t == "Trưởng thôn") else None
                note = "Phó Bí thư Chi bộ" if name else ""
                p = self.person(t, "ncs", (1952, 1992), 0.3, "village", name)
                self.put(S19, "ncs_village", Entry(p, t, code, note))
            p = self.person(CAV, "ncs", (1960, 1994), 0.0, "village")
            self.put(S19, "village_others", Entry(p, CAV, code))

    # -- 2016 -> 2021 ---------------------------------------------------------------------------

    def payroll_leavers(self, pool: list[Entry], plan: dict[str, int], groups: dict[str, str]) -> list[Entry]:
        """Take the leavers of a payroll sector from the pool and tell why and when they left, each on
        the list its reason is written on (groups: reason -> list; "unknown": on none)."""
        gone = []
        for reason, k in plan.items():
            for e in self.take(pool, k, None if reason not in AGED else lambda e: "Đoàn" not in e.title):
                gone.append(e)
                if reason == "police":
                    continue  # the title ended: positions.csv says why
                if reason == "unknown":
                    self.leaves.append(
                        Leave(e.person, e.title, e.unit, self.day_between(D(2017, 1, 1), S21), "", "")
                    )
                    continue
                if reason == "nghi_huu":
                    day = self.retirement(e.person, D(2017, 1, 1), D(2021, 11, 2))
                elif reason.startswith("tinh_gian"):
                    day = self.rng.choice(
                        [
                            D(2017, 7, 1),
                            D(2018, 1, 1),
                            D(2018, 7, 1),
                            D(2019, 7, 1),
                            D(2020, 1, 1),
                            D(2021, 1, 1),
                        ]
                    )
                else:
                    day = self.day_between(D(2016, 12, 15), D(2021, 11, 15))
                self.leave(e, day, reason, groups.get(reason, groups["*"]), month_only=reason == "nghi_huu")
        return gone

    def commune_officials_2021(self) -> list[Entry]:
        """Commune officials: 45 fewer people. Returns the two officials rotated to district agencies."""
        rng, d = self.rng, self.d
        units16 = self.units(S16, "commune_officials")
        police = [e for es in units16.values() for e in es if e.title == "Trưởng Công an xã"]
        pool = [e for es in units16.values() for e in es[1:] if e.title != "Trưởng Công an xã"]
        pool = [e for e in pool if "Đoàn" not in e.title]
        to_agency = self.take(pool, 2)
        rotate = self.take(pool, 4)
        no_list = {"BX-DD"}  # this commune sent no list of its officials who left
        groups = {
            "nghi_huu": "huyen_huu_1621",
            "tinh_gian_huu_truoc_tuoi": "huyen_tg108",
            "tinh_gian_thoi_viec_ngay": "huyen_tg108",
            "tinh_gian_hoc_nghe": "huyen_tg108",
            "*": "xa_cbcc_1621",
        }
        plan = {"nghi_huu": 17, "tinh_gian_huu_truoc_tuoi": 5, "tinh_gian_thoi_viec_ngay": 3}
        plan |= {
            "tinh_gian_hoc_nghe": 2,
            "thoi_viec": 5,
            "chuyen_cong_tac": 3,
            "tu_tran": 1,
            "buoc_thoi_viec": 1,
        }
        plan["unknown"] = 2
        gone = self.payroll_leavers(pool, plan, groups)
        gone += police
        for lv in self.leaves:
            if lv.group == "xa_cbcc_1621" and lv.unit in no_list:
                lv.group = ""  # -> chưa rõ lý do
        gone_ids = set(map(id, gone)) | set(map(id, to_agency)) | set(map(id, rotate))
        units21 = self.units(S21, "commune_officials")
        for code, es in units16.items():
            units21[code] = [Entry(e.person, e.title, code) for e in es if id(e) not in gone_ids]
        codes = list(units16)
        for e in rotate:
            other = rng.choice([c for c in codes if c != e.unit])
            units21[other].append(Entry(e.person, e.title, other, f"Luân chuyển từ {d.label(e.unit)}"))
        for t in (
            "Công chức Văn hóa - Xã hội",
            "Công chức Địa chính - Xây dựng",
            "Công chức Tư pháp - Hộ tịch",
        ):
            code = rng.choice(codes)
            units21[code].append(
                Entry(self.person(t, "payroll", (1990, 1997), 0.5), t, code, "Tuyển dụng năm 2020")
            )
        return to_agency

    def agencies_2021(self, from_communes: list[Entry]) -> None:
        rng, d = self.rng, self.d
        units16 = self.units(S16, "district_agencies")
        merged = {f"BX-{old}": f"BX-{into}" for old, into, _s in AGENCY_MERGERS}
        merged |= {f"BX-{o}": f"BX-{new}" for new, _k, _n, _s, olds in NEW_AGENCIES for o in olds}
        pool = [e for es in units16.values() for e in es[1:]]
        to_commune = self.take(pool, 1, lambda e: e.title in ("Chuyên viên", "Phó Trưởng phòng"))
        groups = {
            "nghi_huu": "huyen_huu_1621",
            "tinh_gian_huu_truoc_tuoi": "huyen_tg108",
            "tinh_gian_thoi_viec_ngay": "huyen_tg108",
            "tinh_gian_hoc_nghe": "huyen_tg108",
            "*": "huyen_nghi_viec_1621",
        }
        plan = {
            "nghi_huu": 7,
            "tinh_gian_huu_truoc_tuoi": 2,
            "tinh_gian_thoi_viec_ngay": 1,
            "tinh_gian_hoc_nghe": 1,
        }
        plan |= {"chuyen_cong_tac": 2, "thoi_viec": 1, "tu_tran": 1, "unknown": 1}
        gone = set(map(id, self.payroll_leavers(pool, plan, groups))) | set(map(id, to_commune))
        staying = [e for e in pool if e.unit not in merged]
        rotate = set(map(id, self.rng.sample(staying, 17)))
        units21 = self.units(S21, "district_agencies")
        alive = d.agencies_at(S21)
        for code in alive:
            units21[code] = []
        posts = {f"BX-{a[0]}": (a[4], a[5], a[6]) for a in AGENCIES}
        posts |= {f"BX-{n[0]}": posts[f"BX-{n[4][0]}"] for n in NEW_AGENCIES}
        headed: set[str] = set()
        for code, es in units16.items():
            for i, e in enumerate(es):
                if id(e) in gone:
                    continue
                new = merged.get(code, code)
                note, title = "", e.title
                head, deputy, staff = posts[new]
                if id(e) in rotate:
                    civil = d.org(new)["kind"] in CIVIL_KINDS
                    same = [c for c in alive if c != new and (d.org(c)["kind"] in CIVIL_KINDS) == civil]
                    new = rng.choice(same)
                    head, deputy, staff = posts[new]
                    note = f"Điều động từ {d.name(code)}"
                    title = e.title if e.title in staff else staff[0]
                elif new != code:
                    note = f"Nguyên {e.title} {d.name(code)}" if i < 2 else f"Nguyên {d.name(code)}"
                    if i == 0 and d.org(new)["valid_from"] != "2000-01-01" and new not in headed:
                        title = head  # the first head of a new department
                        headed.add(new)
                    elif i == 0:  # the head of a merged unit becomes a deputy of the unit it joined
                        title = deputy
                    else:
                        title = e.title if e.title in staff else staff[0]
                units21[new].append(Entry(e.person, title, new, note))
        # a commune official, and a teacher, brought in; hires of 2019-2021
        for e, code in zip(from_communes, ("BX-PNV", "BX-PTCKH"), strict=True):
            units21[code].append(Entry(e.person, "Chuyên viên", code, f"Luân chuyển từ {d.label(e.unit)}"))
        self._agency_to_commune = to_commune
        for t, code, year in (
            ("Chuyên viên", "BX-PTNMT", 2019),
            ("Kỹ thuật viên", "BX-BQLDA", 2020),
            ("Chuyên viên", "BX-PKT", 2021),
        ):
            p = self.person(t, "payroll", (1990, 1996), 0.5, "agency")
            units21[code].append(Entry(p, t, code, f"Tuyển dụng năm {year}"))
        # the one from an agency became a commune's vice-chair
        e = to_commune[0]
        commune = rng.choice(list(self.units(S21, "commune_officials")))
        self.units(S21, "commune_officials")[commune].insert(
            6, Entry(e.person, "Phó Chủ tịch UBND", commune, f"Luân chuyển từ {d.name(e.unit)}")
        )

    def education_2021(self) -> None:
        rng, d = self.rng, self.d
        units16 = self.units(S16, "education")
        merged = {f"BX-{s}-{lv}": f"BX-{s}-THTHCS" for s in SCHOOL_MERGERS for lv in ("TH", "THCS")}
        pool = [e for es in units16.values() for e in es[2:]]
        to_office = self.take(pool, 1, lambda e: e.title == "Giáo viên")
        groups = {
            "tinh_gian_huu_truoc_tuoi": "huyen_tg108",
            "tinh_gian_thoi_viec_ngay": "huyen_tg108",
            "tinh_gian_hoc_nghe": "huyen_tg108",
            "*": "gd_1621",
        }
        plan = {
            "nghi_huu": 62,
            "tinh_gian_huu_truoc_tuoi": 18,
            "tinh_gian_thoi_viec_ngay": 14,
            "tinh_gian_hoc_nghe": 12,
        }
        plan |= {"thoi_viec": 24, "chuyen_cong_tac": 18, "tu_tran": 4, "buoc_thoi_viec": 1, "unknown": 3}
        gone = set(map(id, self.payroll_leavers(pool, plan, groups))) | {id(to_office[0])}
        rotate = set(
            map(id, rng.sample([e for e in pool if e.unit not in merged and e.title == "Giáo viên"], 4))
        )
        units21 = self.units(S21, "education")
        alive = d.schools_at(S21)
        for code in alive:
            units21[code] = []
        for code, es in units16.items():
            for e in es:
                if id(e) in gone:
                    continue
                new, title, note = merged.get(code, code), e.title, ""
                if id(e) in rotate:
                    level = code.rsplit("-", 1)[1]
                    new = rng.choice([c for c in alive if c.endswith(f"-{level}") and c != code])
                    note = f"Điều động từ {d.name(code)}"
                elif new != code:
                    note = f"Nguyên {d.name(code)}"
                    if title == "Hiệu trưởng" and any(x.title == "Hiệu trưởng" for x in units21[new]):
                        title, note = "Phó Hiệu trưởng", f"Nguyên Hiệu trưởng {d.name(code)}"
                units21[new].append(Entry(e.person, title, new, note))
        e = to_office[0]
        self.units(S21, "district_agencies")["BX-PGDDT"].append(
            Entry(e.person, "Chuyên viên", "BX-PGDDT", f"Điều động từ {d.name(e.unit)}")
        )
        for year in (2018, 2019, 2019, 2020, 2020, 2020, 2021, 2021, 2021, 2021, 2021, 2021):
            code = rng.choice(alive)
            p = self.person("Giáo viên", "payroll", (1994, 1998), 0.85, "school")
            units21[code].append(Entry(p, "Giáo viên", code, f"Tuyển dụng năm {year}"))
        code = rng.choice(alive)
        p = self.person("Giáo viên", "payroll", (1980, 1990), 0.85, "school")
        units21[code].append(Entry(p, "Giáo viên", code, "Chuyển đến từ huyện Tam Dương"))
        # a teacher recruited in 2017 who left in 2019: on the list of leavers, in no personnel list
        p = self.person("Giáo viên", "payroll", (1993, 1995), 0.85, "school")
        lv = Leave(p, "Giáo viên", "BX-TK-TH", D(2019, 9, 1), "thoi_viec", "gd_1621", "", True)
        self.leaves.append(lv)
        self.unlisted.append(lv)

    def ncs_commune_2021(self) -> None:
        """Each commune down to its Resolution 22 quota: the first holders of the kept posts stay."""
        rng, d = self.rng, self.d
        units19, units21 = self.units(S19, "ncs_commune"), self.units(S21, "ncs_commune")
        stay: dict[str, list[Entry]] = {}
        for c in d.communes.values():
            q = R22_COMMUNE_QUOTA[c["type"]]
            es = units19[c["code"]]
            firsts = {}
            for e in es:
                firsts.setdefault(e.title, e)
            stay[c["code"]] = [firsts[t] for t in NCS_KEPT[:q]]
        # two become commune civil servants (after the officials they replace left), two village heads
        kept = [e for es in stay.values() for e in es[1:]]
        to_cbcc = self.take(kept, 2)
        to_village = self.take(kept, 2)
        self._ncs_to_village = to_village
        officials = self.units(S21, "commune_officials")
        for e, title in zip(
            to_cbcc, ("Công chức Văn phòng - Thống kê", "Công chức Văn hóa - Xã hội"), strict=True
        ):
            officials[e.unit].append(Entry(e.person, title, e.unit, f"Nguyên {e.title}; tuyển dụng năm 2020"))
        moved = set(map(id, to_cbcc + to_village))
        self._village_to_commune = None
        replaced = 0
        for c in d.communes.values():
            code = c["code"]
            units21[code] = []
            for e in stay[code]:
                if id(e) not in moved:
                    units21[code].append(Entry(e.person, e.title, code))
                    continue
                replaced += 1
                if replaced == 1:
                    self._village_to_commune = (code, e.title)  # filled from a village below
                    continue
                p = self.person(e.title, "ncs", (1985, 1996), 0.45, "ncs")
                units21[code].append(Entry(p, e.title, code, "Bố trí năm 2020"))
        for es in units21.values():
            for e in es[3:]:
                others = [t for t in NCS_KEPT if t != e.title and t not in {x.title for x in es}]
                if others and rng.random() < 0.4:
                    e.note = f"Kiêm {rng.choice(others)}"
        # who left: the commune-level leavers and why
        gone = [
            e
            for es in units19.values()
            for e in es
            if id(e) not in self.people_in_ids(units21) and id(e) not in moved
        ]
        with_reasons = {"BX-HC", "BX-TH", "BX-PX", "BX-SL"}  # lists with a reason column
        no_list = {"BX-TM"}
        extra = [e for e in gone if e.title in NCS_KEPT]
        odd = {
            id(e): r
            for e, r in zip(
                self.rng.sample([e for e in extra if e.unit in with_reasons], 2),
                ("thoi_viec", "tu_tran"),
                strict=True,
            )
        }
        for e in gone:
            if e.title == "Phó Trưởng Công an xã":
                continue  # its title ended: positions.csv says why
            if e.title in NCS_ENDED and (e.unit in no_list or rng.random() < 0.5):
                continue  # explained by the title's end
            if e.unit in no_list:
                self.leaves.append(Leave(e.person, e.title, e.unit, D(2020, 1, 1), "", ""))
                continue
            reason = odd.get(id(e), "sap_xep_nq22")
            day = (
                D(2020, 1, 1) if reason == "sap_xep_nq22" else self.day_between(D(2019, 7, 1), D(2021, 10, 1))
            )
            self.leave(e, day, reason, "xa_ncs_1921")

    def people_in_ids(self, units: dict[str, list[Entry]]) -> set[int]:
        return {id(e.person) for es in units.values() for e in es}

    def villages_2021(self) -> None:
        """Each commune's villages down to the sum of their quotas, people not posts: the three posts
        of Decree 34, merged villages keeping three of their holders, small villages over their quota
        in three communes with as many villages under it (one person holding two posts)."""
        rng, d = self.rng, self.d
        v19 = self.units(S19, "ncs_village")
        cav19 = self.units(S19, "village_others")
        v21, o21 = self.units(S21, "ncs_village"), self.units(S21, "village_others")
        merged_away: list[Entry] = []
        kiem: list[Entry] = []
        replaced: list[tuple[Entry, str]] = []  # (2019 village head, why) replaced in 2020
        for short in d.communes:
            news = d.villages_at(short, S21)
            small = [v for v in news if d.village_quota_at(v) == 2]
            plain = [v for v in news if v in v19 and d.village_quota_at(v) == 3]
            under = rng.choice(plain) if short in OVER_UNDER else None
            for code in news:
                olds = [r["unit_code"] for r in d.admin if r["merged_into"] == code] or [code]
                heads = [v19[olds[1 % len(olds)]][0], v19[olds[0]][1], v19[olds[-1]][2]]
                es = [Entry(e.person, e.title, code, e.note) for e in heads]
                if len(olds) > 1:
                    kept = set(map(id, (e.person for e in heads)))
                    merged_away += [e for o in olds for e in v19[o][:3] if id(e.person) not in kept]
                if code in small and short not in OVER_UNDER:
                    es[1].note = "Kiêm Bí thư Chi bộ"
                    kiem.append(heads[0])
                    es = es[1:]
                if code == under:
                    kiem.append(heads[0])
                    es = [Entry(es[1].person, "Bí thư Chi bộ", code), es[1], es[2]]
                v21[code] = es
                cavs = [e for o in olds for e in cav19[o]]
                o21[code] = [Entry(cavs[0].person, CAV, code)]
                merged_away += cavs[1:]
                if short == "TM":  # Trung Mỹ still lists its village health workers, outside the quota
                    nurse = next((e for o in olds for e in v19[o] if e.title == "Nhân viên y tế thôn"), None)
                    if nurse:
                        o21[code].append(Entry(nurse.person, nurse.title, code))
            # village heads replaced in 2020: by an elected newcomer, or by a commune worker
            if short in ("HC", "PX", "SL"):
                for code in rng.sample([v for v in plain if v != under], 2 if short != "PX" else 1):
                    replaced.append((v21[code][1], code))
        # the commune workers who became village heads, and the newcomers
        movers = list(self._ncs_to_village)
        for old, code in replaced:
            i = next(i for i, e in enumerate(v21[code]) if e.person is old.person)
            if movers:
                m = movers.pop(0)
                new = Entry(m.person, old.title, code, f"Nguyên {m.title} {d.label(m.unit)}")
            else:
                new = Entry(
                    self.person(old.title, "ncs", (1965, 1988), 0.2, "village"),
                    old.title,
                    code,
                    "Bầu năm 2020",
                )
            v21[code][i] = new
            self.leave(old, D(2020, 7, 1), "het_nhiem_ky", "xa_ncs_1921")
        # a village youth secretary became a commune worker (the post left by one who moved)
        code, title = self._village_to_commune
        youth = next(e for v in d.villages_at(code[3:], S19) for e in v19[v] if e.title == "Bí thư Chi đoàn")
        self.units(S21, "ncs_commune")[code].append(
            Entry(youth.person, title, code, f"Nguyên Bí thư Chi đoàn {d.label(youth.unit)}")
        )
        self._youth = youth
        # who left, and why: merged villages (a list in each commune), kiêm nhiệm (Resolution 22),
        # the posts Resolution 22 ended (their titles' end)
        for e in merged_away:
            self.leave(e, D(2019, 8, 1), "sap_xep_thon", "xa_thon_2019")
        for e in kiem:
            self.leave(e, D(2020, 1, 1), "sap_xep_nq22", "xa_ncs_1921")

    def check_2021(self) -> None:
        """The calibration, counted the way the pipeline counts (people, not posts)."""

        def count(snap, sector):
            return len(self.people_in(snap, sector))

        for sector, cut in PAYROLL_CUT.items():
            assert count(S16, sector) - count(S21, sector) == cut, (
                sector,
                count(S16, sector),
                count(S21, sector),
            )
        assert count(S19, "ncs_commune") - count(S21, "ncs_commune") == NCS_COMMUNE_CUT
        assert count(S19, "ncs_village") - count(S21, "ncs_village") == NCS_VILLAGE_CUT
        for short, c in self.d.communes.items():
            people = {
                id(e.person)
                for v in self.d.villages_at(short, S21)
                for e in self.units(S21, "ncs_village")[v]
            }
            assert len(people) == sum(self.d.village_quota_at(v) for v in self.d.villages_at(short, S21)), (
                short
            )
            assert len(self.units(S21, "ncs_commune")[c["code"]]) == R22_COMMUNE_QUOTA[c["type"]], short

    # -- 2021 -> 2025 ---------------------------------------------------------------------------

    def reform_2025(self) -> None:
        rng, d = self.rng, self.d
        communes25 = {code: [] for code, *_ in NEW_COMMUNES}
        new_of = {c["code"]: d.new_of.get(short) for short, c in d.communes.items()}

        def commune_of(unit: str) -> str:
            return new_of[unit] or rng.choice(SPLIT[1:3])

        # district agencies: to the province body, leaving, or to the new communes
        agency = [e for es in self.units(S21, "district_agencies").values() for e in es]
        pool = list(agency)
        to_province = self.take(
            pool,
            6,
            lambda e: e.title in ("Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng"),
        )
        groups = {
            "nghi_huu": "huyen_huu_2225",
            "tinh_gian_huu_truoc_tuoi": "huyen_tg29",
            "tinh_gian_thoi_viec_ngay": "huyen_tg29",
        }
        groups |= {
            "nghi_huu_truoc_tuoi_178": "huyen_178",
            "thoi_viec_178": "huyen_178",
            "*": "huyen_nghi_viec_2225",
        }
        plan = {"nghi_huu": 8, "tinh_gian_huu_truoc_tuoi": 1, "tinh_gian_thoi_viec_ngay": 1}
        plan |= {
            "nghi_huu_truoc_tuoi_178": 10,
            "thoi_viec_178": 2,
            "chuyen_cong_tac": 2,
            "tu_tran": 1,
            "unknown": 1,
        }
        self.leavers_2025(pool, plan, groups)
        to_communes = pool
        # commune officials: leaving, or to the commune that took their commune over
        officials = [e for es in self.units(S21, "commune_officials").values() for e in es]
        pool = [e for e in officials if e.title != "Chủ tịch UBND"]
        groups = {
            "nghi_huu": "huyen_huu_2225",
            "tinh_gian_huu_truoc_tuoi": "huyen_tg29",
            "tinh_gian_thoi_viec_ngay": "huyen_tg29",
        }
        groups |= {
            "nghi_huu_truoc_tuoi_178": "huyen_178",
            "thoi_viec_178": "huyen_178",
            "*": "huyen_nghi_viec_2225",
        }
        plan = {
            "nghi_huu": 16,
            "tinh_gian_huu_truoc_tuoi": 2,
            "tinh_gian_thoi_viec_ngay": 1,
            "tinh_gian_154": 2,
        }
        plan |= {
            "nghi_huu_truoc_tuoi_178": 14,
            "thoi_viec_178": 2,
            "thoi_viec": 3,
            "chuyen_cong_tac": 2,
            "tu_tran": 1,
        }
        plan["unknown"] = 1
        gone = set(map(id, self.leavers_2025(pool, plan, groups)))
        staying = [e for e in officials if id(e) not in gone]
        # commune workers: some became officials or village heads; the rest end with their posts
        ncs = [e for es in self.units(S21, "ncs_commune").values() for e in es]
        pool = list(ncs)
        ncs_to_cbcc = self.take(pool, 3)
        ncs_to_village = self.take(pool, 2)
        for reason, k in (("thoi_viec", 3), ("tu_tran", 1), ("het_nhiem_ky", 2)):
            for e in self.take(pool, k):
                self.leave(e, self.day_between(D(2022, 3, 1), D(2025, 6, 1)), reason, "xa_ncs_2225")
        listing = {"PT-GSON", "PT-DXUAN"}  # the new communes that sent a list of those whose posts ended
        for e in pool:
            if commune_of(e.unit) in listing:
                self.leave(e, D(2025, 8, 1), "cham_dut_kct_cap_xa", f"moi_kct_{commune_of(e.unit)}")
        # the new communes' officials: leaders of the old communes, district staff, commune workers
        incoming: dict[str, list[tuple[Entry, str]]] = {c: [] for c in communes25}
        for e in staying:
            incoming[commune_of(e.unit)].append((e, "commune"))
        for i, e in enumerate(to_communes):
            incoming[list(communes25)[i % 4]].append((e, "agency"))
        for e in ncs_to_cbcc:
            incoming[commune_of(e.unit)].append((e, "ncs"))
        for code in communes25:
            self.staff_new_commune(code, incoming[code])
        for i in range(11):
            code = list(communes25)[i % 4]
            outsider = i >= 8
            p = self.person(
                "Chuyên viên",
                "payroll",
                (1980 if outsider else 1994, 1990 if outsider else 2000),
                0.5,
                "agency",
            )
            if outsider:
                p.cccd = "025" + p.cccd[3:]  # from the old Phú Thọ
            note = "Điều động từ tỉnh Phú Thọ (cũ)" if outsider else f"Tuyển dụng năm {2022 + i % 3}"
            self.put(S25, "commune_officials", Entry(p, "Chuyên viên", code, note))
        # the province body: six from the district, and its own staff from outside the area
        body = PROVINCE_BODY[0]
        own = [
            ("Giám đốc Sở", 1),
            ("Phó Giám đốc Sở", 3),
            ("Trưởng phòng", 4),
            ("Phó Trưởng phòng", 5),
            ("Chuyên viên chính", 4),
            ("Chuyên viên", 6),
        ]
        for t, k in own:
            for _ in range(k):
                p = self.person(t, "payroll", (1970, 1995), 0.5, "agency")
                p.cccd = rng.choice(("025", "026", "017")) + p.cccd[3:]
                self.put(S25, "province_agencies", Entry(p, t, body))
        for e in to_province:
            t = "Phó Trưởng phòng" if e.title in ("Trưởng phòng",) else "Chuyên viên"
            self.put(
                S25,
                "province_agencies",
                Entry(e.person, t, body, f"Nguyên {e.title} {d.name(e.unit)} huyện Bình Xuyên"),
            )
        self.schools_2025()
        self.villages_2025(ncs_to_village, commune_of)

    def leavers_2025(self, pool: list[Entry], plan: dict[str, int], groups: dict[str, str]) -> list[Entry]:
        gone = []
        for reason, k in plan.items():
            for e in self.take(pool, k, None if reason not in AGED else lambda e: "Đoàn" not in e.title):
                gone.append(e)
                if reason == "unknown":
                    self.leaves.append(
                        Leave(
                            e.person, e.title, e.unit, self.day_between(D(2022, 1, 1), D(2025, 6, 1)), "", ""
                        )
                    )
                    continue
                group = groups.get(reason, groups["*"])
                if reason == "nghi_huu":
                    day = self.retirement(e.person, D(2022, 1, 1), D(2025, 11, 2))
                    if day >= D(2025, 7, 1):  # listed by the commune that took the unit over
                        group = "moi_" + self.successor_commune(e.unit)
                elif reason == "tinh_gian_154":
                    reason = self.rng.choice(("tinh_gian_huu_truoc_tuoi", "tinh_gian_thoi_viec_ngay"))
                    day, group = D(2025, 9, 1), "moi_" + self.successor_commune(e.unit)
                elif reason.startswith("tinh_gian"):
                    day = self.rng.choice([D(2023, 10, 1), D(2024, 1, 1), D(2024, 7, 1), D(2025, 1, 1)])
                elif reason.endswith("_178"):
                    day = self.rng.choice([D(2025, 3, 1), D(2025, 6, 1), D(2025, 7, 1)])
                else:
                    day = self.day_between(D(2022, 1, 5), D(2025, 6, 25))
                self.leave(e, day, reason, group, month_only=reason == "nghi_huu" and self.rng.random() < 0.5)
        return gone

    def successor_commune(self, unit: str) -> str:
        """The commune of 1 Jul 2025 that took over a school, or a commune (the split one: its second)."""
        rows = [r for r in self.d.orgs if r["unit_code"] == unit and r["valid_from"] == "2025-07-01"]
        if rows:
            return rows[0]["parent_code"]
        short = unit.split("-")[1]
        return self.d.new_of.get(short) or SPLIT[2]

    def staff_new_commune(self, code: str, incoming: list[tuple[Entry, str]]) -> None:
        """The officials of a new commune, each with a post of 1 Jul 2025: the elected posts from the
        old communes' holders, the offices' heads from the district's heads, the rest Chuyên viên."""
        d = self.d
        ward = d.new_communes[code]["kind"] == "phường"
        economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if ward else "Phòng Kinh tế"
        slots = [
            ("Bí thư Đảng ủy", "commune", ["Bí thư Đảng ủy"]),
            ("Chủ tịch UBND", "commune", ["Chủ tịch UBND"]),
            ("Chủ tịch HĐND", "commune", ["Chủ tịch HĐND", "Bí thư Đảng ủy"]),
            ("Phó Bí thư Đảng ủy", "commune", ["Phó Bí thư Đảng ủy", "Bí thư Đảng ủy"]),
            ("Phó Chủ tịch HĐND", "commune", ["Phó Chủ tịch HĐND", "Chủ tịch HĐND"]),
            ("Phó Chủ tịch UBND", "commune", ["Chủ tịch UBND", "Phó Chủ tịch UBND"]),
            ("Phó Chủ tịch UBND", "commune", ["Chủ tịch UBND", "Phó Chủ tịch UBND"]),
            ("Chủ tịch UBMTTQ", "commune", ["Chủ tịch UBMTTQ"]),
            ("Chủ tịch Hội Liên hiệp Phụ nữ", "commune", ["Chủ tịch Hội Liên hiệp Phụ nữ"]),
            ("Chủ tịch Hội Nông dân", "commune", ["Chủ tịch Hội Nông dân"]),
            ("Chủ tịch Hội Cựu chiến binh", "commune", ["Chủ tịch Hội Cựu chiến binh"]),
            ("Bí thư Đoàn TNCS Hồ Chí Minh", "commune", ["Bí thư Đoàn TNCS Hồ Chí Minh"]),
            ("Chỉ huy trưởng Quân sự", "commune", ["Chỉ huy trưởng Quân sự"]),
            (
                "Chánh Văn phòng HĐND và UBND",
                "agency",
                ["Chánh Văn phòng", "Trưởng phòng", "Phó Chánh Văn phòng"],
            ),
            (f"Trưởng {economy[0].lower()}{economy[1:]}", "agency", ["Trưởng phòng", "Phó Trưởng phòng"]),
            ("Trưởng phòng Văn hóa - Xã hội", "agency", ["Trưởng phòng", "Phó Trưởng phòng"]),
            (
                "Phó Chánh Văn phòng HĐND và UBND",
                "agency",
                ["Phó Chánh Văn phòng", "Phó Trưởng phòng", "Chuyên viên chính"],
            ),
            (
                f"Phó Trưởng {economy[0].lower()}{economy[1:]}",
                "agency",
                ["Phó Trưởng phòng", "Chuyên viên chính"],
            ),
            ("Phó Trưởng phòng Văn hóa - Xã hội", "agency", ["Phó Trưởng phòng", "Chuyên viên chính"]),
        ]
        left = list(incoming)
        out: list[Entry] = []
        for title, source, wanted in slots:
            for w in wanted:
                hit = next((x for x in left if x[1] == source and x[0].title == w), None)
                if hit:
                    break
            women = "Phụ nữ" in title
            hit = hit or next(
                (x for x in left if x[1] == source and (not women or x[0].person.sex == "F")), None
            )
            if not hit:
                continue
            left.remove(hit)
            out.append(self._posted(hit[0], title, code))
        for e, _source in left:
            out.append(self._posted(e, "Chuyên viên", code))
        for e in out:
            self.put(S25, "commune_officials", e)

    def _posted(self, e: Entry, title: str, code: str) -> Entry:
        """The entry in the new commune, noted with the post held before ('Nguyên ...')."""
        d = self.d
        if e.unit[3:] in d.communes:
            note = f"Nguyên {e.title} {d.label(e.unit)}"
        elif d.name(e.unit).startswith("Phòng ") and e.title.endswith("phòng"):
            note = f"Nguyên {e.title} {d.name(e.unit)[6:]} huyện Bình Xuyên"
        else:
            note = f"Nguyên {e.title}, {d.name(e.unit)} huyện Bình Xuyên"
        return Entry(e.person, title, code, note)

    def schools_2025(self) -> None:
        rng, d = self.rng, self.d
        units21 = self.units(S21, "education")
        pool = [e for es in units21.values() for e in es[2:]]
        groups = {
            "nghi_huu": "gd_2225",
            "tinh_gian_huu_truoc_tuoi": "huyen_tg29",
            "tinh_gian_thoi_viec_ngay": "huyen_tg29",
        }
        groups["*"] = "gd_2225"
        plan = {
            "nghi_huu": 40,
            "tinh_gian_huu_truoc_tuoi": 5,
            "tinh_gian_thoi_viec_ngay": 3,
            "tinh_gian_154": 3,
        }
        plan |= {"thoi_viec": 12, "chuyen_cong_tac": 9, "tu_tran": 2, "unknown": 2}
        gone = set(map(id, self.leavers_2025(pool, plan, groups)))
        rotate = set(map(id, rng.sample([e for e in pool if e.title == "Giáo viên"], 15)))
        units25 = self.units(S25, "education")
        alive = d.schools_at(S25)
        for code in alive:
            units25[code] = []
        for code, es in units21.items():
            for e in es:
                if id(e) in gone:
                    continue
                new, note = code, ""
                if id(e) in rotate:
                    level = code.rsplit("-", 1)[1]
                    same = [c for c in alive if c.rsplit("-", 1)[1] == level and c != code]
                    if same:
                        new, note = rng.choice(same), f"Điều động từ {d.name(code)}"
                units25[new].append(Entry(e.person, e.title, new, note))
        for i in range(55):
            code = rng.choice(alive)
            p = self.person("Giáo viên", "payroll", (1996, 2001), 0.85, "school")
            units25[code].append(Entry(p, "Giáo viên", code, f"Tuyển dụng năm {2022 + i % 4}"))

    def villages_2025(self, ncs_to_village: list[Entry], commune_of) -> None:
        """Villages keep their three posts (the national maximum once Resolution 22 ended); heads
        replaced at the 2022 and 2025 elections; village police workers become security team leaders."""
        rng, d = self.rng, self.d
        v21, o21 = self.units(S21, "ncs_village"), self.units(S21, "village_others")
        v25, o25 = self.units(S25, "ncs_village"), self.units(S25, "village_others")
        codes = list(v21)
        replace = set(rng.sample(codes, 32))
        movers = list(ncs_to_village)
        died = set(rng.sample(sorted(replace), 2))
        unknown = rng.choice(sorted(replace - died))
        for code in codes:
            es = [Entry(e.person, e.title, code, e.note) for e in v21[code]]
            if code in replace:
                old = next(e for e in v21[code] if e.title in ("Trưởng thôn", "Tổ trưởng tổ dân phố"))
                if movers:
                    m = movers.pop(0)
                    p, note, day = m.person, f"Nguyên {m.title} {d.label(m.unit)}", D(2022, 7, 1)
                else:
                    day = D(2022, 7, 1) if rng.random() < 0.7 else D(2025, 3, 1)
                    p, note = (
                        self.person(old.title, "ncs", (1968, 1990), 0.2, "village"),
                        f"Bầu năm {day.year}",
                    )
                # the new head takes every post the old one held (kiêm nhiệm: two rows)
                es = [
                    Entry(p, x.title, code, note if x.title == old.title else x.note)
                    if x.person is old.person
                    else x
                    for x in es
                ]
                if code in died:
                    self.leave(old, self.day_between(D(2022, 2, 1), D(2025, 5, 1)), "tu_tran", "xa_thon_2225")
                elif code == unknown:
                    self.leaves.append(Leave(old.person, old.title, code, day, "", ""))
                else:
                    self.leave(old, day, "het_nhiem_ky", "xa_thon_2225")
            v25[code] = es
            o25[code] = []
            for e in o21[code]:
                if e.title == CAV:
                    o25[code].append(Entry(e.person, ANTT, code, "Nguyên Công an viên"))
                else:
                    o25[code].append(Entry(e.person, e.title, code))
        # three security team leaders are new (the old village police workers left when the post ended)
        for code in rng.sample(codes, 3):
            p = self.person(ANTT, "ncs", (1975, 1995), 0.0, "village")
            o25[code][0] = Entry(p, ANTT, code, "Thành lập Tổ bảo vệ an ninh, trật tự năm 2024")

    # -- dates of birth -------------------------------------------------------------------------

    def finish_dates(self) -> None:
        """Dates of birth that fit the story: retirees reach the statutory age on their day, early
        retirees are within five years of it, everyone else in post is of age and not yet retired."""
        seen: dict[int, list[dt.date]] = {}
        for snap, sectors in self.lists.items():
            for units in sectors.values():
                for es in units.values():
                    for e in es:
                        seen.setdefault(id(e.person), []).append(snap)
        for lv in self.leaves:
            seen.setdefault(id(lv.person), []).append(lv.day)
        rng = self.rng
        for key, m in self.meta.items():
            p = m["person"]
            days = seen.get(key)
            if not days:
                continue
            first, last = min(days), max(days)
            if m.get("retire_dob"):
                redate(self.people, p, m["retire_dob"])
                continue
            if m.get("early"):
                later = m["early"] + dt.timedelta(days=rng.randint(200, 1500))
                dob, _day = born_to_retire(rng, later.replace(day=1), p.sex)
                redate(self.people, p, dob)
                continue
            payroll = m["kind"] == "payroll"
            if fits(p.dob, p.sex, first, last, payroll):
                continue
            lo, hi = first.year - 55, first.year - 23
            for _ in range(500):
                dob = D(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
                if fits(dob, p.sex, first, last, payroll):
                    redate(self.people, p, dob)
                    break
            else:
                raise ValueError(f"no date of birth fits {p.name} ({first} - {last})")


def fits(dob: dt.date, sex: str, first: dt.date, last: dt.date, payroll: bool) -> bool:
    """Of age when first listed; payroll staff not yet at the retirement age when last in post,
    others not past 70."""
    if age_on(dob, first) < 22:
        return False
    return retires_on(dob, sex) > last if payroll else age_on(dob, last) <= 70
