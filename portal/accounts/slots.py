"""The account links in every page's header: a personal slot (portal/caching/personal.py)."""

from django.template.loader import get_template

from portal.caching.personal import slot
from portal.notifications.services import unread_count


@slot("account")
def account_links(request, viewer):
    """'Log in' and 'Sign up' for a visitor (back to this page after), the name and 'Log out' for a member."""
    context = {"user": viewer.user, "path": request.path}
    if viewer.is_member:
        context["csrf_token"] = viewer.csrf_token
        context["unread"] = unread_count(viewer.user)
    return get_template("includes/_account_links.html").render(context)
