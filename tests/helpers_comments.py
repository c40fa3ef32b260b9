"""Helpers of the discussion tests: clients, forms and comments made through the service (the members,
the moderator and the episode they discuss are fixtures in conftest.py)."""

import re

from django.test import Client
from django.urls import reverse

from portal.comments import services
from portal.comments.models import Comment

PASSWORD = "a-long-test-password-42"


def client_for(user):
    client = Client()
    if user:
        client.force_login(user)
    return client


def post_url(target):
    return reverse("comments:post", args=[Comment.target_field(target), target.pk])


def form_token(html):
    return re.search(r'name="submission" value="([0-9a-f-]{36})"', html).group(1)


def discussion_html(client, url):
    html = client.get(url).content.decode()
    return html.split('id="discussion"')[1].split("</section>")[0]


def make_comment(author, target, body="A comment", **kwargs):
    comment, _ = services.post_comment(author=author, target=target, body=body, **kwargs)
    return comment
