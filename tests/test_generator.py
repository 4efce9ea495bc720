"""The bundled-data generator (raw/generate.py): deterministic, complete, readable."""

import csv
import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from pipelines.catalog import table_doc
from pipelines.loading.reference import DERIVED_KEYS, REFERENCE_TABLES

GENERATOR = Path(__file__).resolve().parents[1] / "raw" / "generate.py"
SNAPSHOTS = ("2016-11-30", "2019-05-31", "2021-11-30", "2025-11-30")
LISTS = ("personnel/", "leavers/")
# The columns the pipeline reads from each reference file: its raw table less the keys it derives.
REFERENCE_COLUMNS = {
    table: [c.name for c in table_doc("raw", table).columns if c.name not in DERIVED_KEYS.get(table, {})]
    for table in REFERENCE_TABLES
}
METRICS = {
    "staff_cut_total",
    "staff_cut_district_agencies",
    "staff_cut_education",
    "staff_cut_commune_officials",
    "units_cut_district_agencies",
    "units_cut_schools",
    "villages_merged_from",
    "villages_merged_into",
    "villages_net_cut",
    "ncs_commune_cut",
    "ncs_village_cut",
    "r22_achieved_pct",
    "villages_over_limit",
    "villages_within_limit_pct",
    "assigned_posts_cut",
    "payroll_postgraduate_pct",
}


def generate(out: Path, seed: int = 22) -> None:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


def reference(root: Path, name: str) -> list[dict[str, str]]:
    with open(root / "reference" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    generate(out)
    return out


def test_same_seed_gives_byte_identical_files(bundle, tmp_path):
    generate(tmp_path / "again")
    first, second = digests(bundle), digests(tmp_path / "again")
    assert first and first == second


def test_the_committed_bundle_is_what_the_generator_writes(bundle):
    committed = GENERATOR.parent
    in_repo = {
        name: digest for name, digest in digests(committed).items() if name.startswith(("reference/", *LISTS))
    }
    assert in_repo == digests(bundle)


def test_personnel_files_cover_every_commune_and_snapshot(bundle):
    files = [p for p in (bundle / "personnel").rglob("*") if p.is_file()]
    assert len(files) >= 20
    paths = [p.relative_to(bundle / "personnel").as_posix() for p in files]
    for snapshot in SNAPSHOTS:
        assert any(path.startswith(f"{snapshot}/") for path in paths), snapshot
    communes = [r for r in reference(bundle, "admin_units") if r["level"] == "commune"]
    before = [r["name"] for r in communes if r["valid_to"] == "2025-07-01"]
    after = [r["name"] for r in communes if r["valid_from"] == "2025-07-01"]
    assert (len(before), len(after)) == (13, 4)
    for commune in before:
        assert any(ascii_slug(commune) in path for path in paths), commune
    for commune in after:
        assert any(path.startswith("2025-11-30/") and ascii_slug(commune) in path for path in paths), commune


def test_leaver_lists_come_from_the_district_the_communes_and_the_new_communes(bundle):
    paths = [p.relative_to(bundle / "leavers").as_posix() for p in (bundle / "leavers").rglob("*.xlsx")]
    folders = {path.split("/")[0] for path in paths}
    assert {"UBND_huyen", "Phong_GDDT", "Xa_Thien_Ke", "Xa_Gia_Son"} <= folders
    assert len(paths) >= 30


def test_every_period_and_reason_the_lists_need_is_in_the_reference(bundle):
    periods = reference(bundle, "reporting_periods")
    assert {r["period"] for r in periods} == {"de_an_01", "sap_xep_2025"}
    reasons = {r["code"] for r in reference(bundle, "leave_reasons")}
    ended_by = {r["ended_by"] for r in reference(bundle, "positions")} - {""}
    assert ended_by <= reasons
    assert {"nghi_huu", "sap_xep_nq22", "nghi_huu_truoc_tuoi_178", "cham_dut_kct_cap_xa"} <= reasons


def test_every_workbook_opens_except_the_one_html_page(bundle):
    unreadable = []
    for path in sorted(p for kind in LISTS for p in (bundle / kind).rglob("*.xlsx")):
        try:
            openpyxl.load_workbook(path, read_only=True).close()
        except Exception:
            unreadable.append(path)
    assert len(unreadable) == 1
    assert unreadable[0].read_bytes().lstrip().lower().startswith((b"<!doctype html", b"<html"))


def test_csv_lists_decode_in_their_encodings(bundle):
    raw = {p.name: p.read_bytes() for p in (bundle / "personnel").rglob("*.csv")}
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw.values())  # UTF-8 with BOM
    texts = []
    for data in raw.values():
        try:
            texts.append(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            texts.append(unicodedata.normalize("NFC", data.decode("cp1258")))
    assert all("DANH SÁCH" in t for t in texts)


def test_reference_files_have_the_documented_columns(bundle):
    assert sorted(p.stem for p in (bundle / "reference").glob("*.csv")) == sorted(REFERENCE_COLUMNS)
    for name, columns in REFERENCE_COLUMNS.items():
        with open(bundle / "reference" / f"{name}.csv", encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == columns, name
        assert reference(bundle, name), name
    assert {r["metric"] for r in reference(bundle, "scorecard_metrics")} == METRICS
