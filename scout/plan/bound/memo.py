"""A cache that threads may share: the bound's models are built in one thread and solved in others."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Values by key, each computed once it is first asked for.

    Only the dictionary is locked, not the computation, so two threads asking for the same missing key may
    both compute it; every value here depends on its key alone, so both get the same value (the first stored).
    """

    def __init__(self) -> None:
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            return self._values.setdefault(key, value)
