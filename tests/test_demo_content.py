"""The demo content holds what the source material says about Queen of Tears, and nothing invented."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from awards.models import Ceremony, Nomination
from people.models import CastGroup, Casting, Character, CrewCredit, Person
from portal.demo.loader import load_demo
from portal.news.models import Article
from shows.models import Album, CriticReview, Episode, Listicle, Show, Song

pytestmark = pytest.mark.django_db


def all_counts():
    models = [
        Show,
        Episode,
        Person,
        Character,
        Casting,
        CrewCredit,
        Song,
        Album,
        Nomination,
        Ceremony,
        Article,
        CriticReview,
        Listicle,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_loading_twice_changes_nothing(capsys):
    before = all_counts()
    call_command("load_demo")
    assert "Demo content loaded." in capsys.readouterr().out
    assert all_counts() == before


def test_reloading_keeps_every_staff_edit_and_adds_no_duplicates(qot):
    """Issue 13: load_demo undid an editor's work (blanked fields, moved a character out of the main group)
    and credited a crew member twice after the editor changed the credit's role."""
    from shows.models import Genre

    Show.objects.filter(pk=qot.pk).update(
        native_title="An edited native title", broadcast_slot="Edited slot", episode_count=20
    )
    Episode.objects.filter(show=qot, number=8).update(nationwide_share=Decimal("1.000"))
    hyun_woo = Character.objects.get(show=qot, slug="baek-hyun-woo")
    Character.objects.filter(pk=hyun_woo.pk).update(group=CastGroup.objects.get(show=qot, slug="supporting"))
    credit = CrewCredit.objects.filter(show=qot, person__slug="kim-hee-won").first()
    used = set(CrewCredit.objects.filter(show=qot).values_list("role", flat=True))
    new_role = next(role for role in CrewCredit.Role.values if role not in used)
    CrewCredit.objects.filter(pk=credit.pk).update(role=new_role, note="Edited")
    Person.objects.filter(slug="kim-soo-hyun").update(bio="Written by an editor.")
    casting = Casting.objects.filter(character=hyun_woo).first()
    Casting.objects.filter(pk=casting.pk).update(billing=99)
    song = Song.objects.filter(show=qot).first()
    Song.objects.filter(pk=song.pk).update(title="An edited title")
    nomination = Nomination.objects.filter(show=qot).first()
    Nomination.objects.filter(pk=nomination.pk).update(result=Nomination.Result.WON, note="Edited result")
    ceremony = Ceremony.objects.first()
    Ceremony.objects.filter(pk=ceremony.pk).update(name="An edited ceremony")
    article = Article.objects.first()
    Article.objects.filter(pk=article.pk).update(title="An edited headline")
    qot.genres.set([Genre.objects.create(name="Edited genre", slug="edited-genre")])
    before = all_counts()

    load_demo()
    load_demo()

    assert all_counts() == before
    qot.refresh_from_db()
    assert (qot.native_title, qot.broadcast_slot, qot.episode_count) == (
        "An edited native title",
        "Edited slot",
        20,
    )
    assert [g.slug for g in qot.genres.all()] == ["edited-genre"]
    assert Episode.objects.get(show=qot, kind="regular", number=8).nationwide_share == Decimal("1.000")
    assert Character.objects.get(pk=hyun_woo.pk).group.slug == "supporting"
    assert CrewCredit.objects.get(pk=credit.pk).role == new_role
    assert CrewCredit.objects.filter(show=qot, person__slug="kim-hee-won").count() == before_credits(credit)
    assert Person.objects.get(slug="kim-soo-hyun").bio == "Written by an editor."
    assert Casting.objects.get(pk=casting.pk).billing == 99
    assert Song.objects.get(pk=song.pk).title == "An edited title"
    assert Nomination.objects.get(pk=nomination.pk).note == "Edited result"
    assert Ceremony.objects.get(pk=ceremony.pk).name == "An edited ceremony"
    assert Article.objects.get(pk=article.pk).title == "An edited headline"


