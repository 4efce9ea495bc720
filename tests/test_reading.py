"""The reader on real files written here: layouts, row outcomes, rejected files."""

from datetime import date, datetime

import pytest
from conftest import HEADER, person, title_block, to_cp1258, write_workbook
from formats import WRITERS, everything_read

from pipelines.reading.files import parse_file

SNAPSHOT = date(2021, 11, 30)
FOOTER = [
    [],
    [None, None, None, "Thiện Kế, ngày 30 tháng 11 năm 2021"],
    [None, None, None, "CHỦ TỊCH"],
    [None, None, None, "Nguyễn Văn Ký"],
]


def parse(path, hasher, name=None):
    return parse_file(path, name or path.name, hasher)


@pytest.fixture(params=sorted(WRITERS))
def workbook(request, tmp_path):
    """Writes ds.<suffix> in each workbook format in turn, by a writer of that format."""
    return lambda sheets, **options: WRITERS[request.param](
        tmp_path / f"ds{request.param}", sheets, **options
    )


def test_a_classic_commune_list(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        HEADER,
        [1, 2, 3, 4, 5, 6, 7],  # the column-number row
        person(1, "Nguyễn Văn An", datetime(1970, 3, 12), "Nam", "Chủ tịch UBND", "026070001234"),
        person(2, "Lê Thị Bình", "12/03/1975", "Nữ", "Công chức Tư pháp - Hộ tịch", "026175001235"),
        [],
        ["Tổng cộng: 2 người"],
        *FOOTER,
    ]
    parsed = parse(workbook({"DS": rows}), hasher)
    assert parsed.status == "loaded", parsed.rejection
    [plist] = parsed.lists
    assert plist.snapshot_date == SNAPSHOT
    assert plist.issuer == ["UBND XÃ THIỆN KẾ"]
    assert plist.layout.declared_total == 2
    assert [r.excel_row for r in plist.rows] == [8, 9]
    first, second = plist.rows
    assert first.values["full_name"] == "Nguyễn Văn An"
    assert first.values["birth_date"] == date(1970, 3, 12)
    assert second.values["sex"] == "Nữ"
    assert first.problems == second.problems == []


# A commune list as offices lay it out: a title block, a two-level header whose date of birth is split
# under Nam and Nữ, a column-number row, sections naming villages, a totals row and a signature footer.
COMMUNE_LIST = [
    *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
    ["STT", "Họ và tên", "Ngày tháng năm sinh", None, "Chức danh", "Số CCCD"],
    [None, None, "Nam", "Nữ", None, None],
    [1, 2, 3, 4, 5, 6],
    ["I", "Thôn Gò Cao"],
    [1, "Nguyễn Văn An", datetime(1970, 3, 12), None, "Trưởng thôn", "026070001234"],
    [2, "Lê Thị Bình", None, "12/03/1975", "Công an viên", "026175001235"],
    ["II", "Thôn Rừng Sằm"],
    [3, "Trần Thị Cúc", None, datetime(1980, 5, 1), "Trưởng thôn", 26180001236],
    ["Tổng cộng: 3 người"],
    *FOOTER,
]
COMMUNE_LIST_MERGED = ["A1:C1", "A4:F4", "A5:F5", "A6:A7", "B6:B7", "C6:D6", "E6:E7", "F6:F7", "B9:F9"]


def test_a_commune_list_with_a_merged_two_level_header_reads_alike_in_every_format(
    workbook, tmp_path, hasher
):
    sheets = {"DS": COMMUNE_LIST, "Ẩn": COMMUNE_LIST}
    options = {"hidden": ["Ẩn"], "merged": {"DS": COMMUNE_LIST_MERGED}}
    parsed = parse(workbook(sheets, **options), hasher)
    assert parsed.status == "loaded", parsed.rejection
    assert parsed.sheets_without_list == ["Ẩn (hidden)"]
    [plist] = parsed.lists
    assert [
        (r.excel_row, r.values["sex"], r.values["birth_date"], r.values["unit_text"]) for r in plist.rows
    ] == [
        (10, "Nam", date(1970, 3, 12), "Thôn Gò Cao"),
        (11, "Nữ", date(1975, 3, 12), "Thôn Gò Cao"),
        (13, "Nữ", date(1980, 5, 1), "Thôn Rừng Sằm"),
    ]
    assert plist.rows[2].problems[0].en.startswith("row 13: the ID number")  # a number that lost its 0
    # every cell, value and reason as read from the same list written by openpyxl as .xlsx
    as_xlsx = parse(write_workbook(tmp_path / "as.xlsx", sheets, **options), hasher)
    assert everything_read(parsed) == everything_read(as_xlsx)


