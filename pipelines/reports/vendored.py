"""The Data Docs' scripts, styles and fonts vendored from the npm registry (vendor/manifest.toml)."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
MANIFEST = VENDOR / "manifest.toml"


@dataclass(frozen=True)
class Package:
    name: str  # on the npm registry
    version: str
    licence: str  # SPDX
    licence_file: str
    served: dict[str, str]  # the URL a GX template names -> the package's file that replaces it
    also: list[str] = field(default_factory=list)  # files that the served ones load themselves
    licence_from: str | None = None  # name@version of the package whose licence_file this one's is

    @property
    def folder(self) -> str:
        """Where its files are, relative to vendor/."""
        return f"{self.name.rsplit('/', 1)[-1]}-{self.version}"

    @property
    def files(self) -> list[str]:
        """The files the pages load, at their paths inside the package (and in its folder)."""
        return list(dict.fromkeys([*self.served.values(), *self.also]))


def packages() -> list[Package]:
    with MANIFEST.open("rb") as manifest:
        return [Package(**package) for package in tomllib.load(manifest)["package"]]
