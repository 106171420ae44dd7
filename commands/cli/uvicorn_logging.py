"""Uvicorn's logging for the two servers (`ledger serve`, `ledger witness serve`): its own
handlers, with the ledger's loggers (access log, bugs) printed beside them."""

from __future__ import annotations

from typing import Any

import uvicorn

__all__ = ["log_config"]


def log_config() -> dict[str, Any]:
    config: dict[str, Any] = dict(uvicorn.config.LOGGING_CONFIG)
    config["loggers"] = {
        **config["loggers"],
        "ledger": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    return config