def test_a_column_number_row_may_skip_the_number_of_a_deleted_column(workbook, hasher):
    rows = [*title_block("UBND XÃ THIỆN KẾ", SNAPSHOT), HEADER, ["(1)", "(2)", "(3)", "(5)", "(6)"]]
    rows.append(person(1, "Nguyễn Văn An", datetime(1970, 3, 12), "Nam", "Chủ tịch UBND", "026070001234"))
    parsed = parse(workbook({"DS": rows}), hasher)
    assert [row.excel_row for row in parsed.lists[0].rows] == [len(rows)]


def test_a_first_row_of_numbers_that_do_not_count_up_is_data_not_column_numbers(workbook, hasher):
    rows = [*title_block("UBND XÃ THIỆN KẾ", SNAPSHOT), HEADER, ["0", 0]]
    parsed = parse(workbook({"DS": rows}), hasher)
    [row] = parsed.lists[0].rows
    assert row.excel_row == len(rows)
    assert row.problems  # no title, no date of birth: quarantined, not lost


def test_date_of_birth_split_under_nam_and_nu_gives_the_sex(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        ["STT", "Họ và tên", "Ngày tháng năm sinh", None, "Chức danh", "Thôn, TDP"],
        [None, None, "Nam", "Nữ", None, None],
        [1, "Đào Trọng Anh", "1968", None, "Trưởng thôn", "Thôn Thiện Kế"],
        [2, "Trần Thị Cúc", None, datetime(1980, 5, 1), "Bí thư chi bộ", "Thôn Thiện Kế"],
    ]
    parsed = parse(workbook({"DS": rows}), hasher)
    anh, cuc = parsed.lists[0].rows
    assert (anh.values["sex"], anh.values["birth_date"], anh.values["birth_year_only"]) == (
        "Nam",
        date(1968, 1, 1),
        True,
    )
    assert (cuc.values["sex"], cuc.values["birth_date"]) == ("Nữ", date(1980, 5, 1))
    assert (cuc.values["unit_key"], cuc.values["unit_fold"]) == ("thiện kế", "thien ke")


def test_section_rows_and_units_merged_down(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị"],
        ["I", "Thôn Gò Cao"],
        [1, "Phan Văn Dũng", "01/01/1970", "Nam", "Trưởng thôn", None],
        ["II", "TDP Số 3"],
        [2, "Vũ Thị Em", "02/02/1972", "Nữ", "Tổ trưởng tổ dân phố", None],
        [3, "Hà Văn Phúc", "03/03/1973", "Nam", "Chuyên viên", "Phòng Nội vụ"],
        [4, "Hà Văn Quý", "04/04/1974", "Nam", "Chuyên viên", None],  # under a merged "Phòng Nội vụ"
    ]
    plist = parse(workbook({"DS": rows}), hasher).lists[0]
    assert [r.values["unit_text"] for r in plist.rows] == [
        "Thôn Gò Cao",
        "TDP Số 3",
        "Phòng Nội vụ",
        "Phòng Nội vụ",
    ]
    assert [r.excel_row for r in plist.rows] == [8, 10, 11, 12]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (
            (1, "Nguyễn Văn An", "31/02/1970", "Nam", "Trưởng thôn"),
            "row 7: date of birth '31/02/1970' is not a date",
        ),
        ((1, None, "01/01/1970", "Nam", "Trưởng thôn"), "row 7: the name is empty"),
        ((1, "Nguyễn Văn An", None, "Nam", "Trưởng thôn"), "row 7: no date of birth"),
        (
            (1, "Nguyễn Văn An", "01/01/1850", "Nam", "Trưởng thôn"),
            "row 7: date of birth '01/01/1850' gives an age of 171",
        ),
        ((1, "Nguyễn Văn An", "01/01/1970", "Nam", None), "row 7: no position title"),
        ((1, "Nguyễn Văn An", "01/01/1970", "Ông", "Trưởng thôn"), "row 7: sex 'Ông' is neither Nam nor Nữ"),
        (
            (1, "Nguyễn Văn An", "01/01/1970", "Nam", "Trưởng thôn", "0260700012"),
            "row 7: the ID number has 10 characters",
        ),
    ],
)
def test_a_wrong_row_says_what_is_wrong_with_it(workbook, hasher, cells, reason):
    rows = [*title_block("UBND XÃ THIỆN KẾ", SNAPSHOT), HEADER[:6], list(cells)]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    assert any(p.en.startswith(reason) for p in row.problems), row.problems
    assert all(p.vi.startswith("dòng 7") for p in row.problems)


