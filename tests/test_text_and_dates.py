"""Pure functions: Vietnamese text folding, unit keys, header matching and date parsing."""

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipelines.reading.dates import NotADate, date_in_filename, date_in_title, parse_date
from pipelines.reading.headers import Field, field_of
from pipelines.reading.text import clean, fold, unit_key

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("  Nguyễn   Văn  An ", "Nguyễn Văn An"),
        (NFD("Nguyễn Văn An"), "Nguyễn Văn An"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_clean_gives_nfc_with_single_spaces(written, expected):
    assert clean(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Trưởng thôn", "truong thon"),
        ("TRƯỞNG  THÔN ", "truong thon"),
        (NFD("Trưởng thôn"), "truong thon"),
        ("Đảng ủy", "dang uy"),
        ("Công chức Địa chính - Xây dựng", "cong chuc dia chinh xay dung"),
    ],
)
def test_fold_ignores_case_diacritics_and_punctuation(written, expected):
    assert fold(written) == expected


def _fold_whole_text(text: str, keep_marks: bool) -> str:
    """fold() as written down: the whole text at once (fold() works character by character)."""
    text = (clean(text) or "").casefold()
    if not keep_marks:
        text = "".join(
            ch for ch in unicodedata.normalize("NFD", text.replace("đ", "d")) if not unicodedata.combining(ch)
        )
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


@given(st.text(), st.booleans())
@example("ĐỒNG  Lãng_(TDP) Straße İ\u00a0a\u0301", False)
@example("ĐỒNG  Lãng_(TDP) Straße İ\u00a0a\u0301", True)
def test_fold_character_by_character_is_folding_the_whole_text(text, keep_marks):
    assert fold(text, keep_marks) == _fold_whole_text(text, keep_marks)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thôn Gò Cao", "go cao"),
        ("thôn gò cao", "go cao"),
        ("TDP Số 3", "so 3"),
        ("Tổ dân phố Tiền Phong", "tien phong"),
        ("UBND xã Thiện Kế", "thien ke"),
        ("ỦY BAN NHÂN DÂN THỊ TRẤN HƯƠNG CANH", "huong canh"),
        ("TT. Gia Khánh", "gia khanh"),
        ("UBND PHƯỜNG TÂN CANH", "tan canh"),  # the commune-level kinds of 2025
        ("Đặc khu Cô Tô", "co to"),
        ("Phòng Nội vụ", "phong noi vu"),
        ("Thôn", "thon"),  # a bare prefix is a name, not nothing
    ],
)
def test_unit_key_drops_administrative_prefixes(written, expected):
    assert unit_key(written) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("STT", Field.ROW_NUMBER),
        ("Họ và tên", Field.FULL_NAME),
        ("HỌ TÊN", Field.FULL_NAME),
        (NFD("Họ và tên"), Field.FULL_NAME),
        ("Ngày, tháng, năm sinh", Field.BIRTH_DATE),
        ("Ngày sinh", Field.BIRTH_DATE),
        ("Giới tính", Field.SEX),
        ("Chức danh", Field.POSITION),
        ("Chức vụ", Field.POSITION),
        ("Thôn, TDP", Field.UNIT),
        ("Đơn vị công tác", Field.UNIT),
        ("Số CMND/CCCD", Field.NATIONAL_ID),
        ("Số định danh", Field.NATIONAL_ID),
        ("Trình độ chuyên môn", Field.QUALIFICATION),
        ("Ghi chú", Field.NOTE),
        ("Quê quán", None),
    ],
)
def test_headers_are_recognised_whatever_their_form(header, field):
    assert field_of(header) is field


@pytest.mark.parametrize(
    ("cell", "expected", "year_only"),
    [
        ("1970-03-12 00:00:00", date(1970, 3, 12), False),  # a real Excel date, as the reader renders it
        ("12/03/1970", date(1970, 3, 12), False),
        ("12-3-1970", date(1970, 3, 12), False),
        ("12.03.1970", date(1970, 3, 12), False),
        (" 1/1/2000 ", date(2000, 1, 1), False),
        ("1968", date(1968, 1, 1), True),
        ("25569", date(1970, 1, 1), False),  # an Excel serial typed as a plain number
        ("25569.0", date(1970, 1, 1), False),
    ],
)
def test_dates_in_the_forms_clerks_write(cell, expected, year_only):
    assert parse_date(cell) == (expected, year_only)


@pytest.mark.parametrize("cell", ["31/02/1970", "không rõ", "5", "12/13/1970", "1970-02-30", ""])
def test_impossible_dates_are_refused(cell):
    with pytest.raises(NotADate):
        parse_date(cell)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tính đến ngày 30/11/2021", date(2021, 11, 30)),
        ("(Tính đến ngày 30 tháng 11 năm 2021)", date(2021, 11, 30)),
        ("tính đến 31-05-2019", date(2019, 5, 31)),
        (NFD("TÍNH ĐẾN NGÀY 30/11/2016"), date(2016, 11, 30)),
        ("Tính đến ngày 31/02/2021", None),
        ("DANH SÁCH CÁN BỘ", None),
    ],
)
def test_snapshot_date_from_the_title(line, expected):
    assert date_in_title(line) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DS_thon_ThienKe_2021-11-30.xlsx", date(2021, 11, 30)),
        ("2019-05-31 danh sach.csv", date(2019, 5, 31)),
        ("danh sach.xlsx", None),
        ("ds_2021-13-01.xlsx", None),
    ],
)
def test_snapshot_date_from_the_file_name(name, expected):
    assert date_in_filename(name) == expected
