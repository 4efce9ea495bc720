"""Every workbook format the reader takes (.xlsx, .xls, .xlsb, .ods): the first bytes of a file decide
how it is read, and password-protected, damaged and disguised files are rejected with a reason."""

import hashlib
import itertools
import os
import struct
import zipfile
import zlib
from pathlib import Path

import olefile
import openpyxl
import pytest
from conftest import HEADER, person, title_block
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from district import AS_OF, LISTS, SCORECARD, write_district
from formats import WRITERS, everything_read, write_xls
from msoffcrypto.format.ooxml import OOXMLFile
from pipeline import failed_checks

from pipelines.reading.files import parse_file
from pipelines.reading.isolation import Crashed, run_isolated

BUNDLE = Path(__file__).parent.parent / "raw" / "personnel"
ONE_LIST = {
    "DS": [*title_block("UBND XÃ THIỆN KẾ", AS_OF), HEADER, person(1, "An", "01/01/1970", "Nam", "X")]
}


def parse(path: Path, hasher):
    return parse_file(path, path.name, hasher)


@pytest.mark.parametrize(
    ("written_as", "named"),
    [(".xls", ".xlsx"), (".xlsx", ".xls"), (".xlsb", ".xlsx"), (".ods", ".xls"), (".xlsx", ".csv")],
)
def test_a_workbook_is_read_as_what_it_is_whatever_its_name_says(tmp_path, hasher, written_as, named):
    path = WRITERS[written_as](tmp_path / f"ds{written_as}", ONE_LIST).rename(tmp_path / f"ds{named}")
    parsed = parse(path, hasher)
    assert parsed.status == "loaded", parsed.rejection
    assert [row.values["full_name"] for row in parsed.lists[0].rows] == ["An"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bao-cao.xls", b"\xef\xbb\xbf  <html><table><tr><td>STT</td></tr></table></html>", "a web page"),
        ("bao-cao.ods", b"STT;Ho va ten\n1;An\n", "not an Excel or OpenDocument workbook"),
        ("notes.pdf", b"%PDF-1.4", "not a format lists are read from"),
    ],
)
def test_a_file_that_is_no_workbook_says_what_it_is(tmp_path, hasher, name, content, reason):
    (tmp_path / name).write_bytes(content)
    parsed = parse(tmp_path / name, hasher)
    assert parsed.status == "rejected" and reason in parsed.rejection.en
    assert "'" + Path(name).suffix + "'" in parsed.rejection.vi


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_a_damaged_workbook_is_rejected(tmp_path, hasher, suffix):
    whole = WRITERS[suffix](tmp_path / f"whole{suffix}", ONE_LIST).read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole[: len(whole) // 2])
    parsed = parse(cut, hasher)
    assert parsed.status == "rejected"
    assert "damaged" in parsed.rejection.en and "hỏng" in parsed.rejection.vi


def test_an_xls_whose_reader_aborts_is_rejected_and_the_next_one_is_read(tmp_path, hasher):
    xls = write_xls(tmp_path / "ds.xls", ONE_LIST).read_bytes()
    # A FAT of 2**32 sectors in the OLE header: calamine asks for 16 GiB at once, and Rust aborts
    # when the allocation fails.
    broken = tmp_path / "broken.xls"
    broken.write_bytes(xls[:44] + struct.pack("<I", 0xFFFFFFFF) + xls[48:])
    assert "damaged" in parse(broken, hasher).rejection.en
    assert parse(tmp_path / "ds.xls", hasher).status == "loaded"


def test_a_process_that_dies_is_reported_and_replaced():
    with pytest.raises(Crashed):
        run_isolated(os.abort)
    assert run_isolated(abs, -2) == 2


@pytest.mark.parametrize(
    ("locked", "name"),
    [
        ("encrypted", "ds.xlsx"),
        ("encrypted", "ds.xlsb"),
        ("encrypted", "ds.xls"),  # an encrypted .xlsx saved with an .xls name
        ("filepass", "ds.xls"),
        ("encrypted", "ds.ods"),
    ],
)
def test_a_password_protected_workbook_is_rejected_with_that_reason(tmp_path, hasher, locked, name):
    path = tmp_path / name
    written_as = ".xlsx" if path.suffix == ".xls" and locked == "encrypted" else path.suffix
    plain = WRITERS[written_as](tmp_path / f"plain{written_as}", ONE_LIST)
    if path.suffix == ".ods":
        _encrypt_open_document(plain, path)
    elif locked == "filepass":
        _mark_xls_encrypted(plain, path)
    else:
        with plain.open("rb") as source, path.open("wb") as target:
            OOXMLFile(source).encrypt("mat-khau", target)
    parsed = parse(path, hasher)
    assert parsed.status == "rejected"
    assert "password-protected" in parsed.rejection.en and "mật khẩu" in parsed.rejection.vi


def _mark_xls_encrypted(plain: Path, path: Path) -> None:
    """An .xls as Excel marks one saved with a password: a FILEPASS record (RC4) right after the first
    BOF, in place of the INTERFACEHDR record xlwt writes there. Only the mark: no writer here encrypts
    BIFF, and no reader gets past the mark."""
    path.write_bytes(plain.read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        after_bof = 4 + struct.unpack_from("<H", stream, 2)[0]
        assert struct.unpack_from("<HH", stream, after_bof) == (0x00E1, 2)  # INTERFACEHDR
        struct.pack_into("<HHH", stream, after_bof, 0x002F, 2, 0x0001)  # FILEPASS, RC4
        ole.write_stream("Workbook", bytes(stream))


def _encrypt_open_document(plain: Path, path: Path) -> None:
    """An .ods as LibreOffice saves it with a password (ODF 1.2): content.xml deflated, then encrypted
    with AES-256-CBC under a PBKDF2 key, and described in the manifest."""
    salt, vector, password = b"s" * 16, b"v" * 16, "mat-khau"
    with zipfile.ZipFile(plain) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    deflate = zlib.compressobj(wbits=-15)
    deflated = deflate.compress(parts["content.xml"]) + deflate.flush()
    key = hashlib.pbkdf2_hmac("sha1", hashlib.sha256(password.encode()).digest(), salt, 100_000, 32)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(vector)).encryptor()
    parts["content.xml"] = (
        encryptor.update(padder.update(deflated) + padder.finalize()) + encryptor.finalize()
    )
    described = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" '
        f'manifest:size="{len(deflated)}"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:'
        'tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="">'
        '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" '
        'manifest:iteration-count="100000"/></manifest:encryption-data></manifest:file-entry>'
    )
    manifest = parts["META-INF/manifest.xml"].decode()
    parts["META-INF/manifest.xml"] = manifest.replace(
        "</manifest:manifest>", described + "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            stored = name in ("mimetype", "content.xml")  # as the specification wants both
            target.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def _as_xls(xlsx: Path, xls: Path) -> Path:
    """The workbook saved as Excel 97-2003: its cells, merged ranges, dates (under dd/mm/yyyy) and
    hidden sheets, as Excel's 'Save as .xls' keeps them."""
    workbook = openpyxl.load_workbook(xlsx)
    sheets = {
        sheet.title: [list(row) for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)]
        for sheet in workbook.worksheets
    }
    hidden = [sheet.title for sheet in workbook.worksheets if sheet.sheet_state != "visible"]
    merged = {
        sheet.title: [str(cells) for cells in sheet.merged_cells.ranges] for sheet in workbook.worksheets
    }
    return write_xls(xls, sheets, hidden, merged=merged)


