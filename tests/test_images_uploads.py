"""Pictures as they are uploaded: Pillow checks every file before anything is stored, the admin explains
what it refuses, and what is stored is a clean copy, whatever saves it."""

import io
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from PIL import Image, PngImagePlugin

from people.models import Person
from portal.news.models import Article
from portal.pictures.checks import MAX_UPLOAD_BYTES, check_image
from portal.pictures.fields import PictureFormField
from shows.models import Show

from .helpers_images import HTML_NAMED_JPG, image_bytes, png_header_only, stored_files, upload
from .test_admin import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


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


def test_a_multi_picture_jpeg_from_a_phone_is_stored_as_its_first_picture(media):
    """Pillow opens such a file as 'MPO'; it used to end in a KeyError (a 500 in the admin)."""
    from PIL import Image as PILImage

    first, second = PILImage.new("RGB", (640, 480), "navy"), PILImage.new("RGB", (640, 480), "red")
    data = io.BytesIO()
    first.save(data, "MPO", save_all=True, append_images=[second])
    person = Person.objects.get(slug="kim-soo-hyun")
    person.photo.save("phone.jpg", ContentFile(data.getvalue()))
    person.refresh_from_db()
    with person.photo.open("rb") as stored, PILImage.open(stored) as image:
        assert image.format == "JPEG" and image.size == (640, 480)
        assert getattr(image, "n_frames", 1) == 1


def test_make_thumbnails_cleans_originals_stored_before_uploads_were_re_encoded(media):
    """A JPEG written straight into the storage (as before this change) keeps its GPS data until
    `make_thumbnails --clean-originals` rewrites it."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 12.5), 3: "E", 4: (126.0, 58.0, 40.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (20, 90, 160)).save(buffer, "JPEG", exif=exif, comment=b"home address")
    old = Path(media) / "people" / "old-upload.jpg"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(buffer.getvalue() + b"<html>after the end</html>")
    Person.objects.filter(slug="kim-ji-won").update(photo="people/old-upload.jpg")
    call_command("make_thumbnails")
    assert b"home address" in old.read_bytes()  # only thumbnails without the option
    call_command("make_thumbnails", "--clean-originals")
    data = old.read_bytes()
    assert b"home address" not in data and b"after the end" not in data
    with Image.open(old) as stored:
        assert stored.size == (600, 400) and not stored.getexif().get_ifd(0x8825)
