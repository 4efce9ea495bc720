"""Where the published warehouse, the runs' build files and the earlier warehouses are kept."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WarehouseFiles:
    published: Path  # $TINHGON_WAREHOUSE

    @property
    def id_key(self) -> Path:
        """The HMAC key of national ID numbers, kept with the warehouse whose person keys it made."""
        return self.published.parent / "id-hmac.key"

    @property
    def builds_dir(self) -> Path:
        return self.published.parent / ".builds"

    @property
    def history_dir(self) -> Path:
        return self.published.parent / "history"

    def build_file(self, run_id: str) -> Path:
        return self.builds_dir / f"{run_id}.duckdb"

    def lock(self, run_id: str) -> Path:
        return self.builds_dir / f"{run_id}.lock"

    def scratch(self, run_id: str) -> Path:
        return self.builds_dir / f"{run_id}.scratch"

    def run_of(self, leftover: Path) -> str:
        """The run a file or folder of builds_dir belongs to."""
        return leftover.name.split(".")[0]
