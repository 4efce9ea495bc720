"""Generate the bundled Bình Xuyên sample data: raw/reference/*.csv and raw/personnel/**.

    python raw/generate.py [--out raw] [--seed 22]
    python raw/generate.py --out warehouse/bench/100000 --rows 100000   # a country, for benchmarks

Deterministic: one seed gives byte-identical files. The district's units, people and lists are
invented (plausibly); only the totals the article reports are fixed, and they are reached by
construction (pick counts, then adjust), never written into any file (raw/README.md).
"""

from __future__ import annotations

import argparse
import random
import shutil
import unicodedata
from pathlib import Path

# Run as a script (python raw/generate.py), so raw/ is on sys.path and _generator importable.
from _generator.country import generate_country
from _generator.people import Entry, People, adjust, pick_leavers
from _generator.reference import (
    AGENCIES,
    AGENCY_HEADS,
    AGENCY_MERGERS,
    COMMUNE_CBCC,
    COMMUNE_CBCC_EXTRA,
    NCS92_MAX,
    NCS_COMMUNE,
    R22_COMMUNE_QUOTA,
    S16,
    S19,
    S21,
    SCHOOL_LEVELS,
    SCHOOL_MERGERS,
    VILLAGE_TDP,
    VILLAGE_THON,
    District,
)
from _generator.sheets import HTML, Grid, Sheet, make_layout, note_grid, render, write_csv, write_xlsx

# Calibration (raw/README.md): the lists are built so that the pipeline finds these.
PAYROLL_CUT = {"district_agencies": 11, "education": 144, "commune_officials": 45}
PAYROLL_HIRES = {"district_agencies": 1, "education": 12, "commune_officials": 3}
NCS_COMMUNE_CUT, NCS_VILLAGE_CUT = 143, 886
OVER_UNDER_PAIRS = {"BH": 2, "HC": 1, "SL": 1}  # villages one over / one under quota in 2021


# ----------------------------------------------------------------------------------------------
# The lists: who is where at each snapshot (calibrated by construction)


