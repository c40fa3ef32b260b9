"""RSS and Atom feeds (Django's syndication framework): the news, and each episode's discussion."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from portal.comments.models import Comment
from portal.news.models import Article
from shows.models import Episode

NEWS_ITEMS = 30
COMMENT_ITEMS = 50


class NewsFeed(Feed):
    """The latest published articles, newest first."""

    description_template = None

    def title(self):
        return f"{settings.SITE_NAME}: news"

    def link(self):
        return reverse("news:list")

    def description(self):
        return f"News about the dramas and people on {settings.SITE_NAME}."

    subtitle = description  # Atom's name for it

    def items(self):
        return Article.objects.for_list_page()[:NEWS_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.standfirst

    def item_pubdate(self, article):
        return article.published_at  # None when our sources do not give it: the feed then leaves it out

    def item_updateddate(self, article):
        # Atom requires an <updated> time on every entry; it is when our record last changed.
        return article.updated_at

    def item_categories(self, article):
        return [show.title for show in article.shows.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed


class EpisodeDiscussionFeed(Feed):
    """The newest visible comments on one episode or special (hidden and deleted ones left out). Spoilers
    are not printed in the feed, where readers cannot fold them away."""

    def get_object(self, request, slug, kind, number):
        return get_object_or_404(
            Episode.objects.select_related("show"), show__slug=slug, kind=kind, number=number
        )

    def title(self, episode):
        return f"{episode.show.title} {episode.label.lower()}: discussion on {settings.SITE_NAME}"

    def link(self, episode):
        return episode.get_absolute_url() + "#discussion"

    def description(self, episode):
        return f"New comments on {episode.show.title} {episode.label.lower()}."

    def subtitle(self, episode):
        return self.description(episode)

    def items(self, episode):
        comments = list(
            Comment.objects.public()
            .filter(episode=episode, is_deleted=False)
            .select_related("author")
            .order_by("-created_at", "-pk")[:COMMENT_ITEMS]
        )
        for comment in comments:
            comment.episode = episode  # the link needs it; saves a query per comment
        return comments

    def item_title(self, comment):
        prefix = "Spoiler warning: " if comment.is_spoiler else ""
        return f"{prefix}{comment.author.get_username()} on {comment.episode.label.lower()}"

    def item_description(self, comment):
        if comment.is_spoiler:
            return "This comment contains spoilers. Read it on the episode page."
        return comment.body

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_author_name(self, comment):
        return comment.author.get_username()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at


class EpisodeDiscussionAtomFeed(EpisodeDiscussionFeed):
    feed_type = Atom1Feed


def discussion_feed_urls(episode):
    """(RSS, Atom) addresses of an episode's discussion feed."""
    args = [episode.show.slug, episode.kind, episode.number]
    return reverse("episode_discussion_rss", args=args), reverse("episode_discussion_atom", args=args)
