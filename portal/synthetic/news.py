"""News articles about the shows (popular ones more often), linked to their shows, leads and episodes."""

import datetime

from portal.news.models import Article

from .bulk import Batch
from .draws import at
from .names import Slugs
from .state import ANCHOR
from .vocabulary import ARTICLE_SHAPES, PARAGRAPHS


def add_news(state, rng):
    count = state.sizes["articles"]
    if not state.shows:
        return
    slugs = Slugs()
    with Batch(state.inserter) as batch:
        for article_id in state.ids.block(Article, count):
            info = state.shows[state.show_picker.pick()]
            values = info.text_values(rng)
            headline, standfirst = rng.choice(ARTICLE_SHAPES)
            title = headline.format(**values)
            published = at(info.first_aired, rng=rng, spread_hours=24) + datetime.timedelta(
                days=rng.randint(-60, 120)
            )
            published = min(published, at(ANCHOR))
            state.article_dates.append((article_id, info, published))
            paragraphs = [p.format(**values) for p in rng.sample(PARAGRAPHS, 3)]
            batch.add(
                Article,
                {
                    "id": article_id,
                    "title": title,
                    "slug": slugs(title),
                    "standfirst": standfirst.format(**values),
                    "body": "\n\n".join(paragraphs),
                    "published_at": published,
                    "story_date": published.date() if rng.random() < 0.7 else None,
                    "source_note": "",
                    "has_spoilers": rng.random() < 0.1,
                },
            )
            batch.add(Article.shows.through, {"article_id": article_id, "show_id": info.id})
            for person in list(dict.fromkeys(pid for pid, _n in info.leads[:2])):
                batch.add(Article.people.through, {"article_id": article_id, "person_id": person})
            if info.episode_ids and rng.random() < 0.3:
                batch.add(
                    Article.episodes.through,
                    {"article_id": article_id, "episode_id": rng.choice(info.episode_ids)},
                )
