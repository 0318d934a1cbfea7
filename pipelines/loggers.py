"""The console logger of every run: one line per message, never a stack trace (those stay in the run's event log,
shown by the Dagster UI). `pug build` shows warnings only and names a failure itself, in one line."""

import logging
import sys

import dagster as dg


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None) or {}
        text = (meta.get("orig_message") or record.getMessage()).strip()
        step = meta.get("step_key") or meta.get("resource_name") or meta.get("job_name") or "dagster"
        return f"{step}: {text.splitlines()[0] if text else ''}"


class _Below(logging.Filter):
    def __init__(self, level: int):
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno < self.level


@dg.logger(
    config_schema={"log_level": dg.Field(str, default_value="INFO"),
                   "show_errors": dg.Field(bool, default_value=True, description="False: errors are left to the caller")},
    description="One line per message on stderr, without stack traces.",
)
def one_line_console(init_context: dg.InitLoggerContext) -> logging.Logger:
    config = init_context.logger_config
    logger = logging.Logger("pug.console", level=config["log_level"])
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    if not config["show_errors"]:
        handler.addFilter(_Below(logging.ERROR))
    logger.addHandler(handler)
    return logger
