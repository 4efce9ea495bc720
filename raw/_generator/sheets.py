"""Layouts and rendering: a list becomes a grid of cells, written as xlsx (XlsxWriter) or csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from .people import Entry

ROMAN = [
    tens + ones
    for tens in ("", "X", "XX", "XXX")
    for ones in ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    if tens + ones
]
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class Layout:
    cols: list[str]
    heads: dict[str, str]
    colnums: bool = False
    total: str = ""  # "" | "cong" | "so"
    dates: str = "excel"  # excel | slash | dash
    year_only: bool = False  # older people with only their year of birth
    unit_mode: str = "issuer"  # issuer | column | sections | merged
    roman: bool = True
    restart: bool = False  # STT restarts in each section
    nfd: bool = False
    quirks: bool = False
    title_date: bool = True
    gaps: bool = False  # blank rows inside the table


def make_layout(rng, unit_mode="issuer", unit_heads=("Đơn vị",), **kw) -> Layout:
    split_dob, split_qual = rng.random() < 0.4, rng.random() < 0.08
    ident = ["id"]
    cols = ["stt", "unit", "name"] if unit_mode == "merged" else ["stt", "name"]
    cols += ["dob_m", "dob_f"] if split_dob else ["dob", "sex"]
    cols += ident if rng.random() < 0.3 else []
    cols += ["ethnic"] * (rng.random() < 0.2) + ["title"] + ["unit"] * (unit_mode == "column")
    cols += ["qual_cm", "qual_ll"] if split_qual else ["qual"]
    cols += [] if "id" in cols else ident
    cols += ["note"]
    heads = {
        "stt": rng.choice(["STT", "STT", "Stt", "TT"]),
        "name": rng.choice(["Họ và tên", "Họ tên", "Họ và tên"]),
        "dob": rng.choice(["Ngày sinh", "Ngày tháng năm sinh"]),
        "sex": "Giới tính",
        "dob_top": "Ngày tháng năm sinh",
        "dob_m": "Nam",
        "dob_f": "Nữ",
        "ethnic": "Dân tộc",
        "title": rng.choice(["Chức vụ", "Chức danh"]),
        "unit": rng.choice(unit_heads),
        "id": rng.choice(["Số CCCD", "Số CMND/CCCD", "Số định danh"]),
        "qual": "Trình độ chuyên môn",
        "qual_top": "Trình độ",
        "qual_cm": "Chuyên môn",
        "qual_ll": "Lý luận chính trị",
        "note": "Ghi chú",
    }
    if rng.random() < 0.25:
        heads = {k: v.upper() for k, v in heads.items()}
    lay = Layout(
        cols,
        heads,
        colnums=rng.random() < 0.4,
        total=rng.choice(["cong", "cong", "so", "so", ""]),
        dates=rng.choice(["excel", "excel", "excel", "slash", "slash", "dash"]),
        year_only=rng.random() < 0.3,
        unit_mode=unit_mode,
        roman=rng.random() < 0.7,
        restart=rng.random() < 0.4,
        quirks=rng.random() < 0.3,
        title_date=rng.random() < 0.9,
        gaps=rng.random() < 0.25,
    )
    for k, v in kw.items():
        setattr(lay, k, v)
    return lay


LEAVER_HEADS = {
    "reason": ["Lý do / Hình thức", "Lý do nghỉ", "Hình thức", "Lý do"],
    "left_on": ["Thời điểm nghỉ", "Thời điểm nghỉ việc", "Ngày nghỉ", "Nghỉ từ ngày"],
    "decision": ["Số quyết định", "Quyết định số", "Số QĐ"],
}


def bundle_layout(
    rng, unit_mode="issuer", unit_heads=("Đơn vị",), ident=None, polit=None, leaver=None, **kw
) -> Layout:
    """A layout of the bundled district: make_layout's (the same draws), then an ID column forced in or
    out, a political-theory column ("one": its own header; "two": under "Trình độ" beside
    "Chuyên môn"), and a leaver list's columns (`leaver`: a set of "reason", "decision"; the date of
    leaving always). A date of birth is written as a bare year only in a list with ID numbers."""
    lay = make_layout(rng, unit_mode, unit_heads, **kw)
    cols = lay.cols
    if ident is not None and ident != ("id" in cols):
        if ident:
            cols.insert(cols.index("note"), "id")
        else:
            cols.remove("id")
    if polit == "one" and "qual" in cols:
        cols.insert(cols.index("qual") + 1, "polit")
    elif polit == "two" and "qual" in cols:
        at = cols.index("qual")
        cols[at : at + 1] = ["qual_cm", "qual_ll"]
    elif polit is False and "qual_cm" in cols:
        at = cols.index("qual_cm")
        cols[at : at + 2] = ["qual"]
    lay.heads["polit"] = lay.heads["qual_ll"]
    if leaver is not None:
        extra = [c for c in ("reason", "left_on", "decision") if c in leaver or c == "left_on"]
        at = cols.index("note")
        cols[at:at] = extra
        upper = lay.heads["name"].isupper()
        for c in extra:
            head = rng.choice(LEAVER_HEADS[c])
            lay.heads[c] = head.upper() if upper else head
        lay.year_only = False
    if "id" not in cols:
        lay.year_only = False
    return lay


WIDTH = {
    "stt": 5,
    "name": 24,
    "dob": 12,
    "dob_m": 11,
    "dob_f": 11,
    "sex": 8,
    "ethnic": 8,
    "title": 30,
    "unit": 26,
    "qual": 16,
    "qual_cm": 14,
    "qual_ll": 12,
    "id": 15,
    "note": 22,
    "polit": 12,
    "reason": 26,
    "left_on": 12,
    "decision": 22,
}
TOP = {"dob_m": "dob_top", "dob_f": "dob_top", "qual_cm": "qual_top", "qual_ll": "qual_top"}


@dataclass
class Sheet:
    name: str
    issuer: list[str]
    title: str
    date: dt.date
    groups: list[tuple[str, list[Entry]]]  # (unit as written, its rows)
    lay: Layout
    place: str
    signer: tuple[str, str]  # (title, name)


@dataclass
class Grid:
    name: str
    cells: dict = field(default_factory=dict)  # (row, col) -> (value, style)
    merges: list = field(default_factory=list)
    widths: list = field(default_factory=list)
    bad: list = field(default_factory=list)  # (excel row, what is wrong)

    def put(self, r, c, v, st="cell", r2=None, c2=None):
        self.cells[r, c] = (v, st)
        if (r2 or r, c2 or c) != (r, c):
            self.merges.append((r, c, r2 or r, c2 or c))


def quirk(rng, text: str, upper_ok=True) -> str:
    roll = rng.random()
    if roll < 0.06:
        return text.replace(" ", "  ", 1)
    if roll < 0.1:
        return (text.upper() + " ") if upper_ok else (" " + text)
    if roll < 0.13:
        return text.lower().replace(" ", "  ", 1)
    return text


def dob_cell(e: Entry, lay: Layout):
    if "dob" in e.over:
        return e.over["dob"]
    d = e.person.dob
    if lay.year_only and d.year < 1966 and e.person.cccd[-3] in "0123" and not e.over.get("dob_full"):
        return d.year if lay.dates == "excel" else str(d.year)
    return {"excel": d, "slash": f"{d:%d/%m/%Y}", "dash": f"{d.day}-{d.month}-{d.year}"}[lay.dates]


def render(sh: Sheet, rng) -> Grid:
    lay, g = sh.lay, Grid(sh.name)
    cols, n = lay.cols, len(lay.cols)
    g.widths = [WIDTH[c] for c in cols]
    half = max(2, n // 2 - 1)
    for i, line in enumerate(sh.issuer):
        g.put(i, 0, line, "issuer" if i == len(sh.issuer) - 1 else "plain", c2=half - 1)
    g.put(0, half, MOTTO[0], "issuer", c2=n - 1)
    g.put(1, half, MOTTO[1], "motto", c2=n - 1)
    g.put(3, 0, quirk(rng, sh.title, False) if lay.quirks else sh.title, "title", c2=n - 1)
    r = 4
    if lay.title_date:
        text = rng.choice(
            [
                "Tính đến ngày {:%d/%m/%Y}",
                "Tính đến ngày {:%d/%m/%Y}",
                "(Tính đến ngày {:%d/%m/%Y})",
                "Tính đến ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
            ]
        )
        g.put(4, 0, text.format(sh.date, d=sh.date), "sub", c2=n - 1)
        r = 5
    r += 1
    two = any(c in TOP for c in cols)
    for i, c in enumerate(cols):
        if c in TOP:
            if i == 0 or TOP.get(cols[i - 1]) != TOP[c]:
                g.put(r, i, lay.heads[TOP[c]], "head", c2=i + 1)
            g.put(r + 1, i, lay.heads[c], "head")
        else:
            g.put(r, i, lay.heads[c], "head", r2=r + 1 if two else r)
    r += 2 if two else 1
    if lay.colnums:
        for i in range(n):
            g.put(r, i, i + 1, "num")
        r += 1
    stt, rows = 0, 0
    r += lay.gaps and lay.unit_mode != "sections"
    for gi, (label, entries) in enumerate(sh.groups):
        r += lay.gaps and gi > 0 and lay.unit_mode == "sections"
        if lay.unit_mode == "sections":
            g.put(r, 0, ROMAN[gi] if lay.roman else None, "sect")
            g.put(r, 1, label, "sect", c2=n - 1)
            r, stt = r + 1, 0 if lay.restart else stt
        first = r
        for e in entries:
            stt, rows = stt + 1, rows + 1
            p = e.person
            name = e.over.get("name", p.name)
            title = e.over.get("title", e.title)
            if lay.quirks and not e.bad:
                name, title = quirk(rng, name), quirk(rng, title)
            dob = dob_cell(e, lay)
            vals = {
                "stt": stt,
                "name": name or None,
                "dob": dob,
                "sex": e.over.get("sex", "Nữ" if p.sex == "F" else "Nam"),
                "dob_m": dob if p.sex == "M" or "both" in e.over else None,
                "dob_f": dob if p.sex == "F" or "both" in e.over else None,
                "title": title,
                "ethnic": "Sán Dìu" if p.cccd[-2] == "0" else "Kinh",
                "unit": e.over.get("unit", label),
                "qual": e.over.get("qual", p.qual) or None,
                "qual_cm": e.over.get("qual", p.qual) or None,
                "qual_ll": ["", "Sơ cấp", "Trung cấp", "Cao cấp"][int(p.cccd[-1]) % 4] or None,
                "id": e.over.get("cccd", p.cccd),
                "note": e.note or None,
                "reason": e.over.get("reason") or None,
                "left_on": e.over.get("left_on"),
                "decision": e.over.get("decision") or None,
            }
            vals["polit"] = vals["qual_ll"]
            for i, c in enumerate(cols):
                if c == "unit" and lay.unit_mode == "merged":
                    continue
                v = vals[c]
                st = (
                    "date"
                    if isinstance(v, dt.date)
                    else (
                        "ccell" if c in ("stt", "sex", "dob", "dob_m", "dob_f", "id", "left_on") else "cell"
                    )
                )
                g.put(r, i, v, st)
            if e.bad:
                g.bad.append((r + 1, e.bad))
            r += 1
        if lay.unit_mode == "merged":
            g.put(first, cols.index("unit"), label, "unit", r2=r - 1)
    if lay.total:
        text = f"Tổng cộng: {rows} người" if lay.total == "cong" else f"Tổng số: {rows}"
        g.put(r, 0, text, "total", c2=cols.index("name"))
        r += 1
    r += 1
    right = max(n - 3, 2)
    d = sh.date
    g.put(r, right, f"{sh.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", "foot", c2=n - 1)
    g.put(r + 1, 0, "NGƯỜI LẬP BIỂU", "footb", c2=1)
    g.put(r + 1, right, sh.signer[0], "footb", c2=n - 1)
    g.put(r + 2, right, "(Ký, ghi rõ họ tên)", "foot", c2=n - 1)
    g.put(r + 5, right, sh.signer[1], "footb", c2=n - 1)
    if lay.nfd:
        g.cells = {
            k: (unicodedata.normalize("NFD", v) if isinstance(v, str) else v, s)
            for k, (v, s) in g.cells.items()
        }
    return g


def note_grid(name: str, lines: list[str]) -> Grid:
    g = Grid(name, widths=[100])
    for i, line in enumerate(lines):
        g.put(i, 0, line, "title" if i == 0 else "plain")
    return g


STYLES = {
    "plain": {},
    "issuer": {"bold": True, "align": "center"},
    "motto": {"bold": True, "align": "center", "underline": 1},
    "title": {"bold": True, "align": "center", "font_size": 14},
    "sub": {"italic": True, "align": "center"},
    "total": {"bold": True, "border": 1},
    "head": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1},
    "num": {"italic": True, "align": "center", "border": 1},
    "cell": {"border": 1},
    "ccell": {"border": 1, "align": "center"},
    "sect": {"bold": True, "border": 1},
    "date": {"border": 1, "align": "center", "num_format": "dd/mm/yyyy"},
    "unit": {"border": 1, "valign": "vcenter", "text_wrap": True},
    "foot": {"italic": True, "align": "center"},
    "footb": {"bold": True, "align": "center"},
}
CREATED = dt.datetime(2021, 12, 1, 8, 0, 0)


def write_xlsx(path: Path, grids: list[Grid]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # in memory: fixed zip timestamps
    wb.set_properties({"created": CREATED, "author": "Bình Xuyên", "company": "UBND huyện"})
    fmts = {
        k: wb.add_format({"font_name": "Times New Roman", "font_size": 12, **v}) for k, v in STYLES.items()
    }
    for g in grids:
        ws = wb.add_worksheet(g.name)
        for c, w in enumerate(g.widths):
            ws.set_column(c, c, w)
        for r1, c1, r2, c2 in g.merges:
            ws.merge_range(r1, c1, r2, c2, "", fmts[g.cells[r1, c1][1]])
        for (r, c), (v, st) in sorted(g.cells.items()):
            f = fmts[st]
            if v is None:
                ws.write_blank(r, c, None, f)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f)
            elif isinstance(v, int):
                ws.write_number(r, c, v, f)
            else:
                ws.write_string(r, c, v, f)
    wb.close()


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as separate combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            out += (base + "".join(c for c in nfd if c in TONES)).encode("cp1258")
    return bytes(out)


def write_csv(path: Path, g: Grid, encoding: str, delimiter: str) -> None:
    nr = max(r for r, _ in g.cells) + 1
    rows = [[""] * len(g.widths) for _ in range(nr)]
    for (r, c), (v, _st) in g.cells.items():
        rows[r][c] = "" if v is None else f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else str(v)
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))


HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Phần mềm quản lý cán bộ - Xuất báo cáo</title>
</head><body><div class="header">HỆ THỐNG QUẢN LÝ CÁN BỘ, CÔNG CHỨC</div>
<div class="alert">Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tải báo cáo.</div>
<form method="post" action="/dang-nhap"><input name="username"><input name="password"
type="password"><button>Đăng nhập</button></form></body></html>
"""
