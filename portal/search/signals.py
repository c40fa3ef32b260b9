"""Keep search entries current whenever content is saved or deleted, in the admin or anywhere else.

Each handler names what the change can alter: a show's title appears in its episodes', characters' and
songs' entries, a casting in its actor's and character's context lines, and so on.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from awards.models import Category, Ceremony, Nomination
from people.models import Casting, Character, CrewCredit, Person
from portal.news.models import Article
from shows.models import Company, Episode, Show, Song

from . import indexing


def refresh(model, pks):
    """Re-index after the surrounding transaction commits, so a rolled-back save leaves no trace."""
    pks = set(pks)
    if indexing.is_paused() or not pks:
        return
    transaction.on_commit(lambda: indexing.reindex(model, pks))


@receiver([post_save, post_delete], sender=Show)
def show_changed(sender, instance, **kwargs):
    refresh(Show, [instance.pk])
    refresh(Episode, instance.episodes.values_list("pk", flat=True))
    refresh(Character, instance.characters.values_list("pk", flat=True))
    refresh(Song, instance.songs.values_list("pk", flat=True))
    # People's context lines name the show of their best-known credit.
    refresh(Person, instance.castings.values_list("person_id", flat=True))
    refresh(Person, instance.crew_credits.values_list("person_id", flat=True))


@receiver([post_save, pre_delete], sender=Company)
def company_changed(sender, instance, **kwargs):
    # Before a delete, note the shows now: afterwards their network is already cleared.
    refresh(Show, instance.broadcast_shows.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Person)
def person_changed(sender, instance, **kwargs):
    refresh(Person, [instance.pk])
    if kwargs["signal"] is post_save:
        refresh(Character, instance.castings.values_list("character_id", flat=True))
        refresh(Song, instance.songs.values_list("pk", flat=True))


@receiver([post_save, pre_delete], sender=Character)
def character_changed(sender, instance, **kwargs):
    refresh(Character, [instance.pk])
    # An actor's context line names their best-known character.
    refresh(Person, instance.castings.values_list("person_id", flat=True))


@receiver([post_save, post_delete], sender=Casting)
def casting_changed(sender, instance, **kwargs):
    refresh(Person, [instance.person_id])
    refresh(Character, [instance.character_id])


@receiver([post_save, post_delete], sender=CrewCredit)
def crew_credit_changed(sender, instance, **kwargs):
    refresh(Person, [instance.person_id])


@receiver([post_save, post_delete], sender=Episode)
def episode_changed(sender, instance, **kwargs):
    refresh(Episode, [instance.pk])


@receiver([post_save, pre_delete], sender=Song)
def song_changed(sender, instance, **kwargs):
    refresh(Song, [instance.pk])
    refresh(Person, instance.artists.values_list("pk", flat=True))


@receiver(m2m_changed, sender=Song.artists.through)
def song_artists_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_"):
        if isinstance(instance, Song):
            refresh(Song, [instance.pk])
            refresh(
                Person,
                instance.artists.values_list("pk", flat=True) if action == "post_clear" else pk_set or [],
            )
        else:
            refresh(Person, [instance.pk])
            refresh(Song, pk_set or [])


@receiver([post_save, post_delete], sender=Ceremony)
def ceremony_changed(sender, instance, **kwargs):
    refresh(Ceremony, [instance.pk])
    if kwargs["signal"] is post_save:
        refresh(Category, instance.categories.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Category)
def category_changed(sender, instance, **kwargs):
    refresh(Category, [instance.pk])


@receiver([post_save, pre_delete], sender=Nomination)
def nomination_changed(sender, instance, **kwargs):
    refresh(Ceremony, [instance.ceremony_id])
    refresh(Category, [instance.category_id])
    refresh(Person, instance.nominee_people.values_list("pk", flat=True) if instance.pk else [])


@receiver(m2m_changed, sender=Nomination.nominee_people.through)
def nominees_changed(sender, instance, action, pk_set, **kwargs):
    # A person's weight counts their nominations.
    if action.startswith("post_"):
        if isinstance(instance, Nomination):
            refresh(Person, pk_set or instance.nominee_people.values_list("pk", flat=True))
        else:
            refresh(Person, [instance.pk])


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    refresh(Article, [instance.pk])
