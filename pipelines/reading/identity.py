"""National ID numbers, kept only as keyed hashes.

The HMAC key lives outside the repository: `TINHGON_ID_KEY` when set, else a key file created once
beside the warehouse (git-ignored). The same number gives the same hash in every list, so a person is
matched across snapshots, but without the key the number cannot be recovered from the hash.
"""

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VALID_LENGTHS = (9, 12)  # CMND, CCCD
_SEPARATORS = re.compile(r"[\s.\-']")
_FLOAT_TAIL = re.compile(r"\.0+$")


@dataclass(frozen=True)
class IdHasher:
    key: bytes

    # a row hashes its ID twice, to mask it and to key it; a process has one hasher (B019)
    @lru_cache(maxsize=256)  # noqa: B019
    def __call__(self, number: str) -> str:
        return hmac.digest(self.key, number.encode(), "sha256").hex()

    @property
    def fingerprint(self) -> str:
        """Names the key without revealing it, so cached hashes are dropped when the key changes."""
        return hashlib.sha256(b"tinhgon-key-id" + self.key).hexdigest()[:12]


def normalise_id(text: str) -> str:
    """Digits as typed, without spaces or dots; '26123456789.0' from a numeric cell loses its tail."""
    return _SEPARATORS.sub("", _FLOAT_TAIL.sub("", text.strip()))


def is_valid_id(number: str) -> bool:
    return number.isdigit() and len(number) in VALID_LENGTHS


def could_be_id(text: str) -> bool:
    """A quick test, true of every text `normalise_id` turns into a valid ID, so the others (names,
    titles: most cells) are not normalised: the separators it removes are the only other first characters."""
    return len(text) >= min(VALID_LENGTHS) and (text[0].isdigit() or text[0] in " .-'")


def load_hasher(key_file: Path) -> IdHasher:
    if key := os.environ.get("TINHGON_ID_KEY"):
        return IdHasher(key.encode())
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return IdHasher(key_file.read_text().strip().encode())
