"""The Dagster code location: everything under pipelines/defs/, run in-process (fastest to start)."""

from pathlib import Path

import dagster as dg

defs = dg.Definitions.merge(
    dg.load_from_defs_folder(project_root=Path(__file__).parent.parent),
    dg.Definitions(executor=dg.in_process_executor),
)
