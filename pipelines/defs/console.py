"""The console log of runs, without the cascade of "Skipping step ... due to skipped dependencies"
that follows a step choosing not to run (nothing changed since the published build): fifty lines that
say what its one line already said. The run's event log, which the Dagster UI shows, keeps them all."""

import logging

import dagster as dg


def _not_a_skipped_dependency(record: logging.LogRecord) -> bool:
    return "due to skipped dependencies" not in record.getMessage()


@dg.logger(
    dg.colored_console_logger.config_schema,
    description="Dagster's console logger, without the steps skipped after a step that skipped.",
)
def console(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = dg.colored_console_logger.logger_fn(init_context)
    logger.addFilter(_not_a_skipped_dependency)
    return logger


@dg.definitions
def loggers() -> dg.Definitions:
    return dg.Definitions(loggers={"console": console})
