"""Finding a generated catalogue (by the marks in state.py) and removing it without touching anything else."""

import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q

from awards.models import Category, Ceremony, Nomination
from people.models import CastGroup, Casting, Character, CrewCredit, Person
from portal.comments.models import Comment, CommentReport
from portal.news.models import Article
from shows.models import (
    Album,
    AlbumChartPeak,
    Availability,
    Chart,
    Company,
    Episode,
    Genre,
    Show,
    ShowRelation,
    Song,
    SongChartPeak,
)

from .state import MEMBER_EMAIL_DOMAIN, PREFIX


def generated_roots():
    """Querysets of the generated rows everything else hangs off."""
    return {
        "shows": Show.objects.filter(slug__startswith=PREFIX),
        "people": Person.objects.filter(slug__startswith=PREFIX),
        "ceremonies": Ceremony.objects.filter(slug__startswith=PREFIX),
        "articles": Article.objects.filter(slug__startswith=PREFIX),
        "companies": Company.objects.filter(slug__startswith=PREFIX),
        "genres": Genre.objects.filter(slug__startswith=PREFIX),
        "charts": Chart.objects.filter(slug__startswith=PREFIX),
        "members": get_user_model().objects.filter(email__endswith=f"@{MEMBER_EMAIL_DOMAIN}"),
    }


def generated_catalogue():
    """{root: count} of a generated catalogue in the database; empty when there is none."""
    counts = {name: qs.count() for name, qs in generated_roots().items()}
    return {name: n for name, n in counts.items() if n}


def delete_rows(queryset):
    """DELETE the queryset's rows in one statement: no signals, no per-row fetching, FKs checked at commit."""
    model = queryset.model
    select, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({select})",
            params,
        )
        return cursor.rowcount


def delete_generated(progress=print):
    """Remove the generated catalogue and nothing else: the big tables in bulk, then the generated roots
    through the ORM, which also finds anything else pointing at them."""
    roots = generated_roots()
    shows, people, members = roots["shows"], roots["people"], roots["members"]
    episodes = Episode.objects.filter(show__in=shows)
    articles = roots["articles"]
    comments = Comment.objects.filter(
        Q(episode__in=episodes) | Q(article__in=articles) | Q(author__in=members)
    )
    nominations = Nomination.objects.filter(Q(ceremony__in=roots["ceremonies"]) | Q(show__in=shows))
    songs = Song.objects.filter(show__in=shows)
    castings = Casting.objects.filter(Q(show__in=shows) | Q(person__in=people))
    bulk = [
        CommentReport.objects.filter(Q(comment__in=comments) | Q(reporter__in=members)),
        comments,
        Casting.episodes.through.objects.filter(Q(casting__in=castings) | Q(episode__in=episodes)),
        Nomination.nominee_people.through.objects.filter(
            Q(nomination__in=nominations) | Q(person__in=people)
        ),
        Nomination.nominee_songs.through.objects.filter(Q(nomination__in=nominations) | Q(song__in=songs)),
        nominations,
        Category.objects.filter(ceremony__in=roots["ceremonies"]),
        Song.artists.through.objects.filter(Q(song__in=songs) | Q(person__in=people)),
        Album.artists.through.objects.filter(Q(album__show__in=shows) | Q(person__in=people)),
        SongChartPeak.objects.filter(Q(song__in=songs) | Q(chart__in=roots["charts"])),
        AlbumChartPeak.objects.filter(Q(album__show__in=shows) | Q(chart__in=roots["charts"])),
        songs,
        Album.objects.filter(show__in=shows),
        castings,
        Character.objects.filter(show__in=shows),
        CastGroup.objects.filter(show__in=shows),
        CrewCredit.objects.filter(Q(show__in=shows) | Q(person__in=people)),
        Article.shows.through.objects.filter(Q(article__in=articles) | Q(show__in=shows)),
        Article.people.through.objects.filter(Q(article__in=articles) | Q(person__in=people)),
        Article.episodes.through.objects.filter(Q(article__in=articles) | Q(episode__in=episodes)),
        episodes,
        Show.genres.through.objects.filter(Q(show__in=shows) | Q(genre__in=roots["genres"])),
        Show.production_companies.through.objects.filter(
            Q(show__in=shows) | Q(company__in=roots["companies"])
        ),
        Availability.objects.filter(Q(show__in=shows) | Q(platform__in=roots["companies"])),
        ShowRelation.objects.filter(Q(show__in=shows) | Q(related__in=shows)),
        Person.member_of.through.objects.filter(Q(from_person__in=people) | Q(to_person__in=people)),
    ]
    started, removed = time.monotonic(), 0
    for queryset in bulk:
        removed += delete_rows(queryset)
    for queryset in roots.values():
        removed += queryset.delete()[0]
    progress(f"  Removed the generated catalogue ({removed:,} rows) in {time.monotonic() - started:.1f} s.")
