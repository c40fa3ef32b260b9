from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from .caching.pages import cache_public_page
from .health.views import healthz, minimal_view, readyz
from .views import HomeView

urlpatterns = [
    path(
        "",
        # Besides its lists, the home page shows this week's air dates and comments: kept ten minutes at most.
        cache_public_page(
            "show", "article", "person", "ceremony", "nomination", "episode", "showrating", max_age=600
        )(HomeView.as_view()),
        name="home",
    ),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("shows/", include("shows.urls")),
    path("episodes/", include("shows.episode_urls")),
    path("people/", include("people.urls")),
    path("awards/", include("awards.urls")),
    path("news/", include("portal.news.urls")),
    path("search/", include("portal.search.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("comments/", include("portal.comments.urls")),
    path("notifications/", include("portal.notifications.urls")),
    path("", include("portal.fans.urls")),
    path("admin/", admin.site.urls),
    path("", include("portal.calendars.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("", include("portal.seo.urls")),
]

if settings.BENCHMARK_VIEWS:
    urlpatterns.append(path("bench/minimal/", minimal_view))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = f"{settings.SITE_NAME} editors"
admin.site.site_title = settings.SITE_NAME
