"""`python -m pipelines run` (make run) and `python -m pipelines ui` (make ui)."""

import argparse
import os
import sys

from pipelines import instance, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tinhgon", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the whole pipeline once and print a summary")
    run.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild everything even when nothing changed since the last run",
    )
    ui = commands.add_parser("ui", help="the Dagster UI with its daemon")
    ui.add_argument("--port", default="3000")
    ui.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    config = settings.from_environment()
    instance.ensure_dagster_home(config)
    if args.command == "ui":
        dg = os.path.join(os.path.dirname(sys.executable), "dg")
        os.chdir(settings.PROJECT_ROOT)  # dg finds the project (pyproject.toml, [tool.dg]) from here
        os.execv(dg, [dg, "dev", "--host", args.host, "--port", args.port])
    from pipelines.run import run_once

    return run_once(config, rebuild=args.rebuild)
