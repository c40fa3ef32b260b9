"""The fans' forms post here: thin views over services.py. Each goes back to the page it came from."""

import re

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.addresses import reverse_path
from shows.models import Episode, Show

from . import selectors, services
from .forms import ListStatusForm, ProfileForm, ScoreForm, WatchedForm

RATED = {"episode": Episode, "show": Show}


def back(request, fallback):
    """Where the form came from (its `next`, when it is an address on this site), at the controls."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = fallback
    return redirect(f"{target}#tracker")


def refused(request, message, status, fallback, retry_after=None):
    """A form that cannot be done: a page that says why, with the way back (and, for a limit reached or a
    busy database, when to try again)."""
    response = render(request, "fans/problem.html", {"message": message, "back": fallback}, status=status)
    if retry_after is None and status == 503:
        retry_after = 5
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def perform(request, fallback, action):
    """Run a service call, turning its refusals into pages with the right status."""
    try:
        return action()
    except services.NotAllowed as refusal:
        return refused(request, str(refusal), 403, fallback)
    except services.RateLimited as limit:
        return refused(
            request,
            f"You have done that very often: wait a little (at most {limit.limit} per {limit.period}).",
            429,
            fallback,
            # The limit's whole period: sooner, the hits that reached it may still count.
            retry_after=limit.seconds,
        )
    except DatabaseError:
        return refused(
            request, "The site is very busy and could not store this just now. Try again.", 503, fallback
        )


@require_POST
@login_required
def list_status(request, show_pk):
    show = get_object_or_404(Show, pk=show_pk)
    form = ListStatusForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            " ".join(form.errors.get("__all__", []) or form.errors.get("status", [])),
            400,
            show.get_absolute_url(),
        )

    def change():
        if form.cleaned_data["remove"]:
            services.remove_from_list(member=request.user, show=show)
            messages.success(request, f"{show.title} is off your list.")
        else:
            entry = services.set_list_status(
                member=request.user, show=show, status=form.cleaned_data["status"]
            )
            messages.success(request, f"{show.title} is on your list as {entry.get_status_display()}.")
        return back(request, show.get_absolute_url())

    return perform(request, show.get_absolute_url(), change)


@require_POST
@login_required
def watched(request, episode_pk):
    episode = get_object_or_404(Episode.objects.select_related("show"), pk=episode_pk)
    form = WatchedForm(request.POST)
    if not form.is_valid():
        return refused(request, " ".join(form.errors["action"]), 400, episode.get_absolute_url())
    action = form.cleaned_data["action"]

    def change():
        if action == "unwatch":
            services.unmark_watched(member=request.user, episode=episode)
            messages.success(request, f"{episode.label} is marked not watched.")
        else:
            added = services.mark_watched(member=request.user, episode=episode, up_to=action == "up_to")
            what = f"{episode.label} and every earlier one" if action == "up_to" else episode.label
            messages.success(request, f"{what} marked watched ({added} newly).")
        return back(request, episode.get_absolute_url())

    return perform(request, episode.get_absolute_url(), change)


@require_POST
@login_required
def rate(request, kind, pk):
    model = RATED.get(kind)
    if model is None:
        raise Http404("Only episodes and shows are rated.")
    queryset = Episode.objects.select_related("show") if model is Episode else Show.objects.all()
    target = get_object_or_404(queryset, pk=pk)
    form = ScoreForm(request.POST)
    if not form.is_valid():
        return refused(request, " ".join(form.errors["score"]), 400, target.get_absolute_url())
    score = form.cleaned_data["score"]

    def change():
        services.rate(member=request.user, target=target, score=score)
        messages.success(request, f"Your rating is {score} / 10." if score else "Your rating is taken back.")
        return back(request, target.get_absolute_url())

    return perform(request, target.get_absolute_url(), change)


# The characters Django's usernames may have: anything else (a NUL byte, which PostgreSQL refuses) is no one.
USERNAME = re.compile(r"[\w.@+-]{1,150}")


def profile(request, username):
    if not USERNAME.fullmatch(username):
        raise Http404("No such member.")
    member = get_object_or_404(get_user_model().objects.filter(is_active=True), username=username)
    return render(request, "fans/profile.html", selectors.profile_page(member, request.user))


@login_required
def settings_page(request):
    if request.method == "POST" and "new_calendar_address" in request.POST:
        try:
            services.renew_calendar_key(request.user)
        except DatabaseError:
            return refused(
                request, "The site is very busy and could not store this just now.", 503, request.path
            )
        messages.success(request, "Your calendar has a new address: the old one no longer works.")
        return redirect("fans:settings")
    try:
        current = services.saved_profile(request.user)
    except DatabaseError:
        current = services.profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(request.user, **{name: form.cleaned_data[name] for name in form.fields})
        except DatabaseError:
            return refused(
                request, "The site is very busy and could not store this just now.", 503, request.path
            )
        messages.success(request, "Your profile settings are saved.")
        return redirect("fans:profile", request.user.get_username())
    calendar = None
    if current.pk and not current._state.adding:
        calendar = request.build_absolute_uri(reverse_path("calendars:member", str(current.calendar_key)))
    context = {"form": form, "calendar_url": calendar}
    return render(request, "fans/settings.html", context, status=400 if form.errors else 200)
