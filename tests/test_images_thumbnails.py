"""Pictures as they are shown: thumbnails made once in the sizes the pages use, a generated placeholder for a
record without a picture (never a broken image), old files deleted once a replacement commits, and files
stored around the checks never linked."""

import io
import re
from pathlib import Path, PurePath

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import transaction
from PIL import Image

from people.models import Character, Person
from portal.news.models import Article
from portal.pictures.fields import delete_unused_picture
from portal.pictures.placeholders import initials, placeholder_colour
from shows.models import Show

from .helpers_images import HTML_NAMED_JPG, image_bytes, stored_files, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


# Thumbnails


def test_saving_a_picture_writes_webp_and_fallback_thumbnails_once(qot, media):
    qot.poster = upload("qot.jpg", image_bytes("JPEG", size=(900, 1350)))
    qot.save()
    qot.refresh_from_db()
    assert (qot.poster_width, qot.poster_height) == (900, 1350)
    files = stored_files(media)
    assert "posters/qot.jpg" in files
    for width in (96, 192, 384, 768):
        for extension in ("webp", "jpg"):
            name = f"thumbs/posters/qot-{width}w.{extension}"
            assert name in files, name
            with Image.open(Path(media) / name) as thumbnail:
                assert thumbnail.size == (width, width * 3 // 2)
                assert thumbnail.format == {"webp": "WEBP", "jpg": "JPEG"}[extension]
    # Saving the record again does not redo them.
    stamps = {p: p.stat().st_mtime_ns for p in Path(media, "thumbs").rglob("*")}
    qot.title = "Queen of Tears"
    qot.save()
    assert {p: p.stat().st_mtime_ns for p in Path(media, "thumbs").rglob("*")} == stamps


def test_the_thumbnail_command_writes_missing_thumbnails(qot, media):
    qot.poster = upload("qot.png", image_bytes("PNG", size=(400, 600)), "image/png")
    qot.save()
    for thumbnail in Path(media, "thumbs").rglob("*-192w.*"):
        thumbnail.unlink()
    Show.objects.filter(pk=qot.pk).update(poster_width=None, poster_height=None)
    call_command("make_thumbnails", stdout=io.StringIO())
    assert {"thumbs/posters/qot-192w.png", "thumbs/posters/qot-192w.webp"} <= set(stored_files(media))
    qot.refresh_from_db()
    assert (qot.poster_width, qot.poster_height) == (400, 600)


def test_a_small_original_is_not_upscaled(media):
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = upload("small.png", image_bytes("PNG", size=(150, 200)), "image/png")
    person.save()
    files = [f for f in stored_files(media) if f.startswith("thumbs/")]
    assert files == ["thumbs/people/small-96w.png", "thumbs/people/small-96w.webp"]


def test_a_webp_original_gets_a_jpeg_fallback(media):
    article = Article.objects.first()
    article.image = upload("lead.webp", image_bytes("WEBP", size=(1600, 900)), "image/webp")
    article.save()
    files = stored_files(media)
    assert "thumbs/news/lead-1200w.jpg" in files and "thumbs/news/lead-1200w.webp" in files


def test_pages_show_thumbnails_with_sizes_srcset_and_lazy_loading(client, qot):
    qot.poster = upload("qot.jpg", image_bytes("JPEG", size=(900, 1350)))
    qot.save()
    actor = Person.objects.get(slug="kim-soo-hyun")
    actor.photo = upload("ksh.jpg", image_bytes("JPEG", size=(600, 600)))
    actor.save()

    html = client.get("/shows/queen-of-tears/").content.decode()
    poster = re.search(r'<picture class="poster">(.*?)</picture>', html, re.S).group(1)
    assert '<source type="image/webp" srcset="/media/thumbs/posters/qot-96w.webp 96w, ' in poster
    assert "/media/thumbs/posters/qot-768w.webp 768w" in poster
    assert 'src="/media/thumbs/posters/qot-384w.jpg"' in poster
    assert 'width="192" height="288"' in poster and 'sizes="12rem"' in poster
    assert 'alt="Poster of Queen of Tears"' in poster
    assert 'loading="lazy"' not in poster and 'fetchpriority="high"' in poster  # at the top of the page

    # The main cast is further down: the actor's photo loads lazily, in the avatar's size.
    entry = html.split('id="character-baek-hyun-woo"')[1].split("</li>")[0]
    avatar = re.search(r'<picture class="avatar">(.*?)</picture>', entry, re.S).group(1)
    assert 'loading="lazy"' in avatar and 'width="48" height="48"' in avatar
    assert "/media/thumbs/people/ksh-96w.webp 96w" in avatar

    # Link previews get the largest JPEG.
    assert '<meta property="og:image" content="http://testserver/media/thumbs/posters/qot-768w.jpg">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_a_character_still_is_preferred_to_the_actors_photo(client):
    character = Character.objects.get(slug="baek-hyun-woo")
    character.photo = upload("still.png", image_bytes("PNG", size=(400, 300)), "image/png")
    character.save()
    html = client.get("/shows/queen-of-tears/cast/").content.decode()
    entry = html.split('id="character-baek-hyun-woo"')[1].split("</li>")[0]
    assert "/media/thumbs/characters/still-96w.png" in entry


# Placeholders


def test_records_without_pictures_get_placeholders_not_broken_images(client):
    for url in [
        "/",
        "/shows/",
        "/shows/queen-of-tears/",
        "/shows/queen-of-tears/cast/",
        "/people/kim-soo-hyun/",
        "/news/",
    ]:
        html = client.get(url).content.decode()
        assert '<svg class="placeholder' in html, url
        assert "<img" not in html, url  # the demo ships no pictures, so nothing can be broken
    html = client.get("/shows/queen-of-tears/").content.decode()
    poster = re.search(r'<svg class="placeholder poster"[^>]*>.*?</svg>', html, re.S).group(0)
    assert 'aria-hidden="true"' in poster and 'width="192" height="288"' in poster
    assert f'fill="{placeholder_colour("Queen of Tears")}"' in poster and ">QT</text>" in poster
    assert '<meta name="twitter:card" content="summary">' in html and "og:image" not in html


def test_placeholder_initials_and_colours():
    assert initials("Queen of Tears") == "QT"
    assert initials("Kim Soo-hyun") == "KS"
    assert initials("BSS") == "B"
    assert initials("눈물의 여왕") == "눈여"
    assert initials("") == "?"
    assert placeholder_colour("Kim Soo-hyun") == placeholder_colour("Kim Soo-hyun")
    assert placeholder_colour("Kim Soo-hyun") != placeholder_colour("Kim Ji-won")
    # Dark enough for the white initials (WCAG contrast above 4.5:1).
    for name in ["Queen of Tears", "Kim Ji-won", "Kim Soo-hyun", "BSS", "Park Sung-hoon", "Vincenzo"]:
        red, green, blue = (int(placeholder_colour(name)[i : i + 2], 16) / 255 for i in (1, 3, 5))
        luminance = sum(
            weight * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
            for weight, c in zip((0.2126, 0.7152, 0.0722), (red, green, blue), strict=True)
        )
        assert 1.05 / (luminance + 0.05) > 4.5, name


# Replaced and cleared pictures


def photo_files(media, stem):
    return [f for f in stored_files(media) if PurePath(f).stem.split("-")[0] == stem]


def deletions(callbacks):
    """The picture deletions among the on-commit callbacks (the search index and the cache add theirs)."""
    return [c for c in callbacks if getattr(c, "func", None) is delete_unused_picture]


def test_replacing_and_clearing_a_photo_deletes_the_old_files_after_commit(
    media, django_capture_on_commit_callbacks
):
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = upload("first.jpg", image_bytes(size=(400, 400)))
    person.save()
    first = photo_files(media, "first")
    assert "people/first.jpg" in first and "thumbs/people/first-384w.webp" in first

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        person.photo = upload("second.png", image_bytes("PNG", size=(400, 400)), "image/png")
        person.save()
        assert photo_files(media, "first") == first  # nothing is deleted before the commit
    assert len(deletions(callbacks)) == 1
    assert photo_files(media, "first") == []
    second = photo_files(media, "second")
    assert "people/second.png" in second and "thumbs/people/second-96w.png" in second

    with django_capture_on_commit_callbacks(execute=True):
        person.photo = None
        person.save()
    assert stored_files(media) == []


def test_a_rolled_back_replacement_deletes_nothing(media, django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = upload("first.jpg", image_bytes(size=(400, 400)))
    person.save()
    first = photo_files(media, "first")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            person.photo = upload("second.jpg", image_bytes(size=(400, 400)))
            person.save()
            raise RuntimeError("the rest of the edit failed")
    assert deletions(callbacks) == []
    assert photo_files(media, "first") == first
    assert Person.objects.get(pk=person.pk).photo.name == "people/first.jpg"


def test_a_file_another_record_still_uses_is_kept(media, django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = upload("shared.jpg", image_bytes(size=(400, 400)))
    person.save()
    Person.objects.filter(slug="kim-soo-hyun").update(
        photo=person.photo.name, photo_width=400, photo_height=400
    )
    shared = photo_files(media, "shared")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        person.photo = None
        person.save()
    assert len(deletions(callbacks)) == 1 and photo_files(media, "shared") == shared


# Files stored around the checks


def store_around_the_checks(person, data, name="people/page.jpg"):
    """Bad bytes written straight into the storage and given to a record by a queryset update."""
    name = Person._meta.get_field("photo").storage.save(name, ContentFile(data))
    Person.objects.filter(pk=person.pk).update(photo=name)
    return name


def test_the_thumbnail_command_reports_a_bad_file_and_goes_on(qot, media):
    qot.poster = upload("qot.png", image_bytes("PNG", size=(400, 600)), "image/png")
    qot.save()
    for thumbnail in Path(media, "thumbs").rglob("*.*"):
        thumbnail.unlink()
    person = Person.objects.get(slug="kim-ji-won")
    name = store_around_the_checks(person, HTML_NAMED_JPG)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("make_thumbnails", stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert "Kim Ji-won" in lines[0] and name in lines[0] and "Upload a JPEG, PNG or WebP image" in lines[0]
    assert "6 thumbnail files written." in out.getvalue()  # 96, 192 and 384 wide, WebP and PNG
    assert {"thumbs/posters/qot-384w.png", "thumbs/posters/qot-384w.webp"} <= set(stored_files(media))
    assert not [f for f in stored_files(media) if f.startswith("thumbs/people/")]


def test_pages_never_link_a_picture_that_did_not_pass_the_checks(client, media):
    person = Person.objects.get(slug="kim-ji-won")
    name = store_around_the_checks(person, HTML_NAMED_JPG)
    html = client.get(person.get_absolute_url()).content.decode()
    assert name not in html and "/media/" not in html
    assert '<svg class="placeholder portrait"' in html
    # make_thumbnails refuses it and clears its size, so a size set before does not bring a link back.
    Person.objects.filter(pk=person.pk).update(photo_width=600, photo_height=600)
    with pytest.raises(CommandError):
        call_command("make_thumbnails", stdout=io.StringIO(), stderr=io.StringIO())
    html = client.get(person.get_absolute_url()).content.decode()
    assert "/media/" not in html and '<svg class="placeholder portrait"' in html


def test_pictures_with_one_name_in_two_formats_do_not_share_thumbnails(media):
    first, second = Person.objects.filter(slug__in=["kim-ji-won", "kim-soo-hyun"]).order_by("slug")
    first.photo.save("portrait.jpg", ContentFile(image_bytes(size=(400, 400))))
    second.photo.save("portrait.png", ContentFile(image_bytes("PNG", size=(400, 400))))
    assert first.photo.name == "people/portrait.jpg"
    assert second.photo.name.startswith("people/portrait_") and second.photo.name.endswith(".png")
    assert len([f for f in stored_files(media) if f.endswith("-96w.webp")]) == 2
