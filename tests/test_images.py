"""Pictures: uploads are checked with Pillow before anything is stored, thumbnails are made once in the sizes
the pages use, and a record without a picture gets a generated placeholder, never a broken image."""

import io
import os
import re
import struct
import zlib
from pathlib import Path, PurePath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from PIL import Image, PngImagePlugin

from people.models import Character, Person
from portal.news.models import Article
from portal.pictures.images import (
    MAX_UPLOAD_BYTES,
    PictureFormField,
    check_image,
    delete_unused_picture,
    initials,
    placeholder_colour,
)
from shows.models import Show

from .test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(image_format="JPEG", size=(800, 1200), mode="RGB", colour=(180, 40, 90)):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format)
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_header_only(width, height):
    """A PNG that claims a huge size in its header (all a decompression bomb needs to be caught)."""

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def stored_files(media):
    root = Path(media)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def error_codes(data, name="poster.jpg"):
    field = PictureFormField()
    with pytest.raises(ValidationError) as caught:
        field.clean(upload(name, data))
    return [error.code for error in caught.value.error_list], " ".join(caught.value.messages)


# Checks


@pytest.mark.parametrize(
    ("image_format", "extension"),
    [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")],
    ids=["jpeg", "png", "webp"],
)
def test_jpeg_png_and_webp_are_accepted(image_format, extension):
    cleaned = PictureFormField().clean(upload(f"poster.{extension}", image_bytes(image_format)))
    assert cleaned.checked_image.format == image_format
    assert (cleaned.checked_image.width, cleaned.checked_image.height) == (800, 1200)
    assert cleaned.name == f"poster.{extension}"


def test_a_gif_named_jpg_is_refused():
    codes, message = error_codes(image_bytes("GIF", mode="P"), "poster.jpg")
    assert codes == ["invalid_image_format"]
    assert "JPEG, PNG or WebP" in message


def test_a_text_file_named_png_is_refused():
    codes, _message = error_codes(b"this is not a picture at all\n" * 20, "poster.png")
    assert codes == ["invalid_image_format"]


def test_a_png_named_jpg_is_stored_under_its_real_format():
    cleaned = PictureFormField().clean(upload("poster.jpg", image_bytes("PNG")))
    assert cleaned.name == "poster.png" and cleaned.content_type == "image/png"


def test_a_file_over_10_mb_is_refused_before_it_is_opened():
    data = image_bytes("PNG", size=(16, 16)) + b"\0" * MAX_UPLOAD_BYTES
    codes, message = error_codes(data, "poster.png")
    assert codes == ["file_too_large"]
    assert "10.0 MB" in message


def test_more_than_40_megapixels_is_refused():
    codes, message = error_codes(png_header_only(8000, 6000), "poster.png")  # 48 megapixels
    assert codes == ["too_many_pixels"]
    assert "8000 × 6000" in message and "40 megapixels" in message


def test_a_decompression_bomb_is_refused():
    # Far past Pillow's own limits: its warning and its error both become our message.
    for size in [(12_000, 12_000), (50_000, 50_000)]:
        codes, _message = error_codes(png_header_only(*size), "bomb.png")
        assert codes == ["too_many_pixels"]


def test_a_truncated_or_corrupt_file_is_refused():
    whole = image_bytes("JPEG")
    codes, message = error_codes(whole[: len(whole) // 2])
    assert codes == ["invalid_image"] and "damaged" in message
    noise = io.BytesIO()
    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(noise, "PNG")
    png = bytearray(noise.getvalue())
    middle = len(png) // 2
    png[middle : middle + 64] = b"\xff" * 64  # broken compressed data inside the picture
    codes, _message = error_codes(bytes(png), "poster.png")
    assert codes == ["invalid_image"]


def test_check_image_reports_the_size_as_shown_after_exif_rotation():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°: a 1200×800 file shows as 800×1200
    Image.new("RGB", (1200, 800), (10, 20, 30)).save(buffer, "JPEG", exif=exif)
    checked = check_image(upload("turned.jpg", buffer.getvalue()))
    assert (checked.width, checked.height) == (800, 1200)


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


# The admin


def test_admin_accepts_a_poster_and_shows_its_preview(staff_client, client, qot, media):
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    data["poster"] = upload("new-poster.webp", image_bytes("WEBP", size=(600, 900)), "image/webp")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    qot.refresh_from_db()
    assert qot.poster.name == "posters/new-poster.webp" and qot.poster_width == 600
    assert "thumbs/posters/new-poster-384w.webp" in stored_files(media)
    page = staff_client.get(url).content.decode()
    assert '<img src="/media/thumbs/posters/new-poster-96w.jpg" alt="" width="80" height="120">' in page
    assert 'accept="image/jpeg,image/png,image/webp"' in page


def test_a_rejected_upload_leaves_the_record_and_its_picture_untouched(staff_client, qot, media):
    qot.poster = upload("original.jpg", image_bytes("JPEG", size=(600, 900)))
    qot.save()
    before = stored_files(media)
    url = reverse("admin:shows_show_change", args=[qot.pk])
    data = form_data(staff_client.get(url))
    data["title"] = "A title that must not be saved"
    data["poster"] = upload("disguised.jpg", image_bytes("GIF", mode="P"))
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errornote" in html and "Upload a JPEG, PNG or WebP image" in html
    qot.refresh_from_db()
    assert qot.title == "Queen of Tears" and qot.poster.name == "posters/original.jpg"
    assert (qot.poster_width, qot.poster_height) == (600, 900)
    assert stored_files(media) == before  # nothing of the rejected file was written


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (png_header_only(9000, 9000), "81.0 megapixels"),
        (image_bytes("JPEG")[:500], "damaged or incomplete"),
    ],
    ids=["too-many-pixels", "corrupt"],
)
def test_admin_explains_why_a_photo_is_refused(staff_client, media, data, message):
    person = Person.objects.get(slug="kim-ji-won")
    url = reverse("admin:people_person_change", args=[person.pk])
    form = form_data(staff_client.get(url))
    form["photo"] = upload("photo.png", data, "image/png")
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert not person.photo and stored_files(media) == []


def test_a_script_cannot_store_a_bad_picture_either(qot, media):
    qot.poster = upload("bad.png", b"not an image", "image/png")
    with pytest.raises(ValidationError), transaction.atomic():
        qot.save()
    assert stored_files(media) == []
    assert not Show.objects.get(pk=qot.pk).poster


# What is stored: a clean copy, whatever saves it


HTML_NAMED_JPG = b"<!doctype html><html><script>alert(document.cookie)</script></html>\n"


def test_a_stored_jpeg_keeps_no_exif_gps_xmp_or_comment_and_is_turned_upright(media):
    exif = Image.Exif()
    exif[0x0112] = 6  # shot sideways: the 1200×800 pixels show as 800×1200
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 12.5), 3: "E", 4: (126.0, 58.0, 40.0)}  # GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (180, 40, 90)).save(
        buffer, "JPEG", exif=exif, comment=b"home address", xmp=b"<x:xmpmeta>GPSLatitude</x:xmpmeta>"
    )
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = upload("holiday.jpg", buffer.getvalue())
    person.save()
    person.refresh_from_db()
    assert (person.photo_width, person.photo_height) == (800, 1200)
    with Image.open(Path(media) / person.photo.name) as stored:
        assert stored.format == "JPEG" and stored.size == (800, 1200)
        assert not stored.getexif() and not stored.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "comment"} & set(stored.info)


