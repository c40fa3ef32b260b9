import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse


def service_states():
    """Whether the database and the cache answer now: (database_up, cache_up)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database_up = True
    except DatabaseError as error:
        logging.getLogger("portal.health").error("Health check: the database does not answer (%s)", error)
        database_up = False
    cache = caches["default"]
    # Local memory and the dummy cache have nothing to lose; the Redis backend says whether Redis answers.
    cache_up = cache.available() if hasattr(cache, "available") else True
    return database_up, cache_up


def health_body(database_up, cache_up):
    return {
        "status": ("ok" if cache_up else "degraded") if database_up else "unavailable",
        "database": "up" if database_up else "down",
        "cache": "up" if cache_up else "down",
    }


def healthz(request):
    """Liveness, for load balancers and uptime checks: 200 while the database answers, 503 when it does
    not. Without the cache the portal still serves every page (uncached), so a dead cache only turns the
    status to "degraded"."""
    database_up, cache_up = service_states()
    return JsonResponse(health_body(database_up, cache_up), status=200 if database_up else 503)


def readyz(request):
    """Readiness: 503 unless the database and the cache both answer, for a balancer that would rather
    send traffic to a host in full health."""
    database_up, cache_up = service_states()
    return JsonResponse(health_body(database_up, cache_up), status=200 if database_up and cache_up else 503)


def minimal_view(request):
    """The benchmark's yardstick: a constant string through the same middleware and server."""
    return HttpResponse("ok", content_type="text/plain")
