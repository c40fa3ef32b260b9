"""Which records a dump holds: the public catalogue, decided model by model.

Every model of the project is either exported (EXPORTED) or left out with a reason (EXCLUDED, or its whole
app in EXCLUDED_APPS); tests/test_data_dumps.py fails for a model that is neither, so a new model is a
conscious choice.
"""

import graphlib

from django.apps import apps

from portal.news.models import Article

# app_label.model_name, which is also the kind's name in a dump (shows.show.jsonl).
EXPORTED = (
    "shows.company",
    "shows.genre",
    "shows.show",
    "shows.availability",
    "shows.showrelation",
    "shows.episode",
    "shows.criticreview",
    "shows.listicle",
    "shows.chart",
    "shows.album",
    "shows.albumchartpeak",
    "shows.song",
    "shows.songchartpeak",
    "people.person",
    "people.castgroup",
    "people.character",
    "people.casting",
    "people.crewcredit",
    "awards.ceremony",
    "awards.category",
    "awards.nomination",
    "news.article",
)

# Models of the catalogue's apps that stay out, with why.
EXCLUDED = {}

# Apps none of whose models is public catalogue.
EXCLUDED_APPS = {
    "admin": "the admin's log of staff actions",
    "auth": "accounts, groups and permissions",
    "contenttypes": "Django's bookkeeping, which migrate recreates",
    "sessions": "visitors' sessions",
    "axes": "log-in attempts",
    "accounts": "members' rate-limit counters and username look-alikes",
    "comments": "members' discussions, votes and reports",
    "fans": "members' lists, watched marks, ratings and profiles",
    "notifications": "members' notifications",
    "history": "the edit history (django-simple-history's tables): an imported catalogue starts without one",
    "search": "the search index, which import_data rebuilds",
    "demo": "load_demo's record of the rows it created",
}


def kind_of(model):
    return model._meta.label_lower


def exported_models():
    return [apps.get_model(label) for label in EXPORTED]


def public_rows(model):
    """The rows of a kind a dump holds: all of them, but only the news articles already published."""
    if model is Article:
        return Article.objects.published()
    return model._base_manager.all()


def load_order():
    """The exported models, each after those its foreign keys point to (a model may point to itself: the
    database checks such links when the import commits)."""
    models = exported_models()
    graph = {
        model: {
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is not model
        }
        for model in models
    }
    return list(graphlib.TopologicalSorter(graph).static_order())


def link_models(model):
    """The tables of a model's many-to-many fields."""
    return [field.remote_field.through for field in model._meta.many_to_many]
