"""Recognising the columns of a list (personnel or leavers), whatever their case, diacritics or Unicode
form."""

import re
from enum import StrEnum
from functools import lru_cache

from pipelines.reading.text import fold


class Field(StrEnum):
    ROW_NUMBER = "row_number"
    FULL_NAME = "full_name"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    POSITION = "position_title"
    UNIT = "unit_text"
    NATIONAL_ID = "national_id"
    QUALIFICATION = "qualification"
    POLITICAL_THEORY = "political_theory"  # not the professional qualification: kept among the cells
    NOTE = "note"
    # leaver lists
    LEAVE_REASON = "leave_reason_text"
    LEAVE_DATE = "leave_date_text"
    DECISION = "decision_number"


# Folded header text -> the field it names. Folding removes case, diacritics and punctuation, so
# "Họ và tên", "HỌ VÀ TÊN" and "Ho va ten" are one entry.
_ALIASES: dict[str, Field] = {
    alias: field
    for field, aliases in {
        Field.ROW_NUMBER: ["stt", "tt", "so tt", "so thu tu"],
        Field.FULL_NAME: ["ho va ten", "ho ten", "ho va ten dem", "ho ten day du"],
        Field.BIRTH_DATE: [
            "ngay sinh",
            "ngay thang nam sinh",
            "ngay thang sinh",
            "nam sinh",
            "sinh ngay",
        ],
        Field.SEX: ["gioi tinh", "gioi"],
        Field.POSITION: ["chuc vu", "chuc danh", "chuc vu chuc danh", "chuc danh chuc vu"],
        Field.UNIT: [
            "don vi",
            "don vi cong tac",
            "co quan don vi",
            "noi cong tac",
            "thon",
            "to dan pho",
            "tdp",
            "thon tdp",
            "thon to dan pho",
            "thon khu pho",
        ],
        Field.NATIONAL_ID: [
            "so cccd",
            "cccd",
            "cmnd",
            "so cmnd",
            "so cmnd cccd",
            "so cccd cmnd",
            "cmnd cccd",
            "cccd cmnd",
            "so dinh danh",
            "so dinh danh ca nhan",
        ],
        Field.QUALIFICATION: [
            "trinh do chuyen mon",
            "trinh do",
            "trinh do cm",
            "trinh do dao tao",
            "chuyen mon",
        ],
        Field.POLITICAL_THEORY: [
            "ly luan chinh tri",
            "trinh do ly luan chinh tri",
            "trinh do chinh tri",
            "llct",
            "trinh do llct",
            "chinh tri",
        ],
        Field.NOTE: ["ghi chu"],
        Field.LEAVE_REASON: [
            "ly do",
            "ly do nghi",
            "ly do nghi viec",
            "hinh thuc",
            "hinh thuc nghi",
            "hinh thuc tinh gian",
            "ly do hinh thuc",
            "ly do hinh thuc nghi",
        ],
        Field.LEAVE_DATE: [
            "thoi diem nghi",
            "thoi diem nghi viec",
            "thoi diem nghi huu",
            "thoi diem tinh gian",
            "thoi gian nghi",
            "ngay nghi",
            "ngay nghi huu",
            "ngay thoi viec",
            "nghi tu ngay",
        ],
        Field.DECISION: ["so quyet dinh", "quyet dinh so", "so qd", "quyet dinh", "qd so"],
    }.items()
    for alias in aliases
}

# Headers that begin like a known one but name something else: "Trình độ văn hóa" (12/12) and the
# other kinds of "Trình độ" are not the professional qualification.
_OTHER_COLUMNS = frozenset(
    [
        "trinh do van hoa",
        "trinh do hoc van",
        "trinh do ngoai ngu",
        "trinh do tin hoc",
        "trinh do quan ly nha nuoc",
    ]
)

# Sub-headers under a date-of-birth header that give the sex by the column the date is in.
SEX_SUBHEADERS = {"nam": "Nam", "nu": "Nữ"}


# An ID column is an ID column whatever else its header says ("Số CCCD (12 số)"): better masked twice.
_ID_WORDS = re.compile(r"\b(?:cccd|cmnd|cmt|dinh danh|can cuoc)\b")


@lru_cache(maxsize=4096)  # the same few headers, in every file
def field_of(header: object) -> Field | None:
    """The field a header cell names, or None for a column we do not know (kept as an extra).
    A header that begins with a known one ("Họ và tên cán bộ", "Ngày sinh (dd/mm/yyyy)") names it."""
    folded = fold(header)
    if _ID_WORDS.search(folded):
        return Field.NATIONAL_ID
    words = folded.split()
    for length in range(len(words), 0, -1):
        prefix = " ".join(words[:length])
        if prefix in _OTHER_COLUMNS:
            return None
        if field := _ALIASES.get(prefix):
            return field
    return None


def is_sex_subheader(cell: object) -> bool:
    return fold(cell) in SEX_SUBHEADERS
