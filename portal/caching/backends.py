"""Caches that a dead or frozen Redis, or a full or read-only cache folder, cannot turn into error pages.

Django's RedisCache raises ConnectionError or TimeoutError from every call while Redis is away, so every
cached page answered 500. This backend answers as an empty cache instead: reads miss, writes are dropped,
and pages are rendered from the database. Short socket timeouts bound what a frozen server costs, and after
a failure Redis is left alone for RETRY_SECONDS, so an outage costs one timeout per process per interval,
not one per call. One warning is logged when an outage starts and one line when it ends; recovery needs no
restart (redis-py reconnects).

A write that was meant to last (no timeout: the page cache's version tokens) or a deletion is an
invalidation; dropping it would let Redis serve a stale page once it is back with its data (a frozen or
partitioned server keeps it). Such writes are kept in order and replayed when Redis answers again, and if
too many pile up, the whole cache is cleared instead.

The file-based cache (the default without Redis) gets the same treatment for OSError: a cache folder that
cannot be written (a read-only release directory, a full disk) means rendering without the cache.
"""

import functools
import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_on_timeout": False}
MAX_PENDING = 1000


class Resilient:
    """What both caches share: every call through _call, which turns `errors` into an empty cache."""

    base = None  # the Django backend whose methods do the work
    errors = ()
    default_options = {}

    def __init__(self, location, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        params["OPTIONS"] = {**self.default_options, **options}
        self._lock = threading.Lock()
        self._down_until = 0.0  # monotonic time before which the cache is not tried again
        self._outage_started = None
        self._pending = []  # invalidations that could not reach the cache, as calls to replay
        self._overflowed = False
        super().__init__(location, params)

    @property
    def degraded(self):
        return self._outage_started is not None

    # The cache API: the base backend's own methods, each through _call.
    def _backend(self, name, *args, default=None, replay=False):
        call = functools.partial(getattr(self.base, name), self, *args)
        return self._call(name, call, default, replay=call if replay else None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._backend("add", key, value, timeout, version, default=False)

    def get(self, key, default=None, version=None):
        return self._backend("get", key, default, version, default=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        lasting = self.get_backend_timeout(timeout) is None
        self._backend("set", key, value, timeout, version, replay=lasting)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._backend("touch", key, timeout, version, default=False)

    def delete(self, key, version=None):
        return self._backend("delete", key, version, default=False, replay=True)

    def get_many(self, keys, version=None):
        return self._backend("get_many", list(keys), version, default={})

    def has_key(self, key, version=None):
        return self._backend("has_key", key, version, default=False)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError as usual; an unreachable Redis does too, as "not there".
        result = self._backend("incr", key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        lasting = self.get_backend_timeout(timeout) is None
        self._backend("set_many", dict(data), timeout, version, replay=lasting)
        return []

    def delete_many(self, keys, version=None):
        self._backend("delete_many", list(keys), version, replay=True)

    def clear(self):
        return self._backend("clear", default=False, replay=True)

    # The machinery.
    def _call(self, name, call, default, replay=None):
        if time.monotonic() < self._down_until:
            self._remember(replay)
            return default
        try:
            result = call()
        except self.errors as error:
            self._failed(name, error)
            self._remember(replay)
            return default
        if self._outage_started is not None:
            self._recovered()
        return result

    def _failed(self, name, error):
        with self._lock:
            self._down_until = time.monotonic() + self.retry_seconds
            if self._outage_started is None:
                self._outage_started = time.monotonic()
                logger.warning(
                    "The cache cannot be reached (%s on %s: %s); serving without the cache, "
                    "retrying every %ss",
                    type(error).__name__,
                    name,
                    error,
                    self.retry_seconds,
                )

    def _remember(self, replay):
        if replay is None:
            return
        with self._lock:
            if len(self._pending) < MAX_PENDING:
                self._pending.append(replay)
            else:
                self._overflowed = True

    def _recovered(self):
        with self._lock:
            if self._outage_started is None:
                return
            pending, self._pending = self._pending, []
            overflowed, self._overflowed = self._overflowed, False
            seconds = time.monotonic() - self._outage_started
            self._outage_started = None
        try:
            if overflowed:
                self.base.clear(self)
            else:
                for replay in pending:
                    replay()
        except self.errors as error:  # gone again: keep what is left for the next recovery
            with self._lock:
                self._pending[:0] = pending
                self._overflowed = self._overflowed or overflowed
            self._failed("replay", error)
            return
        logger.warning(
            "The cache answers again after %.1fs; %s.",
            seconds,
            "cleared the cache (too many invalidations were missed)"
            if overflowed
            else f"replayed {len(pending)} missed invalidation(s)",
        )


class ResilientRedisCache(Resilient, RedisCache):
    base = RedisCache
    errors = (RedisError,)
    default_options = DEFAULT_OPTIONS

    def available(self):
        """True when Redis answers now (a PING through the backend's own pool); for /healthz."""
        return self._call("ping", lambda: self._cache.get_client().ping(), default=False) is True


class ResilientFileBasedCache(Resilient, FileBasedCache):
    base = FileBasedCache
    errors = (OSError,)

    def _createdir(self):
        # Django makes the folder when the cache is first used, outside any method _call guards.
        try:
            super()._createdir()
        except OSError as error:
            self._failed("create the folder", error)

    def available(self):
        """True when the cache folder can be written; for /healthz."""

        def writable():
            os.makedirs(self._dir, exist_ok=True)
            return os.access(self._dir, os.W_OK)

        return self._call("write check", writable, default=False) is True
