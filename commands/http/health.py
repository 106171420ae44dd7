"""``/health``: the process is up (liveness). ``/ready``: the store answers (readiness), so a
load balancer sends writes only to workers that can record them. Both are open."""

from __future__ import annotations

import msgspec
from litestar import get
from litestar.di import NamedDependency

from commands.http.errors import ERROR_RESPONSES
from commands.http.state import Api
from ledger.errors import LedgerError, StoreUnavailable
from ledger.persistence.failures import store_failure

__all__ = ["HEALTH_ROUTES"]


class Health(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    status: str
    head: int | None = None


@get("/health", tags=["operations"], sync_to_thread=False)
def health() -> Health:
    """Liveness: answers 200 while the process runs."""
    return Health(status="alive")


@get("/ready", tags=["operations"], sync_to_thread=True, responses={503: ERROR_RESPONSES[503]})
def ready(api: NamedDependency[Api]) -> Health:
    """Readiness: 200 with the log's head position when the store answers, else 503."""
    try:
        head = api.context.app.head()
    except LedgerError:
        raise
    except Exception as error:  # any failure to answer means not ready
        raise store_failure(error) or StoreUnavailable(
            f"the store did not answer ({type(error).__name__})", field="--db"
        ) from error
    return Health(status="ready", head=head)


HEALTH_ROUTES = [health, ready]