def test_a_stored_png_loses_its_text_chunks_and_anything_after_its_end(media):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at home, 37.55N 126.97E")
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (10, 200, 30, 128)).save(buffer, "PNG", pnginfo=text)
    article = Article.objects.first()
    article.image.save("lead.png", ContentFile(buffer.getvalue() + HTML_NAMED_JPG))
    data = (Path(media) / article.image.name).read_bytes()
    assert b"<script" not in data and b"37.55N" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "PNG" and stored.mode == "RGBA" and stored.size == (400, 300)
        assert stored.text == {}


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (png_header_only(20_000, 20_000), "too_many_pixels", "far too many pixels"),
        (HTML_NAMED_JPG, "invalid_image_format", "JPEG, PNG or WebP"),
    ],
    ids=["decompression-bomb", "html-named-jpg"],
)
def test_code_that_saves_a_picture_goes_through_the_same_checks(media, data, code, message):
    person = Person.objects.get(slug="kim-ji-won")
    with pytest.raises(ValidationError) as caught:
        person.photo.save("photo.jpg", File(io.BytesIO(data), name="photo.jpg"))
    assert [error.code for error in caught.value.error_list] == [code]
    assert message in " ".join(caught.value.messages)
    assert stored_files(media) == []
    person.refresh_from_db()
    assert not person.photo and person.photo_width is None


def test_a_stored_file_assigned_by_name_is_checked_too(media):
    storage = Person._meta.get_field("photo").storage
    name = storage.save("people/page.jpg", ContentFile(HTML_NAMED_JPG))
    person = Person.objects.get(slug="kim-ji-won")
    person.photo = name
    with pytest.raises(ValidationError), transaction.atomic():
        person.save()
    assert not Person.objects.get(pk=person.pk).photo


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
