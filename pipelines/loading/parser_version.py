"""The version of the reader a file was parsed by: rows cached from an unchanged file are kept only
while the reader and the ID key that produced them are the same."""

import hashlib
from pathlib import Path

import pipelines.reading
from pipelines.reading.identity import IdHasher

READER_PACKAGE = Path(pipelines.reading.__file__).parent


def parser_fingerprint(hash_id: IdHasher, package: Path = READER_PACKAGE) -> str:
    """Every module of the reader package (the reader imports nothing else of the project: a test says
    so), by name and content, and the ID key's fingerprint."""
    digest = hashlib.sha256(hash_id.fingerprint.encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(f"{source.relative_to(package)}\n".encode() + source.read_bytes())
    return digest.hexdigest()[:16]
