"""Vietnamese text as clerks type it, made comparable.

`clean` keeps what a person wrote but in one Unicode form (NFC) with single spaces. `fold` goes further
and gives the key two spellings of the same thing share: no case, no punctuation and, unless asked to
keep them, no diacritics. `unit_key` also drops the administrative prefix ("Thôn", "TDP", "xã",
"UBND", ...), because clerks write "Thôn Gò Cao", "thôn Gò Cao" and "Gò Cao" for the same village.
Unit names keep their diacritics when matched first: "Đông Lãng" and "Đồng Lãng" are two places.
"""

import re
import unicodedata
from functools import lru_cache

_PUNCTUATION = re.compile(r"[^\w\s]|_")

# Administrative prefixes, folded, longest first so "to dan pho" wins over "to".
_UNIT_PREFIXES = tuple(
    tuple(prefix.split())
    for prefix in (
        "uy ban nhan dan",
        "ubnd",
        "thi tran",
        "dac khu",
        "phuong",
        "to dan pho",
        "khu pho",
        "tdp",
        "thon",
        "xom",
        "xa",
        "tt",
        "huyen",
        "tinh",
    )
)


def clean(value: object) -> str | None:
    """The text as written, NFC, with runs of whitespace collapsed; None when nothing is written."""
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(value)).split()) or None


class _FoldTable(dict):
    """A `str.translate` table that folds each character the first time it is met and remembers it:
    folding is character by character, and this runs over every cell of tens of thousands of files."""

    def __init__(self, keep_marks: bool):
        super().__init__()
        self.keep_marks = keep_marks

    def __missing__(self, codepoint: int) -> str:
        folded = chr(codepoint).casefold()
        if not self.keep_marks:
            decomposed = unicodedata.normalize("NFD", folded.replace("đ", "d"))
            folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[codepoint] = _PUNCTUATION.sub(" ", folded)
        return self[codepoint]


_FOLDED, _FOLDED_WITH_MARKS = _FoldTable(keep_marks=False), _FoldTable(keep_marks=True)


@lru_cache(maxsize=16384, typed=True)  # most cells recur: row numbers, titles, units, headers, sexes
def fold(value: object, keep_marks: bool = False) -> str:
    """Lower case, punctuation as spaces, single spaces; without diacritics (đ as d) unless kept."""
    text = clean(value)
    if text is None:
        return ""
    return " ".join(text.translate(_FOLDED_WITH_MARKS if keep_marks else _FOLDED).split())


@lru_cache(maxsize=4096)  # the rows of a list mostly share their unit
def unit_key(value: object, keep_marks: bool = False) -> str:
    """The folded unit name without its administrative prefixes: 'UBND xã Thiện Kế' -> 'thien ke'."""
    words, bare = fold(value, keep_marks).split(), fold(value).split()
    start = 0
    while prefix := next((p for p in _UNIT_PREFIXES if tuple(bare[start : start + len(p)]) == p), None):
        if start + len(prefix) >= len(bare):
            break
        start += len(prefix)
    return " ".join(words[start:])


def marked_unit_key(value: object) -> str:
    """The unit key with its diacritics kept: 'TDP Đông Lãng' -> 'đông lãng'."""
    return unit_key(value, keep_marks=True)
