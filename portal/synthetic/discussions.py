"""Members and their comments: threads with replies, ~10% spoilers, one episode with a very long discussion.

Members get accounts that cannot log in (hashing 50,000 passwords would take minutes).
"""

import datetime
import itertools
import uuid
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from portal.comments.models import Comment

from .draws import Picker, apportion, at
from .state import MEMBER_EMAIL_DOMAIN
from .vocabulary import COMMENTS, HANDLE_WORDS, REPLIES, SPOILER_COMMENTS

HOT_EPISODE_COMMENTS = 1_000  # at least one episode gets this many comments when the budget allows
VISIBLE, HIDDEN = Comment.Status.VISIBLE.value, Comment.Status.HIDDEN.value


def add_members(state, rng):
    count = state.sizes["members"]
    user_model = get_user_model()
    existing = set(user_model.objects.values_list("username", flat=True))
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def rows():
        for number, member_id in enumerate(state.ids.block(user_model, count), start=1):
            username = f"{rng.choice(HANDLE_WORDS)}_{rng.choice(HANDLE_WORDS)}{number}"
            if username in existing:
                username = f"{username}_{member_id}"
            state.member_ids.append(member_id)
            yield {
                "id": member_id,
                "username": username,
                "email": f"{username}@{MEMBER_EMAIL_DOMAIN}",
                "password": UNUSABLE_PASSWORD_PREFIX + "".join(rng.choices(letters, k=40)),
                "date_joined": at(datetime.date(2012, 1, 1), rng=rng, spread_hours=24 * 365 * 14),
                "is_active": rng.random() > 0.01,
            }

    state.inserter.insert(user_model, rows())


def add_comments(state, rng):
    total = state.sizes["comments"]
    if not total:
        return
    # (is an episode, target id, show, when the discussion starts)
    targets = [(True, e, state.shows[s], at(day)) for e, s, day in state.episode_show]
    # Most episodes get a few dozen comments, hits a few hundred, the biggest around two thousand.
    weights = [state.shows[s].popularity ** 0.7 * rng.paretovariate(2.5) for _e, s, _d in state.episode_show]
    targets += [(False, a, info, published) for a, info, published in state.article_dates]
    weights += [0.3 * rng.paretovariate(2.5) for _ in state.article_dates]
    counts = apportion(total, weights)
    if state.episode_show and total >= HOT_EPISODE_COMMENTS:
        # The longest discussion: an episode of the most popular show gets at least a thousand comments.
        hot = max(
            range(len(state.episode_show)), key=lambda i: state.shows[state.episode_show[i][1]].popularity
        )
        want = max(HOT_EPISODE_COMMENTS, total // 1000)
        if counts[hot] < want:
            counts = apportion(total - want, [0 if i == hot else w for i, w in enumerate(weights)])
            counts[hot] = want
        state.hot_episode = (state.episode_show[hot][0], counts[hot])
    authors = Picker(rng, state.member_ids, skew=0.8, offset=30)
    first_id = state.ids.block(Comment, total).start

    def rows():
        next_id = itertools.count(first_id)
        for (on_episode, target_id, info, start), count in zip(targets, counts, strict=True):
            if count:
                yield from discussion(rng, next_id, authors, on_episode, target_id, info, start, count)

    state.inserter.insert(Comment, rows())


def discussion(rng, next_id, authors, on_episode, target_id, info, start, count):
    """`count` comments on one page: threads of a top-level comment and replies (to it or to a reply)."""
    replies = int(count * 0.4) if count > 1 else 0
    roots = count - replies
    values = info.text_values(rng)
    thread_weights = [rng.paretovariate(1.2) for _ in range(roots)]
    per_thread = Counter(rng.choices(range(roots), weights=thread_weights, k=replies)) if replies else {}
    target = {
        "episode_id": target_id if on_episode else None,
        "article_id": None if on_episode else target_id,
    }
    for thread in range(roots):
        root_id = next(next_id)
        moment = start + datetime.timedelta(seconds=int(rng.expovariate(1 / 86_400)))
        yield comment(rng, root_id, target, None, None, moment, values, COMMENTS, authors)
        earlier = [(root_id, moment)]
        for _ in range(per_thread.get(thread, 0)):
            parent, parent_moment = earlier[0] if rng.random() < 0.75 else rng.choice(earlier)
            moment = max(moment, parent_moment) + datetime.timedelta(
                seconds=int(rng.expovariate(1 / 7_200)) + 30
            )
            reply_id = next(next_id)
            yield comment(rng, reply_id, target, parent, root_id, moment, values, REPLIES, authors)
            earlier.append((reply_id, moment))


def comment(rng, comment_id, target, parent, root, moment, values, texts, authors):
    spoiler = rng.random() < 0.1
    deleted = rng.random() < 0.005
    body = rng.choice(SPOILER_COMMENTS if spoiler else texts).format(**values)
    if rng.random() < 0.3:
        body += " " + rng.choice(COMMENTS).format(**values)
    return {
        "id": comment_id,
        **target,
        "author_id": authors.pick(),
        "parent_id": parent,
        "root_id": root,
        "body": "" if deleted else body,
        "is_spoiler": spoiler,
        "status": HIDDEN if rng.random() < 0.005 else VISIBLE,
        "is_deleted": deleted,
        "created_at": moment,
        "edited_at": moment + datetime.timedelta(minutes=rng.randint(1, 600))
        if rng.random() < 0.03
        else None,
        "submission": uuid.UUID(int=rng.getrandbits(128), version=4),
    }
