# The two commands of tinhgon (README.md): `make run` and `make test`; `make ui` for the Dagster UI.
# Each sets up what is missing first: uv (in .uv/), then the locked environment (in .venv/); `make test`
# also Debian's chromium, which its browser tests drive.

UV_VERSION := 0.13.9
UV := .uv/bin/uv
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test ui sql report vendor bench bench-reader bench-startup bench-plot format setup

run: .venv/.synced
	$(UV) run --frozen python -m pipelines run $(if $(filter 1 true yes,$(REBUILD)),--rebuild)

ui: .venv/.synced
	$(UV) run --frozen python -m pipelines ui

# An interactive, read-only SQL session on the published warehouse (DuckDB's CLI); it never blocks a run.
sql: .venv/.synced
	.venv/bin/duckdb -readonly "$${TINHGON_WAREHOUSE:-warehouse/tinhgon.duckdb}"

# The workbook, the HTML page and the Data Docs, rebuilt from the published warehouse into reports/ beside it.
report: .venv/.synced
	$(UV) run --frozen python -m pipelines.reports

# For maintainers (needs npm): the Data Docs' scripts, styles and fonts fetched again from the npm registry,
# as pipelines/reports/vendor/manifest.toml lists them (docs/data-docs-offline.md).
vendor: .venv/.synced
	$(UV) run --frozen python -m pipelines.reports.fetch_vendored

test: /usr/bin/chromium .venv/.synced
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen pytest

# Not part of test: minutes to hours. Data cached under warehouse/bench/<N>/, results in warehouse/bench/results.json.
N ?= 1000000
bench: .venv/.synced
	$(UV) run --frozen python bench/run.py --rows $(N)

# The reader's cost per file against fastexcel's, in one process, on files of make bench N=$(N).
bench-reader: .venv/.synced
	$(UV) run --frozen python bench/reader.py --rows $(N)

# make run on the bundle against a trivial one-asset Dagster run.
bench-startup: .venv/.synced
	$(UV) run --frozen python bench/startup.py

# The tables of docs/benchmark.md and docs/benchmark.png, from every N measured so far.
bench-plot: .venv/.synced
	$(UV) run --frozen python bench/plot.py

format: .venv/.synced
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

setup: .venv/.synced

# Installed as root or through sudo; where neither works, it says what to install and stops before any test.
/usr/bin/chromium:
	@sh tests/ensure-chromium.sh

$(UV):
	python3 -m venv .uv
	.uv/bin/pip install --quiet "uv==$(UV_VERSION)"

# Bytecode compiled at install: every run is a new Python process, and where Python writes no bytecode
# itself (PYTHONDONTWRITEBYTECODE, a read-only install) each would compile Dagster and pandas anew.
# The `uv run` of each command then finds the environment in sync and installs nothing.
.venv/.synced: $(UV) uv.lock pyproject.toml Makefile
	$(UV) sync --frozen --compile-bytecode
	touch $@
