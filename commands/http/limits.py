"""A token bucket per API token: each token may send ``burst`` requests at once and then
``rate`` requests a second on average. Kept in the worker's memory: with N workers a token
gets up to N times the rate (the limit protects the store from one runaway client; it is not
an accounting quota)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["RateLimit", "TokenBuckets", "retry_after"]


@dataclass(frozen=True)
class RateLimit:
    """``rate``: requests a second refilled; ``burst``: the bucket's size. Requires both > 0."""

    rate: float = 20.0
    burst: int = 40

    def __post_init__(self) -> None:
        if self.rate <= 0 or self.burst < 1:
            raise ValueError("a rate limit needs rate > 0 and burst >= 1")


@dataclass
class TokenBuckets:
    limit: RateLimit = field(default_factory=RateLimit)
    clock: Callable[[], float] = time.monotonic
    # token id -> (tokens left, when last refilled); bounded by the tokens the store issued.
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, key: str) -> float:
        """Take one request from ``key``'s bucket: 0 when allowed, else the seconds until the
        next one is (the request is then not counted).

        >>> buckets = TokenBuckets(RateLimit(rate=1, burst=1), clock=lambda: 0.0)
        >>> buckets.take("t"), buckets.take("t")
        (0.0, 1.0)
        """
        now = self.clock()
        with self._lock:
            left, then = self._buckets.get(key, (float(self.limit.burst), now))
            left = min(float(self.limit.burst), left + (now - then) * self.limit.rate)
            if left < 1:
                self._buckets[key] = (left, now)
                return (1 - left) / self.limit.rate
            self._buckets[key] = (left - 1, now)
            return 0.0


def retry_after(seconds: float) -> str:
    """``Retry-After`` in whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))
