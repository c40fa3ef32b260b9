from django.urls import path

from portal.caching.pages import cache_public_page

from . import views

app_name = "calendars"

urlpatterns = [
    # Cached like the pages: the show and every episode in it tag the copy, so an edit of either (or a new
    # episode, which renews its show's tag) retires it.
    path("shows/<slug:slug>/calendar.ics", cache_public_page()(views.show_calendar), name="show"),
    path("calendars/members/<uuid:key>.ics", views.member_calendar, name="member"),
]
