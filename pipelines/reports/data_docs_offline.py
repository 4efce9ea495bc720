"""Data Docs that work with no network.

GX 1.24's templates load their scripts and styles from CDNs and GX's logo from S3, and GX has no switch
to change that: offline, the pages are unstyled and the index, whose list of suites bootstrap-table
draws, is empty. Once GX has written the site, the vendored files (vendored.py) are copied into it and
every page is rewritten to load them, and GX's own copy of its logo, by relative paths.
"""

import re
import shutil
from pathlib import Path

from pipelines.reports import vendored

VENDORED = "static/vendor"  # in the site

# GX copies its images into the site's static/images/. The dark mode's logo is not among them: a dark
# system shows the light one.
_GX_WEB_ASSETS = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com"
GX_IMAGES = {
    f"{_GX_WEB_ASSETS}/logo-long.png": "static/images/logo-long.png",
    f"{_GX_WEB_ASSETS}/full_logo_dark.png": "static/images/logo-long.png",
}

_LOADING_TAG = re.compile(r"<(?:script|link)\b[^>]*>")
# A file:// page's request with either is a CORS request, which the browser refuses for a local file.
_CDN_ATTRIBUTE = re.compile(r'\s+(?:integrity|crossorigin)="[^"]*"')


def make_offline(site: Path) -> None:
    """Point every page of the site at local copies of what it loads from the web."""
    local = GX_IMAGES | {
        url: f"{VENDORED}/{package.folder}/{file}"
        for package in vendored.packages()
        for url, file in package.served.items()
    }
    # A known URL and its query, if any (the logo's cache-buster, meaningless for a local file).
    known = re.compile(
        "(" + "|".join(re.escape(url) for url in sorted(local, key=len, reverse=True)) + r")(?:\?[^\"'\s)]*)?"
    )
    for page in site.rglob("*.html"):
        to_root = "../" * (len(page.relative_to(site).parts) - 1)
        html = page.read_text(encoding="utf-8")
        page.write_text(_offline(html, known, {url: to_root + path for url, path in local.items()}), "utf-8")
    shutil.copytree(vendored.VENDOR, site / VENDORED)


def _offline(html: str, known: re.Pattern, local: dict[str, str]) -> str:
    html = known.sub(lambda match: local[match[1]], html)
    return _LOADING_TAG.sub(lambda tag: _CDN_ATTRIBUTE.sub("", tag[0]), html)
