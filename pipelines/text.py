"""Vietnamese text as clerks type it, made comparable.

`clean` keeps what a person wrote but in one Unicode form (NFC) with single spaces. `fold` goes further
and gives the key two spellings of the same thing share: no case, no diacritics, no punctuation.
`unit_key` also drops the administrative prefix ("Thôn", "TDP", "xã", "UBND", ...), because clerks
write "Thôn Gò Cao", "thôn Gò Cao" and "Gò Cao" for the same village.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]|_")

# Administrative prefixes, folded, longest first so "to dan pho" wins over "to".
_UNIT_PREFIXES = (
    "uy ban nhan dan",
    "ubnd",
    "thi tran",
    "to dan pho",
    "khu pho",
    "tdp",
    "thon",
    "xom",
    "xa",
    "tt",
    "huyen",
)
_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _UNIT_PREFIXES) + r")\s+")


def clean(value: object) -> str | None:
    """The text as written, NFC, with runs of whitespace collapsed; None when nothing is written."""
    if value is None:
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()
    return text or None


def fold(value: object) -> str:
    """Lower case, no diacritics (đ becomes d), punctuation as spaces, single spaces."""
    text = clean(value)
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", bare)).strip()


def unit_key(value: object) -> str:
    """The folded unit name without its administrative prefixes: 'UBND xã Thiện Kế' -> 'thien ke'."""
    key = fold(value)
    while (stripped := _PREFIX.sub("", key, count=1)) != key and stripped:
        key = stripped
    return key
