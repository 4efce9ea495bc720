"""The benchmark's results at every N measured, as the tables of docs/benchmark.md and a plot.

    python bench/plot.py [--results warehouse/bench] [--out docs/benchmark.png]

Reads <results>/<N>/results.json (written by bench/run.py), prints three Markdown tables (the
measures, where tinhgon's time went in a full run and in the run after one list changed) and draws
seconds and peak memory against N, with the floor and the naive pipeline beside tinhgon.
"""

import argparse
import json
from pathlib import Path

from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "warehouse" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=BENCH, help="the --out of bench/run.py")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.png")
    args = parser.parse_args()
    results = measured(args.results)
    if not results:
        raise SystemExit(f"no results under {args.results}: run `make bench` or `make bench N=...` first")
    print(table(results))
    print()
    print(stages_table(results))
    print()
    print(stages_table(results, run="one_change_"))
    plot(results, args.out)


def measured(folder: Path) -> list[dict]:
    found = [json.loads(path.read_text()) for path in folder.glob("*/results.json")]
    return sorted(found, key=lambda result: result["rows"])


def table(results: list[dict]) -> str:
    headings = [
        "N (rows)",
        "files",
        "floor",
        "tinhgon",
        "rows/s",
        "naive (scaled)",
        "tinhgon / floor",
        "naive / tinhgon",
        "peak memory",
        "no-change re-run",
        "one change",
        "one change / floor",
    ]
    rows = [
        [
            f"{r['rows']:,}",
            f"{r['files']:,}",
            f"{r['floor_s']:.1f} s",
            f"{r['tinhgon_s']:.0f} s",
            f"{r['rows_per_s']:,}",
            f"{r['naive_s']:,.0f} s",
            f"{r['ratio_tinhgon_over_floor']:.1f}",
            f"{r['ratio_naive_over_tinhgon']:.1f}",
            f"{r['peak_rss_mib']:,} MiB",
            f"{r['noop_rerun_s']:.1f} s ({100 * r['noop_rerun_s'] / r['tinhgon_s']:.0f} %)",
            f"{r['one_change_s']:.1f} s" if "one_change_s" in r else "",
            f"{r['ratio_one_change_over_floor']:.1f}" if "one_change_s" in r else "",
        ]
        for r in results
    ]
    return markdown(headings, rows)


STAGES = {
    "ingest": "ingest",
    "sql": "SQL models",
    "checks": "checks",
    "reports": "reports",
    "other_steps": "other steps",
    "outside_steps": "outside steps",
}


def stages_table(results: list[dict], run: str = "") -> str:
    """Where the full run's time went, or with `run="one_change_"` the one-change run's."""
    rows = [
        [
            f"{r['rows']:,}",
            *(f"{r[f'{run}{stage}_s']:.1f} s" for stage in STAGES),
            f"{r[f'{run}ingest_s'] / r['floor_s']:.1f}",
        ]
        for r in results
        if all(f"{run}{stage}_s" in r for stage in STAGES)  # not measured before bench/run.py did
    ]
    return markdown(["N (rows)", *STAGES.values(), "ingest / floor"], rows)


def markdown(headings: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of numbers, right-aligned."""
    lines = [headings, ["---:"] * len(headings), *rows]
    return "\n".join(f"| {' | '.join(cells)} |" for cells in lines)


def plot(results: list[dict], out: Path) -> None:
    rows = [r["rows"] for r in results]
    figure = Figure(figsize=(10, 4), layout="constrained")
    seconds, memory = figure.subplots(1, 2)
    for key, label, style in (
        ("naive_s", "naive (scaled from a sample)", ":"),
        ("tinhgon_s", "tinhgon, full run", "-"),
        ("floor_s", "floor: reading the cells", "--"),
        ("noop_rerun_s", "tinhgon, no-change re-run", "-."),
        ("one_change_s", "tinhgon, one list changed", "-"),
    ):
        measured = [r for r in results if key in r]  # one_change_s: not measured before
        x, y = [r["rows"] for r in measured], [r[key] for r in measured]
        seconds.plot(x, y, style, marker="o", label=label)
    seconds.set(xscale="log", yscale="log", xlabel="personnel rows", ylabel="seconds", title="Time")
    seconds.legend()
    memory.plot(rows, [r["peak_rss_mib"] for r in results], "-", marker="o", label="tinhgon, all processes")
    memory.axhline(2048, color="grey", linestyle=":", label="2 GiB")
    memory.set(xscale="log", xlabel="personnel rows", ylabel="MiB", title="Peak memory")
    memory.legend()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=100)


if __name__ == "__main__":
    main()
