"""The site's URLs plus views that fail on purpose, for testing the error pages."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("secret internals: do not show me")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [
    path("test-errors/500/", boom),
    path("test-errors/403/", forbidden),
    path("test-errors/400/", suspicious),
    *site_urlpatterns,
]