def build_lists(d: District, people: People) -> dict:
    rng = d.rng
    data: dict = {}  # (sector, snapshot) -> {unit_code: [Entry]}

    def payroll(sector, units16: dict[str, list[Entry]], moved, retitle, must=(), hire=None):
        flat = [e for es in units16.values() for e in es[1:]]  # heads stay
        gone = pick_leavers(rng, flat, PAYROLL_CUT[sector] + PAYROLL_HIRES[sector], must)
        units21: dict[str, list[Entry]] = {}
        for unit, es in units16.items():
            for e in es:
                if id(e) not in gone:
                    new = moved.get(unit, unit)
                    units21.setdefault(new, []).append(retitle(e, new, units21[new]))
        for _ in range(PAYROLL_HIRES[sector]):
            unit = rng.choice(sorted(units21))
            units21[unit].append(hire(unit))
        data[sector, S16], data[sector, S21] = units16, units21

    # District agencies
    moved = {f"BX-{o}": f"BX-{new}" for new, _k, _n, _s, olds in AGENCY_MERGERS for o in olds}
    units16 = {}
    for code, kind, _name, size in AGENCIES:
        head, dep, staff = AGENCY_HEADS[kind]
        n = rng.randint(*size)
        titles = [head, dep, *(dep for _ in range(n > 8))] + [staff[i % len(staff)] for i in range(n)]
        units16[f"BX-{code}"] = [
            Entry(people.for_title(t, (1960, 1992), 0.45, "agency"), t, f"BX-{code}") for t in titles[:n]
        ]

    def agency_retitle(e: Entry, new: str, sofar: list[Entry]) -> Entry:
        if e.unit == new:
            return Entry(e.person, e.title, new, e.note)
        kind = d.orgs[new]["kind"]
        head, dep, _staff = AGENCY_HEADS[kind]
        title = e.title
        if title in {h[0] for h in AGENCY_HEADS.values()}:
            title = head if not sofar else dep
        elif title in {h[1] for h in AGENCY_HEADS.values()}:
            title = dep if len(sofar) < 3 else "Kỹ thuật viên"
        return Entry(e.person, title, new, f"Nguyên {d.orgs[e.unit]['name']}")

    payroll(
        "district_agencies",
        units16,
        moved,
        agency_retitle,
        hire=lambda u: Entry(
            people.new((1988, 1996), 0.5, "agency"),
            AGENCY_HEADS[d.orgs[u]["kind"]][2][0],
            u,
            "Tuyển dụng năm 2020",
        ),
    )

    # Schools
    units16 = {}
    for short in d.communes:
        for lv in SCHOOL_LEVELS:
            n = rng.randint(25, 35)
            titles = ["Hiệu trưởng", "Phó Hiệu trưởng", "Kế toán", "Nhân viên văn thư"]
            titles += ["Phó Hiệu trưởng"] * (n > 30) + ["Nhân viên y tế"] * (lv == "MN")
            titles += ["Tổng phụ trách Đội", "Nhân viên thư viện"] * (lv != "MN")
            titles += ["Giáo viên"] * (n - len(titles))
            female = {"MN": 0.97, "TH": 0.85, "THCS": 0.7}[lv]
            units16[f"BX-{short}-{lv}"] = [
                Entry(people.for_title(t, (1962, 1994), female, "school"), t, f"BX-{short}-{lv}")
                for t in titles
            ]
    moved = {f"BX-{s}-{lv}": f"BX-{s}-THTHCS" for s in SCHOOL_MERGERS for lv in ("TH", "THCS")}

    def school_retitle(e: Entry, new: str, sofar: list[Entry]) -> Entry:
        if e.unit == new:
            return Entry(e.person, e.title, new, e.note)
        title, note = e.title, f"Nguyên {d.orgs[e.unit]['name']}"
        if title == "Hiệu trưởng" and any(x.title == "Hiệu trưởng" for x in sofar):
            title, note = "Phó Hiệu trưởng", f"Nguyên Hiệu trưởng {d.orgs[e.unit]['name']}"
        return Entry(e.person, title, new, note)

    payroll(
        "education",
        units16,
        moved,
        school_retitle,
        hire=lambda u: Entry(people.new((1994, 1998), 0.85, "school"), "Giáo viên", u, "Tuyển dụng năm 2020"),
    )

    # Commune officials (the commune police chiefs all leave: the regular police took over)
    units16, police = {}, []
    for c in d.communes.values():
        n = rng.randint(20, 23)
        titles = COMMUNE_CBCC + ["Trưởng Công an xã"] * (c["kind"] == "xã")
        titles += COMMUNE_CBCC_EXTRA[: n - len(titles)]
        units16[c["code"]] = [
            Entry(people.for_title(t, (1960, 1992), 0.35, "commune"), t, c["code"]) for t in titles
        ]
        police += [e for e in units16[c["code"]] if e.title == "Trưởng Công an xã"]
    payroll(
        "commune_officials",
        units16,
        {},
        lambda e, new, _s: Entry(e.person, e.title, new),
        must=police,
        hire=lambda u: Entry(
            people.new((1990, 1997), 0.5, "commune"), "Công chức Văn hóa - Xã hội", u, "Tuyển dụng 2021"
        ),
    )

    # Non-specialized, commune level: 2019 counts up to NĐ 92's maxima, 2021 = R22 quota
    cs = list(d.communes.values())
    quota = [R22_COMMUNE_QUOTA[c["type"]] for c in cs]
    maxes = [NCS92_MAX[c["type"]] for c in cs]
    counts = adjust(rng, [m - rng.randint(0, 2) for m in maxes], NCS_COMMUNE_CUT + sum(quota), 18, maxes)
    data["ncs_commune", S19], data["ncs_commune", S21] = {}, {}
    for c, n, q in zip(cs, counts, quota, strict=True):
        titles = NCS_COMMUNE[: n - (c["kind"] == "xã")] + ["Phó Trưởng Công an xã"] * (c["kind"] == "xã")
        titles += NCS_COMMUNE[4 : 4 + n - len(titles)]  # a second holder of some posts
        es = [Entry(people.for_title(t, (1962, 1996), 0.45, "ncs"), t, c["code"]) for t in titles]
        data["ncs_commune", S19][c["code"]] = es
        kept = [Entry(e.person, e.title, e.unit) for e in es[:q]]
        extras = [x for x in es[q:] if "Công an" not in x.title]
        for e, extra in zip(kept[3:], extras, strict=False):
            e.note = f"Kiêm {extra.title}" if rng.random() < 0.5 else ""
        data["ncs_commune", S21][c["code"]] = kept

    # Non-specialized, village level: 8-12 per village in 2019; 2021 = quotas, per commune exactly
    old = [v for s in d.communes for v in d.villages_at(s, S19)]
    counts = adjust(
        rng,
        [rng.randint(8, 12) for _ in old],
        NCS_VILLAGE_CUT + sum(d.village_quota_at(v) for s in d.communes for v in d.villages_at(s, S21)),
        8,
        [12] * len(old),
    )
    v19: dict[str, list[Entry]] = {}
    for code, n in zip(old, counts, strict=True):
        v = d.villages[code]
        titles = (VILLAGE_TDP if v["kind"] == "tổ dân phố" else VILLAGE_THON)[:n]
        es = []
        for t in titles:
            name = "Đào Trọng Anh" if (code == "BX-TK-01" and t == "Trưởng thôn") else None
            note = "Phó Bí thư Chi bộ" if name else ""
            es.append(Entry(people.for_title(t, (1960, 1990), 0.3, "village", name), t, code, note))
        v19[code] = es
    v21: dict[str, list[Entry]] = {}
    for short in d.communes:
        news = d.villages_at(short, S21)
        for code in news:
            olds = [o for o, v in d.villages.items() if v["merged_into"] == code] or [code]
            q = d.village_quota_at(code)
            heads = [v19[olds[1 % len(olds)]][0], v19[olds[0]][1], v19[olds[-1]][2]]
            es = [Entry(e.person, e.title, code, e.note) for e in heads]
            if q == 2:
                es[1].note, es = "Kiêm Bí thư Chi bộ", es[1:]
            v21[code] = es
        eligible = [c for c in news if d.village_quota_at(c) == 3 and c in v19]
        pairs = rng.sample(eligible, 2 * OVER_UNDER_PAIRS.get(short, 0))
        for over, under in zip(pairs[::2], pairs[1::2], strict=True):
            v21[over].append(Entry(v19[over][3].person, v19[over][3].title, over))
            v21[under] = v21[under][1:]
            v21[under][0].note = "Kiêm Bí thư Chi bộ"
    data["ncs_village", S19], data["ncs_village", S21] = v19, v21
    return data


