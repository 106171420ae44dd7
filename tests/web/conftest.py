"""Worlds for the web tests, built once per module (the demo year takes a second or two):
``full_world`` holds the whole Andaman year; ``open_world`` stops before the first report,
with every agreement signed and the first change round decided, for the forms that act."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ledger.persistence.settings import Settings
from tests.web.world import WebClient, World, build_world


@pytest.fixture(scope="module")
def full_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("full-year")
    return build_world(folder, Settings(database=str(folder / "ledger.sqlite")))


@pytest.fixture(scope="module")
def open_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("open-year")
    return build_world(folder, Settings(database=str(folder / "ledger.sqlite")), upto="file_sar")


@pytest.fixture
def web(full_world: World) -> Iterator[WebClient]:
    """A client over the whole year, signed in as nobody yet."""
    with WebClient(full_world) as client:
        yield client
