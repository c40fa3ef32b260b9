"""What the press wrote, in the demo: critics' reviews and listicles (reception.toml) and the portal's news
articles (news.toml)."""

from portal.demo.data_files import prose, read_toml
from portal.news.models import Article
from shows.models import CriticReview, Episode, Listicle


def load_reception(loader):
    data = read_toml("reception.toml")
    show = loader.shows[data["show"]]
    for order, row in enumerate(data["reviews"], start=1):
        loader.ensure(
            CriticReview,
            "critic review",
            {
                "score": row.get("score"),
                "score_out_of": row.get("out_of"),
                "summary": row["summary"],
                "order": order,
            },
            show=show,
            publication=row["publication"],
            critic=row.get("critic", ""),
        )
    for row in data["listicles"]:
        loader.ensure(
            Listicle,
            "listicle",
            {"year": row["year"], "placement": row.get("placement")},
            show=show,
            publisher=row["publisher"],
            title=row["title"],
        )


def load_news(loader):
    for row in read_toml("news.toml")["article"]:
        article = loader.ensure(
            Article,
            "article",
            {
                "title": row["title"],
                # Our sources do not date the stories; loading them today must not make today their date.
                "published_at": row.get("published_at"),
                "standfirst": row["standfirst"],
                "body": prose(row["body"]),
                "story_date": row.get("story_date"),
                "source_note": row.get("source_note", ""),
                "has_spoilers": row.get("has_spoilers", False),
            },
            slug=row["slug"],
        )
        shows = [loader.shows[s] for s in row.get("shows", [])]
        loader.link(article, "shows", shows)
        loader.link(article, "people", [loader.people[s] for s in row.get("people", [])])
        loader.link(
            article,
            "episodes",
            Episode.objects.filter(
                show=shows[0], kind=Episode.Kind.REGULAR, number__in=row.get("episodes", [])
            ),
        )