@pytest.mark.parametrize(
    "bundled",
    [
        "2021-11-30/Xa_Thien_Ke/DS_CBCC_Thien_Ke_2021-11-30.xlsx",  # real dates, a column-number row
        "2019-05-31/TT_Thanh_Lang/DS_NHDKCT_Thanh_Lang_2019-05-31.xlsx",  # two sheets, Nam/Nữ, sections
        "2016-11-30/UBND_huyen/DS_CBCCVC_phong_ban_2016-11-30.xlsx",  # 138 rows, units merged down
    ],
)
def test_a_bundled_list_saved_as_xls_loads_the_same_rows(tmp_path, hasher, bundled):
    xlsx = BUNDLE / bundled
    xls = _as_xls(xlsx, tmp_path / xlsx.with_suffix(".xls").name)
    as_xlsx, as_xls = parse(xlsx, hasher), parse(xls, hasher)
    assert as_xlsx.status == as_xls.status == "loaded"
    assert all(plist.rows for plist in as_xls.lists)
    assert everything_read(as_xls) == everything_read(as_xlsx)


def test_a_district_that_sends_every_format_gets_the_same_figures(workspace):
    """The tiny district of test_pipeline_small, its lists sent as .xls, .ods and .xlsb by turns."""
    suffixes = itertools.cycle([".xls", ".ods", ".xlsb"])
    lists = {name.replace(".xlsx", next(suffixes)): entry for name, entry in LISTS.items()}
    write_district(workspace.raw, lists)
    result = workspace.run()
    assert result.success, failed_checks(result)
    assert workspace.query("SELECT DISTINCT status FROM audit.load_log") == [("loaded",)]
    assert workspace.scorecard() == SCORECARD
