"""export_data writes the public catalogue as versioned JSON Lines; import_data loads it into an empty one."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.dumps.kinds import EXCLUDED, EXCLUDED_APPS, EXPORTED, exported_models, link_models, load_order
from portal.news.models import Article
from portal.search.models import SearchEntry
from shows.models import Episode, Show

from .factories import ArticleFactory, ShowFactory

pytestmark = pytest.mark.django_db


def export(directory, *args):
    call_command("export_data", str(directory), *args)
    return json.loads((directory / "manifest.json").read_text())


def import_(directory):
    call_command("import_data", str(directory))


def empty_the_catalogue():
    for model in reversed(load_order()):
        model._base_manager.all().delete()


def catalogue_counts():
    return {
        table._meta.label_lower: table._base_manager.count()
        for model in exported_models()
        for table in [model, *link_models(model)]
    }


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_every_model_is_exported_or_left_out_on_purpose():
    unclassified = [
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.label_lower not in EXPORTED
        and model._meta.label_lower not in EXCLUDED
        and model._meta.app_label not in EXCLUDED_APPS
    ]
    assert not unclassified, f"add these to EXPORTED or EXCLUDED in portal/dumps/kinds.py: {unclassified}"
    assert not set(EXPORTED) & set(EXCLUDED)
    exported = set(exported_models())
    for model in exported:  # everything an exported row points to is in the dump too
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            assert not field.is_relation or field.related_model in exported, (model, field.name)


def test_the_demo_round_trips_record_for_record(tmp_path):
    first = export(tmp_path / "first")
    before = catalogue_counts()
    assert first["schema_version"] == 1 and first["kinds"]["shows.show"]["count"] == Show.objects.count()
    assert first["kinds"]["shows.episode"]["count"] == 18
    empty_the_catalogue()
    assert not any(catalogue_counts().values())
    import_(tmp_path / "first")
    assert catalogue_counts() == before
    second = export(tmp_path / "second")
    assert first.pop("exported_at") and second.pop("exported_at")
    assert second == first
    for kind, entry in first["kinds"].items():
        written = lines(tmp_path / "first" / entry["file"])
        assert len(written) == entry["count"], kind
        assert lines(tmp_path / "second" / entry["file"]) == written, kind
    # What an import does besides the rows: the search index, and ids for new rows past the loaded ones.
    assert SearchEntry.objects.filter(title="Queen of Tears").exists()
    loaded_ids = [json.loads(line)["id"] for line in lines(tmp_path / "first/shows.show.jsonl")]
    assert ShowFactory().pk > max(loaded_ids)


def test_the_files_hold_ids_iso_dates_decimal_strings_and_sorted_links(tmp_path, qot):
    manifest = export(tmp_path)
    assert set(manifest) == {"schema_version", "exported_at", "license", "notes", "kinds"}
    assert manifest["license"]["name"] == "CC BY-SA 4.0"  # the API's license, from one setting
    fields = manifest["kinds"]["shows.show"]["fields"]
    assert fields[0] == "id" and "network" in fields and fields[-2:] == ["genres", "production_companies"]
    shows = [json.loads(line) for line in lines(tmp_path / "shows.show.jsonl")]
    assert [row["id"] for row in shows] == sorted(row["id"] for row in shows)
    row = next(row for row in shows if row["slug"] == "queen-of-tears")
    assert row["first_aired"] == "2024-03-09" and row["air_time"] == "21:20:00"
    assert row["network"] == qot.network_id and row["remake_of"] is None
    assert row["production_companies"] == sorted(qot.production_companies.values_list("pk", flat=True))
    assert row["poster"] == ""  # the demo has no pictures; a file would be named, not included
    episodes = [json.loads(line) for line in lines(tmp_path / "shows.episode.jsonl")]
    eight = next(e for e in episodes if e["show"] == qot.pk and e["kind"] == "regular" and e["number"] == 8)
    assert eight["nationwide_share"] == "16.143" and eight["air_date"] == "2024-03-31"
    one = next(e for e in episodes if e["show"] == qot.pk and e["kind"] == "regular" and e["number"] == 1)
    assert one["nationwide_share"] is None  # not in the sources: stays unknown


def test_only_published_articles_are_exported(tmp_path):
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    export(tmp_path)
    ids = {json.loads(line)["id"] for line in lines(tmp_path / "news.article.jsonl")}
    assert scheduled.pk not in ids and set(Article.objects.published().values_list("pk", flat=True)) == ids


def test_export_refuses_a_directory_that_is_not_empty_unless_forced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_data", str(tmp_path))
    assert not (tmp_path / "manifest.json").exists()
    export(tmp_path, "--force")
    assert (tmp_path / "shows.show.jsonl").exists() and (tmp_path / "notes.txt").read_text() == "mine"


def test_import_refuses_a_catalogue_that_is_not_empty(tmp_path):
    export(tmp_path)
    before = catalogue_counts()
    with pytest.raises(CommandError, match=r"not empty.*shows\.show \(\d+ rows\)"):
        import_(tmp_path)
    assert catalogue_counts() == before


def rewrite_manifest(directory, change):
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def test_import_refuses_an_unknown_schema_version_and_writes_nothing(tmp_path):
    export(tmp_path)
    rewrite_manifest(tmp_path, lambda manifest: manifest.update(schema_version=2))
    empty_the_catalogue()
    with pytest.raises(CommandError, match="schema version is 2; this portal reads version 1"):
        import_(tmp_path)
    assert not any(catalogue_counts().values())


def test_import_refuses_a_truncated_file_and_writes_nothing(tmp_path):
    export(tmp_path)
    path = tmp_path / "shows.episode.jsonl"
    path.write_text("\n".join(lines(path)[:-1]) + "\n")
    empty_the_catalogue()
    with pytest.raises(CommandError, match="shows.episode.jsonl holds 17 rows but the manifest counts 18"):
        import_(tmp_path)
    assert not any(catalogue_counts().values())


def test_import_refuses_a_missing_file_or_manifest(tmp_path):
    export(tmp_path)
    empty_the_catalogue()
    (tmp_path / "people.person.jsonl").unlink()
    with pytest.raises(CommandError, match="people.person.*missing"):
        import_(tmp_path)
    with pytest.raises(CommandError, match="manifest.json is missing"):
        import_(tmp_path / "nowhere")
    assert not any(catalogue_counts().values())


def test_a_bad_value_rolls_the_whole_import_back(tmp_path):
    export(tmp_path)
    path = tmp_path / "shows.episode.jsonl"
    rows = [json.loads(line) for line in lines(path)]
    rows[-1]["air_date"] = "the 31st of Never"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    empty_the_catalogue()
    with pytest.raises(CommandError, match=r"shows\.episode\.jsonl, line 18: air_date"):
        import_(tmp_path)
    assert not any(catalogue_counts().values()) and not Episode.objects.exists()
