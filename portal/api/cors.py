"""CORS for the API: any web page may read it (GET and HEAD, without credentials), so the answer to a
preflight (OPTIONS) is always the same and needs no view."""

import functools

from django.http import HttpResponse

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a script may send and read besides the CORS-safelisted headers.
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Retry-After, X-Cache, Content-Disposition"


def cors_open(view):
    """View decorator: answer OPTIONS (a CORS preflight or not) at once, and let any origin read the rest."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204, headers={"Allow": ALLOWED_METHODS})
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped
