from django.urls import path

from . import views

app_name = "shows"

urlpatterns = [
    path("", views.ShowListView.as_view(), name="list"),
    path("<slug:slug>/", views.ShowDetailView.as_view(), name="detail"),
    path("<slug:slug>/cast/", views.CastView.as_view(), name="cast"),
    path("<slug:slug>/episodes/", views.EpisodeListView.as_view(), name="episodes"),
    path("<slug:slug>/episodes/<int:number>/", views.EpisodeDetailView.as_view(), name="episode"),
    path("<slug:slug>/specials/<int:number>/", views.SpecialDetailView.as_view(), name="special"),
    path("<slug:slug>/soundtrack/", views.SoundtrackView.as_view(), name="soundtrack"),
    path("<slug:slug>/awards/", views.ShowAwardsView.as_view(), name="awards"),
]
