"""Saving a record opened from another record's admin page (a character or an episode from its show's form)
goes back to that page instead of the record's list.

The page to go back to is `?_return=<admin path>` on the change form, or else the change form of another
record the editor came from (the Referer of the first visit); the form keeps it in its address through
"Save and continue editing" and failed saves. Only paths inside this site's admin are followed.
"""

from urllib.parse import urlencode, urlsplit

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

RETURN = "_return"


def admin_path(request, url):
    """`url` as a path (with its query) in this site's admin, or None for anything else."""
    if not url or "\\" in url:
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return None
    parts = urlsplit(url)
    if not parts.path.startswith(reverse("admin:index")) or ".." in parts.path.split("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_change_form(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return match.namespace == "admin" and (match.url_name or "").endswith("_change")


class ReturnToReferringPageMixin:
    """ModelAdmin mixin: "Save" goes back to the admin page the record was opened from (see the module)."""

    def return_target(self, request):
        if RETURN in request.GET:
            return admin_path(request, request.GET[RETURN])
        if request.method != "GET":
            return None
        referer = admin_path(request, request.headers.get("referer"))
        if referer and urlsplit(referer).path != request.path and is_change_form(referer):
            return referer
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        target = self.return_target(request)
        if target and RETURN not in request.GET and not form_url:
            # Post back to this address with the page to return to, keeping the rest of its query.
            query = request.GET.copy()
            query[RETURN] = target
            form_url = f"{request.path}?{query.urlencode()}"
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_post_save_change(self, request, obj):
        target = self.return_target(request)
        return HttpResponseRedirect(target) if target else super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        target = self.return_target(request)
        return HttpResponseRedirect(target) if target else super().response_post_save_add(request, obj)

    def response_change(self, request, obj):
        return self.keep_return_target(request, super().response_change(request, obj))

    def response_add(self, request, obj, post_url_continue=None):
        return self.keep_return_target(request, super().response_add(request, obj, post_url_continue))

    def keep_return_target(self, request, response):
        """After "Save and continue editing" (or "add another"), the next form still knows where to return."""
        target = self.return_target(request)
        if not target or response.status_code != 302 or target == response["Location"]:
            return response
        location = response["Location"]
        if urlsplit(location).path == urlsplit(target).path:
            return response
        separator = "&" if "?" in location else "?"
        response["Location"] = f"{location}{separator}{urlencode({RETURN: target})}"
        return response