def before_credits(credit):
    """Kim Hee-won's credits on the show as the demo files give them (the edit re-keyed one, adding none)."""
    from portal.demo.data_files import read_csv

    return sum(
        1
        for row in read_csv("crew.csv")
        if row["show"] == credit.show.slug and row["person"] == "kim-hee-won"
    )


def test_a_deleted_demo_record_is_created_again_and_nothing_else_changes(qot):
    before = all_counts()
    Episode.objects.get(show=qot, kind="special", number=2).delete()
    load_demo()
    assert all_counts() == before


def test_infobox_facts(qot):
    assert qot.network.name == "tvN"
    assert qot.developer.name == "CJ ENM"
    assert [g.name for g in qot.genres.all()] == ["Romantic comedy"]
    assert qot.first_aired == datetime.date(2024, 3, 9)
    assert qot.last_aired == datetime.date(2024, 4, 28)
    assert (qot.episode_count, qot.special_count) == (16, 2)
    assert qot.runtime == "80–90 minutes"
    assert sorted(c.name for c in qot.production_companies.all()) == [
        "Culture Depot",
        "Showrunners",
        "Studio Dragon",
    ]
    assert qot.filming_location_list == ["South Korea", "Germany"]
    assert {(a.platform.name, a.region) for a in qot.availability.all()} == {
        ("TVING", "South Korea"),
        ("Netflix", "Selected regions"),
    }
    # The source strips the budget figure and the native title: they stay unknown.
    assert qot.budget_note == ""
    assert qot.native_title == ""
    assert "Yongdu-ri" in qot.synopsis


def test_crew_with_the_unnamed_director(qot):
    credits = CrewCredit.objects.filter(show=qot)
    directors = credits.filter(role="director").order_by("order")
    # The source leaves the first director's name out: the credit names nobody rather than a made-up person.
    assert [d.person and d.person.slug for d in directors] == [None, "kim-hee-won"]
    assert directors[0].note.startswith("Co-director")
    assert not Person.objects.filter(name__icontains="not given").exists()
    assert not Person.objects.filter(name__icontains="co-director").exists()
    assert credits.get(role="writer").person.name == "Park Ji-eun"
    assert credits.get(role="music_director").person.name == "Nam Hye-seung"
    assert credits.filter(role="producer").count() == 7
    assert credits.filter(role="executive_producer").count() == 3
    assert credits.filter(role="cinematographer").count() == 4
    assert credits.get(role="editor").person.name == "Yoo Hyun-hye"


def test_fifty_two_cast_lines(qot):
    castings = Casting.objects.filter(character__show=qot)
    assert castings.count() == 52
    assert Character.objects.filter(show=qot).count() == 45
    assert castings.exclude(age="adult").count() == 7
    assert castings.filter(person=None).count() == 7
    unnamed = {c.role_label for c in castings.filter(person=None)}
    assert unnamed == {
        "teen Hong Hae-in",
        "Hong Beom-seok",
        "Baek Hyun-tae",
        "Bang-sil",
        "Kim Yang-ki",
        "Kim Min-gyu",
        "Pyeon Seong-uk",
    }


def test_cast_groups_and_younger_versions(qot):
    hyun_woo = Character.objects.get(show=qot, slug="baek-hyun-woo")
    assert hyun_woo.group.name == "Main"
    assert {(c.age, c.person.name) for c in hyun_woo.castings.all()} == {
        ("adult", "Kim Soo-hyun"),
        ("teen", "Moon Seong-hyun"),
        ("child", "Choi Yi-an"),
    }
    assert str(Character.objects.get(show=qot, slug="yong-song").group) == "Supporting › Yongdu-ri"
    special = Casting.objects.filter(character__show=qot, character__group__slug="special-appearances")
    assert special.count() == 13 and all(c.is_cameo for c in special)


