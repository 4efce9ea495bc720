"""For maintainers: fetch again from the npm registry the files vendor/manifest.toml lists (`make vendor`).

Each package is packed with npm, as the registry serves it, and only the listed files are kept. The
folders are replaced only once every package is fetched; what changed shows in `git diff`.
"""

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from pipelines.reports.vendored import MANIFEST, VENDOR, packages


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        tarballs, fetched = Path(scratch) / "tarballs", Path(scratch) / "vendor"
        tarballs.mkdir()
        for package in packages():
            spec = f"{package.name}@{package.version}"
            tarball = _pack(spec, tarballs)
            _extract(tarball, package.files, fetched / package.folder)
            licensed = _pack(package.licence_from, tarballs) if package.licence_from else tarball
            _extract(licensed, [package.licence_file], fetched / package.folder)
            print(f"{spec} -> {package.folder}/")
        shutil.copy2(MANIFEST, fetched / MANIFEST.name)
        shutil.rmtree(VENDOR)
        shutil.copytree(fetched, VENDOR)


def _pack(spec: str, into: Path) -> Path:
    """The package's tarball from the registry (npm pack), as published."""
    name = subprocess.run(
        ["npm", "pack", "--silent", "--pack-destination", str(into), spec],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    return into / name


def _extract(tarball: Path, files: list[str], into: Path) -> None:
    with tarfile.open(tarball) as archive:
        for file in files:
            member = archive.getmember(f"package/{file}")  # npm puts every file under package/
            (into / file).parent.mkdir(parents=True, exist_ok=True)
            (into / file).write_bytes(archive.extractfile(member).read())


if __name__ == "__main__":
    main()
