"""Site-wide machine-readable addresses: sitemap, robots.txt, feeds and generated images."""

from django.urls import path  # noqa: F401

urlpatterns = []
