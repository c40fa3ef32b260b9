"""schema.org descriptions of the portal's pages, for the JSON-LD in their <head>.

Each function builds plain dicts from objects the page has already loaded (no queries of its own) and uses
only schema.org's own types and properties. Blank facts are left out rather than guessed.
"""

from django.conf import settings

from portal.pictures.thumbnails import share_image_url

CONTEXT = "https://schema.org"


def compact(data):
    """Drop empty values so the output never claims an empty name or list."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


class StructuredData:
    """Builds the JSON-LD of one request (URLs are absolute, on the host the page was asked for)."""

    def __init__(self, request):
        self.request = request

    def url(self, path):
        return self.request.build_absolute_uri(path)

    def image(self, picture):
        url = share_image_url(picture)
        return self.url(url) if url else None

    def site(self):
        return {"@type": "Organization", "name": settings.SITE_NAME, "url": self.url("/")}

    # References to things described on their own pages

    def person_ref(self, person, group_type="PerformingGroup"):
        """A person or group; when our sources do not say which, the reference carries no @type."""
        ref = {"name": person.name, "url": self.url(person.get_absolute_url())}
        kind = {person.Kind.PERSON: "Person", person.Kind.GROUP: group_type}.get(person.kind)
        return {"@type": kind, **ref} if kind else ref

    def series_ref(self, show):
        return {"@type": "TVSeries", "name": show.title, "url": self.url(show.get_absolute_url())}

    def people(self, people, group_type="PerformingGroup"):
        seen, refs = set(), []
        for person in people:
            if person is not None and person.pk not in seen:
                seen.add(person.pk)
                refs.append(self.person_ref(person, group_type))
        return refs

    # Pages

    def website(self, description):
        return compact(
            {
                "@context": CONTEXT,
                "@type": "WebSite",
                "name": settings.SITE_NAME,
                "url": self.url("/"),
                "description": description,
            }
        )

    def tv_series(self, show, *, episodes, main_characters, crew, won_nominations):
        crew_by_role = {group["role"]: [c.person for c in group["credits"]] for group in crew}
        actors = [
            casting.person
            for character in main_characters
            for casting in character.castings.all()
            if casting.age == casting.Age.ADULT
        ]
        return compact(
            {
                "@context": CONTEXT,
                "@type": "TVSeries",
                "name": show.title,
                "alternateName": [t for t in [show.native_title, *show.alternative_title_list] if t],
                "url": self.url(show.get_absolute_url()),
                "description": show.synopsis,
                "image": self.image(show.poster),
                "genre": [genre.name for genre in show.genres.all()],
                "inLanguage": show.language,
                "countryOfOrigin": compact({"@type": "Country", "name": show.country})
                if show.country
                else None,
                "startDate": show.first_aired,
                "endDate": show.last_aired,
                "numberOfEpisodes": show.episode_count,
                "productionCompany": [
                    {"@type": "Organization", "name": company.name}
                    for company in show.production_companies.all()
                ],
                "author": self.people(crew_by_role.get("writer", [])),
                "director": self.people(crew_by_role.get("director", [])),
                "musicBy": self.people(crew_by_role.get("music_director", [])),
                "actor": self.people(actors),
                "character": [self.character(character) for character in main_characters if character.name],
                "award": [award_text(nomination) for nomination in won_nominations],
                "episode": [self.episode_summary(episode) for episode in episodes],
            }
        )

    def character(self, character):
        """A main character (schema.org's `character`, a fictional Person) with its Hangul and other names."""
        return compact(
            {
                "@type": "Person",
                "name": character.name,
                "alternateName": [n for n in [character.native_name, *character.alternative_name_list] if n],
                "url": self.url(character.get_absolute_url()),
            }
        )

    def episode_summary(self, episode):
        return compact(
            {
                "@type": "TVEpisode",
                "name": episode_name(episode),
                "episodeNumber": episode.number if not episode.is_special else None,
                "datePublished": episode.air_date,
                "url": self.url(episode.get_absolute_url()),
            }
        )

    def tv_episode(self, episode):
        show = episode.show
        return compact(
            {
                "@context": CONTEXT,
                **self.episode_summary(episode),
                "description": episode.synopsis,
                "image": self.image(show.poster),
                "partOfSeries": self.series_ref(show),
                "actor": self.people(casting.person for casting in episode.cameos.all()),
            }
        )

    def person(self, person, *, nominations):
        """Person or PerformingGroup; nothing when our sources do not say which it is."""
        if not person.kind:
            return None
        is_group = person.kind == person.Kind.GROUP
        return compact(
            {
                "@context": CONTEXT,
                **self.person_ref(person),
                "alternateName": [n for n in [person.native_name, *person.alternative_name_list] if n],
                "description": person.bio,
                "image": self.image(person.photo),
                "memberOf": [
                    {**self.person_ref(group), "@type": "PerformingGroup"} for group in person.member_of.all()
                ],
                # Organization.member is for groups; a person's page lists no members.
                "member": self.people(person.members.all()) if is_group else [],
                "award": [award_text(n) for n in nominations if n.result == n.Result.WON],
            }
        )

    def recordings(self, songs, albums):
        """The soundtrack's singles as MusicRecordings (with their album where one is recorded)."""
        albums = {album.pk: album for album in albums}
        graph = []
        for song in songs:
            album = albums.get(song.album_id)
            graph.append(
                compact(
                    {
                        "@type": "MusicRecording",
                        "name": song.title,
                        "alternateName": [t for t in [song.native_title, *song.alternative_title_list] if t],
                        "url": self.url(song.get_absolute_url()),
                        # byArtist takes a Person or a MusicGroup.
                        "byArtist": self.people(song.artists.all(), group_type="MusicGroup"),
                        "datePublished": song.release_date,
                        "inAlbum": (
                            {
                                "@type": "MusicAlbum",
                                "name": album.title,
                                "url": self.url(album.get_absolute_url()),
                            }
                            if album
                            else None
                        ),
                    }
                )
            )
        return {"@context": CONTEXT, "@graph": graph} if graph else None

    def news_article(self, article):
        url = self.url(article.get_absolute_url())
        image = self.image(article.image)
        return compact(
            {
                "@context": CONTEXT,
                "@type": "NewsArticle",
                "headline": article.title[:110],
                "description": article.standfirst,
                "url": url,
                "mainEntityOfPage": url,
                "datePublished": article.published_at,  # left out when our sources do not give it
                "image": [image] if image else [],
                "author": self.site(),
                "publisher": self.site(),
                "about": [self.series_ref(show) for show in article.shows.all()],
                "mentions": self.people(article.people.all()),
            }
        )


def episode_name(episode):
    return f"{episode.show.title} {episode.label}" + (f": {episode.title}" if episode.title else "")


def award_text(nomination):
    """'Best Drama, Korea Drama Awards 2024'."""
    return f"{nomination.category.name}, {nomination.ceremony.name} {nomination.year}"
