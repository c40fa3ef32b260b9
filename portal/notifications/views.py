from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from portal.listing.querystring import positive_int

from . import services
from .models import Notification

PER_PAGE = 30


@login_required
def notification_list(request):
    """A member's notifications, newest first; those shown are marked read once the page is drawn."""
    page = Paginator(Notification.objects.for_page(request.user), PER_PAGE).get_page(
        positive_int(request.GET.get("page"), 1)
    )
    notifications = list(page.object_list)
    context = {
        "notifications": notifications,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
    }
    response = render(request, "notifications/list.html", context)
    services.mark_read(request.user, [n for n in notifications if n.is_unread])
    return response
