"""Purge an HTTP cache in front of the portal (Varnish with the xkey vmod, deploy/varnish/default.vcl) by tag.

`purge_tags(tags)` sends `PURGE /` with `xkey-purge: <tags, space-separated>` to every base URL in
settings.HTTP_CACHE_PURGE_URLS; the cache drops every page whose Surrogate-Key names one of them. With the
setting empty (the default) it does nothing. A cache that is down or slow costs at most the timeout per
request and a warning: the save that asked for the purge has been committed and must not fail.
"""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger("portal.caching")

TIMEOUT = 0.5
# Varnish refuses request headers over 8 KB (http_req_hdr_len); longer tag lists go in several requests.
MAX_HEADER_BYTES = 7000


def purge_tags(tags):
    """Ask each configured HTTP cache to drop the pages tagged with any of `tags`; never raises."""
    urls = getattr(settings, "HTTP_CACHE_PURGE_URLS", [])
    batches = list(header_values(tags))
    if not urls or not batches:
        return
    for url in urls:
        for value in batches:
            try:
                status = send_purge(url, value)
            except Exception as error:  # unreachable, timed out, a malformed URL: never the save's problem
                logger.warning("HTTP cache purge at %s failed: %r", url, error)
                break  # the cache is unreachable: the remaining batches would wait for nothing
            if status != 200:
                logger.warning("HTTP cache purge at %s answered %s", url, status)


def header_values(tags):
    """The tags, without repeats, joined by spaces into values of at most MAX_HEADER_BYTES each."""
    batch, size = [], 0
    for tag in dict.fromkeys(str(tag) for tag in tags if tag):
        length = len(tag.encode())
        if batch and size + 1 + length > MAX_HEADER_BYTES:
            yield " ".join(batch)
            batch = []
        size = size + 1 + length if batch else length
        batch.append(tag)
    if batch:
        yield " ".join(batch)


def send_purge(url, value):
    """One `PURGE /` with the tags in `xkey-purge`; returns the response status."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request("PURGE", parts.path or "/", headers={"xkey-purge": value})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
