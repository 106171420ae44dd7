from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from commands.handlers import HandlerContext
from commands.wiring import build_context
from ledger.persistence.settings import Settings
from tests.builders import ticking_clock

# CI machines are noisy: no per-example deadline; print the blob that reproduces a failure.
hypothesis_settings.register_profile("ledger", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ledger")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=str(tmp_path / "ledger.sqlite"))


@pytest.fixture
def ctx(settings: Settings) -> HandlerContext:
    return build_context(settings, clock=ticking_clock())
