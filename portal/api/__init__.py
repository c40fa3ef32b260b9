"""The read-only JSON API under /api/v1/ (Django REST Framework), over the pages' own querysets, selectors and
filter sets.

Each endpoint is a DRF view wrapped (urls.py `endpoint()`) in, from the outside: CORS (cors.py), the throttle
(throttling.py, which counts cached answers too) and the page cache (portal/caching/pages.py), so a response
carries X-Cache, Surrogate-Key and an ETag and is retired by the same writes as the pages showing the data.
Every error has one shape (errors.py).
"""
