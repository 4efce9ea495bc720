"""The console log of `make run`, without the cascade of "Skipping step ... due to skipped
dependencies" that follows a step choosing not to run (nothing changed since the published build):
fifty lines that say what its one line already said. The run's event log keeps them all, and the
Dagster UI shows those steps as skipped. (Runs launched from the UI, the schedule or the sensor log
with Dagster's default loggers: their config names no logger.)"""

import logging

import dagster as dg


def _not_a_skipped_dependency(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return not ("Skipping step " in message and "due to skipped dependencies" in message)


def quiet_checks_of_skipped_steps() -> None:
    """When nothing changed every step is skipped on purpose; Dagster would warn for each blocking check
    that it emitted no result."""
    logging.getLogger("dagster._core.execution.plan.active").addFilter(
        lambda record: "emitted no result" not in record.getMessage()
    )


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
