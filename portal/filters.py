"""Filter building blocks shared by every app's public pages."""

import django_filters
from django import forms


class PageFilterSet(django_filters.FilterSet):
    """The filters of a public page, read from its querystring."""

    def results(self):
        """The filtered queryset; the unfiltered one when a value is invalid, so the page can show the form
        error over the full list instead of a partly filtered one."""
        if self.is_bound and self.is_valid():
            return self.qs
        return self.queryset


class CheckboxFilter(django_filters.Filter):
    """An 'only …' checkbox: ticked filters with the method, unticked leaves the list alone."""

    # Unlike django-filter's BooleanFilter (yes / no / unknown), unticked is simply "not asked for".
    field_class = forms.BooleanField
