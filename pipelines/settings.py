"""Where tinhgon reads and writes, from the environment (CONTRACT.md, "Configuration")."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path


def from_environment() -> Settings:
    return Settings(
        raw_dir=Path(os.environ.get("TINHGON_RAW_DIR", "raw")).resolve(),
        warehouse=Path(os.environ.get("TINHGON_WAREHOUSE", "warehouse/tinhgon.duckdb")).resolve(),
    )