def test_song_joong_ki_cameo_in_episode_8_and_lead_in_vincenzo():
    song = Person.objects.get(slug="song-joong-ki")
    roles = {(c.character.show.slug, c.character.name, c.is_cameo) for c in song.castings.all()}
    assert roles == {("queen-of-tears", "Vincenzo Cassano", True), ("vincenzo", "Vincenzo Cassano", False)}
    cameo = song.castings.get(character__show__slug="queen-of-tears")
    assert [e.number for e in cameo.episodes.all()] == [8]


def test_episodes_and_shares(qot):
    regular = Episode.objects.filter(show=qot, kind="regular")
    specials = Episode.objects.filter(show=qot, kind="special")
    assert regular.count() == 16 and specials.count() == 2
    ep8 = regular.get(number=8)
    assert ep8.air_date == datetime.date(2024, 3, 31)
    assert ep8.nationwide_share == Decimal("16.143") and ep8.seoul_share == Decimal("17.886")
    ep1 = regular.get(number=1)
    assert ep1.nationwide_share is None and ep1.seoul_share is None
    final = regular.get(number=16)
    assert final.nationwide_share == Decimal("24.850") and final.seoul_share is None
    assert specials.get(number=1).air_date == datetime.date(2024, 5, 4)
    assert specials.get(number=2).seoul_share == Decimal("4.070")


def test_soundtrack(qot):
    album = Album.objects.get(show=qot)
    assert album.release_date == datetime.date(2024, 4, 30)
    assert [(p.chart.name, p.position) for p in album.chart_peaks.all()] == [
        ("South Korean Albums (Circle)", 9)
    ]
    songs = Song.objects.filter(show=qot)
    assert songs.filter(kind="part").count() == 11
    assert sorted(songs.filter(kind="part").values_list("part", flat=True)) == list(range(1, 12))
    way_home = songs.get(kind="special")
    assert way_home.title == "Way Home" and way_home.release_date == datetime.date(2024, 4, 29)
    assert [a.name for a in way_home.artists.all()] == ["Kim Soo-hyun"]
    part4 = songs.get(part=4)
    assert {p.chart.short_name: p.position for p in part4.chart_peaks.all()} == {
        "KOR Circle": 6,
        "KOR Songs": 8,
        "US World": 4,
        "WW": 184,
    }
    more = songs.get(part=11)
    assert all(p.position is None for p in more.chart_peaks.all()) and more.chart_peaks.count() == 4
    # Who sings the other parts is not in the sources.
    assert songs.filter(artists=None).count() == 9


def test_accolades_rows_and_ceremonies(qot):
    nominations = Nomination.objects.filter(show=qot)
    assert nominations.count() == 69
    assert Ceremony.objects.count() == 25
    assert nominations.filter(category__ceremony__name="APAN Star Awards").count() == 15
    assert nominations.filter(result="nominated").count() == 0


def test_korea_drama_awards_best_supporting_actor_has_two_nominees():
    rows = Nomination.objects.filter(
        category__ceremony__name="Korea Drama Awards", year=2024, category__name="Best Supporting Actor"
    ).order_by("position")
    assert [r.nominee_text for r in rows] == ["Park Sung-hoon", "Kwak Dong-yeon"]
    assert [p.slug for r in rows for p in r.nominee_people.all()] == ["park-sung-hoon", "kwak-dong-yeon"]


def test_results_are_won_only_where_the_text_says_so():
    won = {(n.category.ceremony.name, n.category.name) for n in Nomination.objects.filter(result="won")}
    assert won == {
        ("Asian Academy Creative Awards", "Best Direction (Grand Final)"),
        ("Asian Television Awards", "Best Scriptwriting (Grand Final)"),
        ("Korea Drama Awards", "Best Drama"),
        ("Seoul International Drama Awards", "Outstanding Korean Drama"),
    }
    assert Nomination.objects.filter(result="not_recorded").count() == 65
    # Results inferred from the article's prose say how they are known.
    assert Nomination.objects.exclude(note="").count() == 3
    assert not Nomination.objects.filter(result="not_recorded").exclude(note="").exists()