# ----------------------------------------------------------------------------------------------
# The files: which lists go where, laid out how, with which deliberately wrong rows


def slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


def plan(d: District, data: dict, rng: random.Random, people: People) -> list:
    files: list[tuple[str, str, list]] = []  # (path under personnel/, format, sheets)

    def wrong(title, unit, what, qual="commune", **over) -> Entry:
        return Entry(people.new(qual=qual), title, unit, bad=what, over=over)

    # District agencies: one workbook per snapshot, the unit merged down over its rows
    for snap in (S16, S21):
        units = data["district_agencies", snap]
        signer = ("TRƯỞNG PHÒNG NỘI VỤ", units["BX-PNV"][0].person.name)
        heads = ("Đơn vị", "Đơn vị công tác")
        groups = [(d.orgs[u]["name"], list(es)) for u, es in units.items()]
        if snap == S16:
            bad = wrong("Chuyên viên", "BX-PTNMT", "CCCD of 10 digits", "agency")
            bad.over["cccd"] = bad.person.cccd[:10]
            groups[3][1].insert(len(groups[3][1]) - 1, bad)
            sheets = [
                Sheet(
                    "DS CBCCVC",
                    ["UBND HUYỆN BÌNH XUYÊN", "PHÒNG NỘI VỤ"],
                    "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC CÁC PHÒNG, BAN, CƠ QUAN THUỘC UBND HUYỆN",
                    snap,
                    groups,
                    make_layout(rng, "merged", heads, total="cong"),
                    "Bình Xuyên",
                    signer,
                )
            ]
        else:
            cc = [g for g, u in zip(groups, units, strict=True) if d.orgs[u]["kind"] == "phòng"]
            vc = [g for g in groups if g not in cc]
            sheets = [
                Sheet(
                    "Công chức",
                    ["UBND HUYỆN BÌNH XUYÊN"],
                    "DANH SÁCH CÔNG CHỨC CÁC PHÒNG CHUYÊN MÔN THUỘC UBND HUYỆN",
                    snap,
                    cc,
                    make_layout(rng, "merged", heads, title_date=True),
                    "Bình Xuyên",
                    signer,
                ),
                Sheet(
                    "Viên chức",
                    ["UBND HUYỆN BÌNH XUYÊN"],
                    "DANH SÁCH VIÊN CHỨC CÁC ĐƠN VỊ SỰ NGHIỆP THUỘC UBND HUYỆN",
                    snap,
                    vc,
                    make_layout(rng, "column", heads),
                    "Bình Xuyên",
                    signer,
                ),
            ]
        files.append((f"{snap}/UBND_huyen/DS_CBCCVC_phong_ban_{snap}.xlsx", "xlsx", sheets))

    # Schools: one workbook per school level from Phòng GD&ĐT, one sheet per school
    for snap in (S16, S21):
        books: dict[str, list] = {"MN": [], "TH": [], "THCS": []}
        for u, es in data["education", snap].items():
            short, lv = u.split("-")[1:]
            upper, commune = d.orgs[u]["name"].upper(), d.communes[short]["name"]
            rows = list(es)
            if snap == S16 and u == "BX-HS-TH":
                rows.insert(
                    2 * len(rows) // 3, wrong("Giáo viên", u, "empty name with an STT", "school", name="")
                )
            issuer = ["PHÒNG GD&ĐT BÌNH XUYÊN", upper] if rng.random() < 0.5 else [upper]
            title = rng.choice(["DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN", "DANH SÁCH VIÊN CHỨC"])
            books["THCS" if lv == "THTHCS" else lv].append(
                Sheet(
                    f"{lv.replace('THTHCS', 'TH&THCS')} {commune}",
                    issuer,
                    title,
                    snap,
                    [("", rows)],
                    make_layout(rng),
                    commune,
                    ("HIỆU TRƯỞNG", es[0].person.name),
                )
            )
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
            files.append(
                (f"{snap}/Phong_GDDT/DS_vien_chuc_{slug(SCHOOL_LEVELS[lv])}_{snap}.xlsx", "xlsx", sheets)
            )

    # Communes: CBCC (2016, 2021) and non-specialized lists (2019, 2021)
    for i, (short, c) in enumerate(d.communes.items()):
        folder = f"{'TT' if c['kind'] == 'thị trấn' else 'Xa'}_{slug(c['name'])}"
        ubnd = f"UBND {c['kind'].upper()} {c['name'].upper()}"
        cs = f"{c['kind'].upper()} {c['name'].upper()}"

        def issuer():
            return ["UBND HUYỆN BÌNH XUYÊN", ubnd] if rng.random() < 0.3 else [ubnd]  # noqa: B023

        for snap in (S16, S21):
            es = list(data["commune_officials", snap][c["code"]])
            chair = es[0].person.name
            if (short, snap) == ("GK", S21):
                es.insert(
                    9,
                    wrong(
                        "Công chức Tư pháp - Hộ tịch", c["code"], "date of birth 31/02/1970", dob="31/02/1970"
                    ),
                )
            if (short, snap) == ("DD", S21):
                es.append(
                    Entry(
                        es[4].person,
                        es[4].title,
                        c["code"],
                        es[4].note,
                        bad="same person listed twice (later copy)",
                    )
                )
            lay = make_layout(rng, nfd=(short, snap) in {("PX", S16), ("TK", S21)})
            name, fmt = f"DS_CBCC_{slug(c['name'])}_{snap}.xlsx", "xlsx"
            if (short, snap) == ("PX", S16):
                name, lay.title_date = f"DS_CBCC_{slug(c['name'])}.xlsx", True
            if (short, snap) == ("TM", S16):
                name, fmt = name.replace(".xlsx", ".csv"), "csv-utf8"
            files.append(
                (
                    f"{snap}/{folder}/{name}",
                    fmt,
                    [
                        Sheet(
                            "CBCC",
                            issuer(),
                            f"DANH SÁCH CÁN BỘ, CÔNG CHỨC {cs}",
                            snap,
                            [("", es)],
                            lay,
                            c["name"],
                            ("CHỦ TỊCH", chair),
                        )
                    ],
                )
            )

        for snap in (S19, S21):
            chair = data["commune_officials", S16 if snap == S19 else S21][c["code"]][0]
            signer = ("CHỦ TỊCH", chair.person.name)
            nfd = (short, snap) == ("HS", S19)
            ces = list(data["ncs_commune", snap][c["code"]])
            if (short, snap) == ("TP", S19):
                ces.insert(
                    6, wrong("Nhân viên bảo vệ", c["code"], "position title not in positions.csv", "ncs")
                )
            mode = "column" if (short, snap) == ("SL", S21) else rng.choice(["sections", "column"])
            bare = mode == "column" and rng.random() < 0.4
            heads = ("Thôn, TDP", "Thôn, TDP", "Thôn" if c["kind"] == "xã" else "Tổ dân phố")
            lay_v = make_layout(rng, mode, heads, nfd=nfd)
            if bare:
                up = lay_v.heads["name"].isupper()
                lay_v.heads["unit"] = heads[2].upper() if up else heads[2]
            tdp = rng.choice(["TDP", "Tổ dân phố"])
            vgroups = []
            for v in d.villages_at(short, snap):
                vn, kind = d.villages[v]["name"], d.villages[v]["kind"]
                label = vn if bare else (f"Thôn {vn}" if kind == "thôn" else f"{tdp} {vn}")
                vgroups.append((label, list(data["ncs_village", snap][v])))
            if (short, snap) == ("TM", S19):
                vgroups[4][1].append(
                    wrong(
                        "Chi hội trưởng Nông dân", "", "date of birth 'không rõ'", "village", dob="không rõ"
                    )
                )
            if (short, snap) == ("SL", S21):
                vgroups.insert(
                    3,
                    (
                        "Thôn Đồng Bến",
                        [wrong("Trưởng thôn", "", "village 'Thôn Đồng Bến' not in admin_units", "village")],
                    ),
                )
            sc = Sheet(
                "Cấp xã",
                issuer(),
                "DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH CẤP XÃ",
                snap,
                [("", ces)],
                make_layout(rng, nfd=nfd),
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
            two_files = {("TH", S21): True, ("HS", S21): True, ("QL", S19): False}.get(
                (short, snap), two_files
            )
            base = f"{snap}/{folder}/DS_NHDKCT"
            if not two_files:
                dated = (short, snap) != ("QL", S19)
                if not dated:
                    sc.lay.title_date = sv.lay.title_date = True
                name = f"{base}_{slug(c['name'])}" + (f"_{snap}" if dated else "")
                files.append((name + ".xlsx", "xlsx", [sc, sv]))
                continue
            files.append((f"{base}_cap_xa_{slug(c['name'])}_{snap}.xlsx", "xlsx", [sc]))
            name, fmt = f"{base}_thon_TDP_{slug(c['name'])}_{snap}.xlsx", "xlsx"
            if (short, snap) == ("BH", S19):
                name, fmt = name.replace(".xlsx", ".csv"), "csv-bom"
            if (short, snap) == ("TH", S21):
                name, fmt = name.replace(".xlsx", ".csv"), "csv-1258"
            if (short, snap) == ("HS", S21):
                name, sv.lay.title_date = name.replace(f"_{snap}", ""), True
            files.append((name, fmt, [sv]))
    files.append((f"{S21}/Xuat_tu_phan_mem/DS_CBCC_cap_xa_xuat_web_{S21}.xlsx", "html", []))
    return files


def generate(out: Path, seed: int = 22) -> dict:
    """Write raw/reference and raw/personnel under `out`; return a summary."""
    rng = random.Random(seed)
    district = District(rng)
    people = People(rng)
    data = build_lists(district, people)
    files = plan(district, data, rng, people)
    for sub in ("reference", "personnel"):
        shutil.rmtree(out / sub, ignore_errors=True)
    summary = {
        "reference": district.write_reference(out),
        "files": [],
        "wrong_rows": [],
        "counts": {f"{s} {snap}": sum(map(len, units.values())) for (s, snap), units in data.items()},
    }
    csv_formats = {"csv-utf8": ("utf-8", ","), "csv-bom": ("utf-8-sig", ","), "csv-1258": ("cp1258", ";")}
    for rel, fmt, sheets in files:
        path = out / "personnel" / rel
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
    print(
        f"wrote {len(s['files'])} personnel files and {len(s['reference'])} reference files under {args.out}"
    )
    print("reference rows: " + ", ".join(f"{k} {v}" for k, v in s["reference"].items()))
    print(
        "list rows (before the extra wrong rows): "
        + ", ".join(f"{k} {v}" for k, v in sorted(s["counts"].items()))
    )
    for rel, sheet, row, what in s["wrong_rows"]:
        print(f"wrong row: {rel} [{sheet}] row {row}: {what}")


if __name__ == "__main__":
    main()
