"""The shows app's models, one module per part of a show."""

from .episodes import Episode, EpisodeQuerySet
from .reception import CriticReview, Listicle
from .show import Availability, Company, Genre, Show, ShowQuerySet, ShowRelation
from .soundtrack import (
    Album,
    AlbumChartPeak,
    AlbumQuerySet,
    Chart,
    ChartPeak,
    ChartPeakQuerySet,
    Song,
    SongChartPeak,
    SongQuerySet,
)

__all__ = [
    "Album",
    "AlbumChartPeak",
    "AlbumQuerySet",
    "Availability",
    "Chart",
    "ChartPeak",
    "ChartPeakQuerySet",
    "Company",
    "CriticReview",
    "Episode",
    "EpisodeQuerySet",
    "Genre",
    "Listicle",
    "Show",
    "ShowQuerySet",
    "ShowRelation",
    "Song",
    "SongChartPeak",
    "SongQuerySet",
]
