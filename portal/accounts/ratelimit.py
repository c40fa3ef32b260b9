"""Brakes on creating accounts and asking for password-reset emails, and the client address they count by.

Limits are in settings.ACCOUNT_RATE_LIMITS: {action: {"address" or "email": [(requests, seconds), ...]}}.
Requests are counted in the database (RateLimitHit), so the brakes hold when the cache server is down.
"""

import datetime
import ipaddress

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHit


class RateLimited(Exception):
    """`limit` requests per `seconds` have been made already."""

    def __init__(self, limit, seconds):
        self.limit, self.seconds = limit, seconds
        super().__init__(f"{limit} per {seconds} seconds")

    @property
    def period(self):
        """'hour', 'day' or 'N minutes', for messages."""
        if self.seconds == 3600:
            return "hour"
        if self.seconds == 86400:
            return "day"
        minutes = self.seconds // 60
        return "minute" if minutes == 1 else f"{minutes} minutes"


def client_ip(request):
    """The client's address as the brakes count it: REMOTE_ADDR, or with BEHIND_PROXY the address our proxy
    appended last to X-Forwarded-For (entries left of it are whatever the client sent). An IPv4 address
    mapped into IPv6 (a dual-stack listener) is the IPv4 address; any other IPv6 address stands for its
    whole /64, which one subscriber gets, as its first address. Also django-axes' address
    (AXES_CLIENT_IP_CALLABLE), so log-in lockouts and these limits agree."""
    value = request.META.get("REMOTE_ADDR")
    if settings.BEHIND_PROXY:
        value = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip() or value
    return counted_address(value)


def counted_address(value):
    try:
        address = ipaddress.ip_address(str(value or "").strip())
    except ValueError:
        return value
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def _bucket(kind, value):
    value = str(value or "").strip()
    if kind == "email":
        value = value.casefold()
    elif kind == "address":
        value = counted_address(value)
    return salted_hmac("portal.accounts.ratelimit", f"{kind}:{value}", algorithm="sha256").hexdigest()


def spend(action, **values):
    """Count one `action` request for each value (address=..., email=...), or raise RateLimited and count
    nothing when one of them has reached a limit.

    Each request is stored before it counts, outside a transaction, so parallel requests see each other
    and cannot all slip under a limit.
    """
    limits = settings.ACCOUNT_RATE_LIMITS[action]
    now = timezone.now()
    hits = [
        RateLimitHit.objects.create(action=action, key=_bucket(kind, value), created_at=now)
        for kind, value in values.items()
    ]
    try:
        for kind, hit in zip(values, hits, strict=True):
            for limit, seconds in limits[kind]:
                since = now - datetime.timedelta(seconds=seconds)
                if (
                    RateLimitHit.objects.filter(action=action, key=hit.key, created_at__gt=since).count()
                    > limit
                ):
                    raise RateLimited(limit, seconds)
    except RateLimited:
        # A refused request does not count: whoever waits out the period may go on.
        RateLimitHit.objects.filter(pk__in=[hit.pk for hit in hits]).delete()
        raise
    finally:
        _prune(now)


def _prune(now):
    longest = max(
        seconds
        for kinds in settings.ACCOUNT_RATE_LIMITS.values()
        for rules in kinds.values()
        for _, seconds in rules
    )
    RateLimitHit.objects.filter(created_at__lt=now - datetime.timedelta(seconds=longest)).delete()