def test_national_ids_are_hashed_and_masked(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        HEADER,
        person(1, "An", "01/01/1970", "Nam", "Trưởng thôn", "026 070 001 234"),
    ]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    assert row.values["id_hash"] == hasher("026070001234")
    assert "026070001234" not in row.cells_json and "026 070 001 234" not in row.cells_json
    assert row.cells["Số CCCD"].startswith("hmac:")


def test_several_lists_in_one_workbook_and_sheets_without_one(workbook, hasher):
    list_rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        HEADER,
        person(1, "An", "01/01/1970", "Nam", "Trưởng thôn"),
    ]
    path = workbook(
        {"Cấp xã": list_rows, "Thôn": list_rows, "Hướng dẫn": [["Ghi đủ các cột"]], "Ẩn": list_rows},
        hidden=["Ẩn"],
    )
    parsed = parse(path, hasher)
    assert [plist.sheet for plist in parsed.lists] == ["Cấp xã", "Thôn"]
    assert parsed.sheets_without_list == ["Hướng dẫn", "Ẩn (hidden)"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1258", ";")],
)
def test_csv_exports(tmp_path, hasher, encoding, delimiter):
    lines = [
        ["UBND XÃ THIỆN KẾ", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["DANH SÁCH NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH"],
        ["Tính đến ngày 30/11/2021"],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"],
        ["1", "Nguyễn Thị Hằng", "12/03/1970", "Nữ", "Trưởng thôn"],
    ]
    path = tmp_path / "ds.csv"
    text = "\r\n".join(delimiter.join(line) for line in lines)
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    parsed = parse(path, hasher)
    assert parsed.status == "loaded", parsed.rejection
    [row] = parsed.lists[0].rows
    assert row.values["full_name"] == "Nguyễn Thị Hằng"
    assert parsed.lists[0].issuer == ["UBND XÃ THIỆN KẾ"]


def test_a_csv_cell_beyond_the_header_is_kept_as_in_a_workbook(tmp_path, hasher):
    lines = [
        "DANH SÁCH CÁN BỘ;;;",
        "Tính đến ngày 30/11/2021;;;",
        "STT;Họ và tên;Ngày sinh;Chức vụ",
        "1;Nguyễn Thị Hằng;12/03/1970;Trưởng thôn;nghỉ hưu 2022",
        "2;Lê Văn Bình;01/02/1971;Phó trưởng thôn",
    ]
    path = tmp_path / "ds_2021-11-30.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    first, second = parse(path, hasher).lists[0].rows
    assert first.cells["column 5"] == "nghỉ hưu 2022"
    assert "column 5" not in second.cells


def _rejection(tmp_path, hasher, name, content: bytes | None = None, rows=None):
    path = tmp_path / name
    if rows is not None:
        write_workbook(path, {"DS": rows})
    else:
        path.write_bytes(content)
    parsed = parse(path, hasher)
    assert parsed.status == "rejected"
    return parsed.rejection.en


def test_files_that_cannot_be_read_are_rejected_with_a_reason(tmp_path, hasher):
    assert "not an Excel workbook" in _rejection(tmp_path, hasher, "web.xlsx", b"<html><body>x</body></html>")
    assert "empty" in _rejection(tmp_path, hasher, "empty.xlsx", b"")
    assert "damaged" in _rejection(tmp_path, hasher, "broken.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    assert "not a format lists are read from" in _rejection(tmp_path, hasher, "notes.pdf", b"%PDF-1.4")
    good = write_workbook(tmp_path / "good.xlsx", {"DS": [*title_block("X", SNAPSHOT), HEADER]})
    assert "truncated" in _rejection(tmp_path, hasher, "cut.xlsx", good.read_bytes()[:300])


def test_lists_that_contradict_themselves_are_rejected(tmp_path, hasher):
    body = [HEADER, person(1, "An", "01/01/1970", "Nam", "Trưởng thôn")]
    assert "title says 30/11/2021 but the file name says 31/05/2019" in _rejection(
        tmp_path, hasher, "ds_2019-05-31.xlsx", rows=[*title_block("UBND XÃ X", SNAPSHOT), *body]
    )
    assert "no snapshot date" in _rejection(
        tmp_path, hasher, "ds.xlsx", rows=[*title_block("UBND XÃ X", None), *body]
    )
    assert "the total says 3 people but the list has 1 rows" in _rejection(
        tmp_path, hasher, "ds.xlsx", rows=[*title_block("UBND XÃ X", SNAPSHOT), *body, ["Tổng số: 3 người"]]
    )
    assert "no list found" in _rejection(tmp_path, hasher, "ds.xlsx", rows=[["Báo cáo"], ["Không có bảng"]])


def test_the_file_name_date_is_used_when_the_title_has_none(tmp_path, hasher):
    rows = [*title_block("UBND XÃ X", None), HEADER, person(1, "An", "01/01/1970", "Nam", "Trưởng thôn")]
    parsed = parse(write_workbook(tmp_path / "ds_2019-05-31.xlsx", {"DS": rows}), hasher)
    assert parsed.lists[0].snapshot_date == date(2019, 5, 31)


def test_row_numbers_are_excels_when_the_sheet_starts_lower_down(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        HEADER,
        person(1, "An", "31/02/1970", "Nam", "Trưởng thôn"),
    ]
    path = workbook({"DS": rows}, first_row=4)
    [row] = parse(path, hasher).lists[0].rows
    assert row.excel_row == 10
    assert row.problems[0].en.startswith("row 10: date of birth '31/02/1970'")


def test_rows_that_only_look_like_totals_or_footers_are_still_data(workbook, hasher):
    rows = [
        *title_block("UBND XÃ THIỆN KẾ", SNAPSHOT),
        HEADER,
        person(1, "Tống Công Minh", "01/01/1970", "Nam", "Trưởng thôn"),
        [None, "Đinh Văn Hai", None, None, "Chủ tịch Hội Người cao tuổi"],  # no STT, half filled
        ["Tổng số thôn Đông: 2 người"],  # a subtotal
        person(3, "Lê Văn Ba", "03/03/1973", "Nam", "Công an viên"),
        ["Tổng cộng: 3 người"],
        [None, None, None, "Thiện Kế, ngày 30 tháng 11 năm 2021"],
        [None, None, None, "CHỦ TỊCH"],
        person(4, "Vũ Văn Bốn", "04/04/1974", "Nam", "Công an viên"),  # typed below the footer
    ]
    parsed = parse(workbook({"DS": rows}), hasher)
    [plist] = parsed.lists
    names = [row.values["full_name"] for row in plist.rows]
    assert names == ["Tống Công Minh", "Đinh Văn Hai", "Lê Văn Ba", "Vũ Văn Bốn"]
    assert plist.layout.declared_total == 3
    assert parsed.status == "rejected"  # the grand total says 3 but 4 rows are listed: nothing hidden
    assert "the total says 3 people but the list has 4 rows" in parsed.rejection.en


def test_headers_with_extra_words_are_recognised(workbook, hasher):
    header = ["STT", "Họ và tên cán bộ", "Ngày sinh (dd/mm/yyyy)", "Giới tính", "Chức vụ hiện tại"]
    rows = [*title_block("UBND XÃ X", SNAPSHOT), header, [1, "An", "01/02/1970", "Nữ", "Trưởng thôn"]]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    assert (row.values["full_name"], row.values["birth_date"], row.problems) == ("An", date(1970, 2, 1), [])


def test_only_the_professional_qualification_is_read_as_the_qualification(workbook, hasher):
    header = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Trình độ văn hóa", "Trình độ", "Trình độ tin học"]
    rows = [
        *title_block("UBND XÃ X", SNAPSHOT),
        header,
        [1, "An", "01/02/1970", "Trưởng thôn", "12/12", "Đại học", "Chứng chỉ B"],
    ]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    assert row.values["qualification"] == "Đại học"
    assert (row.cells["Trình độ văn hóa"], row.cells["Trình độ tin học"]) == ("12/12", "Chứng chỉ B")


def test_every_id_number_is_masked_whatever_its_column(workbook, hasher):
    header = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Chức vụ",
        "Số CMND",
        "Số CCCD (12 số)",
        "Điện thoại",
        "Mã khác",
    ]
    cells = [
        1,
        "An",
        "01/01/1970",
        "Trưởng thôn",
        "123456789",
        "026071999062",
        "0912345678",
        "026 071 999 063",
    ]
    rows = [*title_block("UBND XÃ X", SNAPSHOT), header, cells]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    for number in ("123456789", "026071999062", "026071999063", "026 071 999 063"):
        assert number not in row.cells_json
    assert row.cells["Điện thoại"] == "0912345678"  # a phone number is not an ID
    assert row.values["id_hash"] == hasher("123456789")


def test_an_id_that_lost_its_leading_zero_says_so(workbook, hasher):
    rows = [
        *title_block("UBND XÃ X", SNAPSHOT),
        HEADER,
        person(1, "An", "01/01/1970", "Nam", "Trưởng thôn", 26071123457),
    ]
    [row] = parse(workbook({"DS": rows}), hasher).lists[0].rows
    assert "Excel may have dropped its leading 0" in row.problems[0].en
