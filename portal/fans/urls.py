from django.urls import path

from . import views

app_name = "fans"

urlpatterns = [
    path("fans/list/<int:show_pk>/", views.list_status, name="list"),
    path("fans/watched/<int:episode_pk>/", views.watched, name="watched"),
    path("fans/rate/<str:kind>/<int:pk>/", views.rate, name="rate"),
    path("accounts/profile/", views.settings_page, name="settings"),
    path("members/<str:username>/", views.profile, name="profile"),
]
