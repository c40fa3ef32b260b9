"""The API's brake: so many requests per period from one client address, counted in the default cache (Redis
when REDIS_URL is set, so every worker on every host counts together).

`throttled` counts before the page cache is asked, so an answer from the cache counts like any other. The
rate is settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"] (API_THROTTLE_RATE), read per request.
"""

import functools
import math
import re

from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portal.accounts.ratelimit import client_ip

from .errors import error_response

# "20/10s", "100/min", "1000/h", "5000/day": DRF's own rates take no number of seconds, minutes, … per period.
RATE = re.compile(r"(?P<count>[0-9]+)/(?P<multiple>[0-9]*)(?P<unit>s|sec|m|min|h|hour|d|day)")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ClientAddressThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # DRF binds THROTTLE_RATES when it is imported; read here, the setting can change (tests do).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def parse_rate(self, rate):
        if rate is None:
            return None, None
        match = RATE.fullmatch(rate.strip())
        count, multiple = (int(match["count"]), int(match["multiple"] or 1)) if match else (0, 0)
        if count < 1 or multiple < 1:
            raise ImproperlyConfigured(
                f"API_THROTTLE_RATE {rate!r}: give requests/period, e.g. 20/10s, 100/min or 5000/day."
            )
        return count, multiple * SECONDS[match["unit"][0]]

    def get_cache_key(self, request, view):
        # The address the site's other brakes count: BEHIND_PROXY's last X-Forwarded-For, an IPv6 /64 as one.
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


def throttled(view):
    """View decorator: 429 with Retry-After once the client address has used up the rate."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        throttle = ClientAddressThrottle()
        if throttle.allow_request(request, None):
            return view(request, *args, **kwargs)
        retry = max(1, math.ceil(throttle.wait() or throttle.duration))
        return error_response(
            429,
            f"Too many requests: at most {throttle.num_requests} every {throttle.duration} seconds from one "
            f"address. Try again in {retry} seconds.",
            headers={"Retry-After": str(retry)},
        )

    return wrapped
