import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.accounts import ratelimit
from portal.news.models import Article
from shows.models import Episode, Show

from . import services
from .forms import CommentForm, EditCommentForm, ReportForm
from .models import Comment, discussion_address
from .selectors import DRAFT_KEY, THREADS_PER_PAGE

logger = logging.getLogger(__name__)
TARGETS = {"episode": Episode, "article": Article, "show": Show}


def keeps_draft(request):
    """Only someone who had a session (a member whose log-in ran out) saw a comment form: a visitor without
    one gets no session made for them, and a made-up session cookie keeps at most a few drafts an hour
    per address."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        ratelimit.spend("comment_draft", address=ratelimit.client_ip(request))
    except ratelimit.RateLimited:
        return False
    return True


def load_target(kind, pk):
    model = TARGETS.get(kind)
    if model is None:
        raise Http404("No such discussion.")
    queryset = {
        Article: Article.objects.published(),
        Episode: Episode.objects.select_related("show"),
        Show: Show.objects.all(),
    }[model]
    return get_object_or_404(queryset, pk=pk)


@require_POST
def post(request, kind, pk):
    target = load_target(kind, pk)
    if not request.user.is_authenticated:
        if keeps_draft(request):
            # The session ended while they wrote: keep the text for after logging in, and come back here.
            request.session[DRAFT_KEY] = {
                "target": f"{kind}:{target.pk}",
                "body": request.POST.get("body", "")[:5000],
                "is_spoiler": bool(request.POST.get("is_spoiler")),
            }
            messages.info(request, "Please log in again: your comment is kept and will be back in the form.")
        else:
            messages.info(request, "Log in to post a comment.")
        return redirect_to_login(f"{discussion_address(target)}#discussion")
    form = CommentForm(request.POST, target=target)
    if not form.is_valid():
        return render(request, "comments/form_problem.html", {"form": form, "target": target}, status=400)
    data = form.cleaned_data
    try:
        comment, _created = services.post_comment(
            author=request.user,
            target=target,
            body=data["body"],
            is_spoiler=data["is_spoiler"],
            parent=data["parent"],
            submission=data["submission"],
        )
    except services.RateLimited as limit:
        return render(request, "429.html", {"form": form, "target": target, "limit": limit}, status=429)
    except services.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    except DatabaseError as error:
        context = {"form": form, "target": target}
        return write_refused(
            request, "comments/form_problem.html", context, error, "Your text is kept below; post it again."
        )
    return redirect(comment_url(comment))


def write_refused(request, template, context, error, outcome):
    """A 503 (with when to retry) for a write the database refused, locked past its timeout or gone: the
    page comes back as it was sent, what was typed included, with a message saying what became of it."""
    logger.warning("A discussion write could not be stored (%s): %s", request.path, error)
    problem = f"The site is very busy and could not store this just now. {outcome}"
    response = render(request, template, {**context, "problem": problem}, status=503)
    response["Retry-After"] = "5"
    return response


def comment_url(comment):
    """The target page, on the discussion page that shows the comment's thread."""
    root = comment.root or comment
    newer = (
        Comment.objects.public()
        .for_target(comment.target)
        .filter(parent=None, created_at__gt=root.created_at)
        .count()
    )
    page = newer // THREADS_PER_PAGE + 1
    query = f"?cpage={page}" if page > 1 else ""
    return f"{discussion_address(comment.target)}{query}#comment-{comment.pk}"


def editable_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("episode__show", "article", "show"), pk=pk)
    if comment.status != Comment.Status.VISIBLE and not request.user.is_staff:
        raise Http404("No such comment.")
    if not comment.can_be_changed_by(request.user):
        raise PermissionDenied("Only the author of a comment (or a moderator) can change it.")
    return comment


@login_required
def edit(request, pk):
    comment = editable_comment(request, pk)
    if comment.is_deleted:
        raise PermissionDenied("A deleted comment cannot be edited.")
    form = EditCommentForm(
        request.POST or None, initial={"body": comment.body, "is_spoiler": comment.is_spoiler}
    )
    context = {"form": form, "comment": comment}
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment=comment, user=request.user, **form.cleaned_data)
        except DatabaseError as error:
            return write_refused(
                request, "comments/edit.html", context, error, "Your changes are kept below."
            )
        messages.success(request, "Your changes are saved.")
        return redirect(comment_url(comment))
    return render(request, "comments/edit.html", context, status=400 if form.errors else 200)


@login_required
def delete(request, pk):
    comment = editable_comment(request, pk)
    if request.method == "POST":
        try:
            services.delete_comment(comment=comment, user=request.user)
        except DatabaseError as error:
            context = {"comment": comment}
            return write_refused(
                request, "comments/delete.html", context, error, "Nothing was deleted; try again."
            )
        messages.success(request, "The comment is deleted.")
        return redirect(comment_url(comment))
    return render(request, "comments/delete.html", {"comment": comment})


@require_POST
@login_required
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.public().select_related("episode__show", "article", "show"), pk=pk
    )
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect(comment_url(comment))
    reason = form.cleaned_data["reason"]
    try:
        _report, created = services.report_comment(comment=comment, user=request.user, reason=reason)
    except services.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    if created:
        messages.success(request, "Thank you: a moderator will look at this comment.")
    else:
        messages.info(request, "You have already reported this comment.")
    return redirect(comment_url(comment))


@require_POST
@login_required
def helpful(request, pk):
    """Vote a comment helpful (helpful=1) or take the vote back (helpful empty)."""
    comment = get_object_or_404(
        Comment.objects.public().select_related("episode__show", "article", "show"), pk=pk
    )
    try:
        services.vote_helpful(comment=comment, user=request.user, helpful=bool(request.POST.get("helpful")))
    except services.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    except ratelimit.RateLimited as limit:
        message = f"You are voting very fast: at most {limit.limit} votes and ratings per {limit.period}."
        response = render(
            request, "fans/problem.html", {"message": message, "back": comment_url(comment)}, status=429
        )
        response["Retry-After"] = str(limit.seconds)
        return response
    except DatabaseError as error:
        logger.warning("A vote could not be stored (%s): %s", request.path, error)
        messages.error(request, "The site is very busy and could not store your vote just now; try again.")
    return redirect(comment_url(comment))
