from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<str:kind>/<int:pk>/", views.post, name="post"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/helpful/", views.helpful, name="helpful"),
]