def test_nominees_link_to_what_they_name(qot):
    couple = Nomination.objects.get(
        category__ceremony__slug="apan-star-awards", nominee_text="Kim Soo-hyun and Kim Ji-won"
    )
    assert {p.slug for p in couple.nominee_people.all()} == {"kim-soo-hyun", "kim-ji-won"}
    drama = Nomination.objects.get(category__ceremony__slug="korea-drama-awards", category__name="Best Drama")
    assert drama.nominee_show == qot and drama.nominee_kind == "show"
    ost = Nomination.objects.filter(nominee_text__startswith='"The Reasons of My Smile"')
    assert ost.count() == 3
    assert {s.slug for n in ost for s in n.nominee_songs.all()} == {"the-reason-of-my-smiles"}
    assert ost.first().nominee_kind == "song"
    # A nominee added under the category above (the row starts with the nominee) keeps that category.
    grand = Nomination.objects.filter(
        category__ceremony__slug="korea-drama-awards", category__name="Grand Prize (Daesang)"
    )
    assert sorted(grand.values_list("nominee_text", flat=True)) == ["Kim Ji-won", "Kim Soo-hyun"]
    # Rows whose nominee the source leaves out stay without a nominee.
    assert Nomination.objects.get(category__ceremony__slug="baeksang-arts-awards").nominee_text == ""


def test_reviews_listicles_and_remake(qot):
    reviews = {r.publication: r for r in CriticReview.objects.filter(show=qot)}
    assert len(reviews) == 6
    assert reviews["NME"].critic == "Tanu I. Raj" and reviews["NME"].score_display == "4/5"
    assert reviews["But Why Tho?"].score_display == "9/10"
    assert reviews["Forbes"].score is None
    listicles = Listicle.objects.filter(show=qot)
    assert listicles.count() == 8 and listicles.filter(publisher="NME").count() == 2
    assert not listicles.exclude(placement=None).exists()
    remake = Show.objects.get(remake_of=qot)
    assert remake.title == "Aşk ve Gözyaşı" and remake.first_aired == datetime.date(2025, 9, 19)


def test_other_works_linked_to_people():
    park = Person.objects.get(slug="park-ji-eun")
    assert {c.show.slug for c in park.crew_credits.all()} >= {
        "queen-of-tears",
        "crash-landing-on-you",
        "my-love-from-the-star",
        "the-producers",
    }
    kim_hee_won = Person.objects.get(slug="kim-hee-won")
    credits = {(c.show.slug, c.role) for c in kim_hee_won.crew_credits.all()}
    # The source says Kim Hee-won "worked on" the earlier shows, not in what role.
    assert credits == {("queen-of-tears", "director"), ("vincenzo", "other"), ("little-women", "other")}
    # The co-director's name is missing; the credits on the shows the source connects to them say so.
    unnamed = CrewCredit.objects.filter(person=None).select_related("show")
    assert {(c.show.slug, c.role) for c in unnamed} == {
        ("queen-of-tears", "director"),
        ("crash-landing-on-you", "other"),
        ("bulgasal-immortal-souls", "other"),
    }
    assert all("Queen of Tears" in c.note for c in unnamed if c.show.slug != "queen-of-tears")


def test_news_articles_linked(qot):
    cameo = Article.objects.get(slug="song-joong-ki-returns-as-vincenzo-in-queen-of-tears")
    assert qot in cameo.shows.all()
    assert [e.number for e in cameo.episodes.all()] == [8]
    assert "song-joong-ki" in {p.slug for p in cameo.people.all()}
    assert cameo.story_date == datetime.date(2024, 3, 31)
    # The sources give no publication date for either story; loading the demo must not make one up.
    assert list(Article.objects.values_list("published_at", flat=True)) == [None, None]
    assert Article.objects.count() == 2


def test_serve_loads_the_demo_only_into_an_empty_database(capsys, qot):
    Episode.objects.filter(show=qot, kind="special").delete()  # staff removed the specials
    call_command("load_demo", "--if-empty")
    assert "not loaded" in capsys.readouterr().out
    assert not Episode.objects.filter(show=qot, kind="special").exists()
