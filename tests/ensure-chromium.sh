#!/bin/sh
# The browser tests drive Debian's chromium (tests/browser.py): Playwright cannot download its own
# browser where only the package registries are reachable. Installs it as root or through sudo without
# a password; otherwise says what to install and fails before any test runs.
set -eu
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

INSTALL="apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium"
if ! command -v apt-get >/dev/null; then
    run_as_root=""
elif [ "$(id -u)" -eq 0 ]; then
    run_as_root="sh -c"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    run_as_root="sudo sh -c"
else
    run_as_root=""
fi
if [ -z "$run_as_root" ]; then
    echo "make test: the browser tests need Debian's chromium at $CHROMIUM, and it cannot be installed" >&2
    echo "from here (neither root, nor sudo without a password, nor apt-get). Install it, then run make" >&2
    echo "test again:  sudo apt-get install chromium" >&2
    exit 1
fi
echo "make test: installing Debian's chromium for the browser tests" >&2
$run_as_root "$INSTALL"
[ -x "$CHROMIUM" ] || { echo "make test: apt-get installed chromium, but not at $CHROMIUM" >&2; exit 1; }
