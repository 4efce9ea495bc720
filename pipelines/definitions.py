"""The Dagster code location: everything under pipelines/defs/, run in-process (fastest to start)."""

from pathlib import Path

import dagster as dg


def build_definitions() -> dg.Definitions:
    """Definitions for the raw folder and warehouse the environment names (read at call time)."""
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        dg.Definitions(executor=dg.in_process_executor),
    )


defs = build_definitions()
