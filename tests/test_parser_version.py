"""Rows cached from an unchanged file are parsed again whenever any part of the reader changes."""

import ast
import shutil
import tempfile
from pathlib import Path

import duckdb
from district import write_district

from pipelines.loading import lists
from pipelines.loading.parser_version import READER_PACKAGE, parser_fingerprint


def test_the_reader_imports_nothing_of_the_project_outside_its_own_package():
    """What the fingerprint covers is the whole reader only if the reader reads nothing else of ours."""
    imported = set()
    for module in READER_PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.split(".")[0] == "pipelines"}
    assert ours and all(name.startswith("pipelines.reading") for name in ours), ours


def test_a_change_to_any_module_of_the_reader_or_a_new_one_changes_its_fingerprint(tmp_path, hasher):
    reader = shutil.copytree(
        READER_PACKAGE, tmp_path / "reading", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = parser_fingerprint(hasher, reader)
    for module in sorted(reader.rglob("*.py")):
        original = module.read_text(encoding="utf-8")
        module.write_text(original + "\n# a rule changed\n", encoding="utf-8")
        assert parser_fingerprint(hasher, reader) != before, module.name
        module.write_text(original, encoding="utf-8")
    assert parser_fingerprint(hasher, reader) == before
    (reader / "new_rule.py").write_text("RULE = 1\n", encoding="utf-8")
    assert parser_fingerprint(hasher, reader) != before


def test_unchanged_files_are_parsed_again_after_the_reader_changed(tmp_path, hasher, monkeypatch):
    raw = write_district(tmp_path / "raw")
    files = len(list((raw / "personnel").rglob("*.xlsx")))
    reader = shutil.copytree(
        READER_PACKAGE, tmp_path / "reading", ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(lists, "parser_fingerprint", lambda hash_id: parser_fingerprint(hash_id, reader))

    def files_parsed(connection) -> int:
        with tempfile.TemporaryDirectory() as spool:
            list_dirs = {"personnel": raw / "personnel", "leavers": raw / "leavers"}
            return lists.refresh(connection, list_dirs, hasher, Path(spool)).files_parsed

    with duckdb.connect() as connection:
        connection.execute("CREATE SCHEMA raw")
        assert files_parsed(connection) == files
        assert files_parsed(connection) == 0
        (reader / "layout.py").write_text((reader / "layout.py").read_text() + "\n# a rule changed\n")
        assert files_parsed(connection) == files
