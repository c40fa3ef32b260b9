"""Filter building blocks shared by every app's public pages."""

import html

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from portal.search.models import SearchEntry
from portal.search.normalize import MAX_QUERY_LENGTH, compact, romanization_key


class PageFilterSet(django_filters.FilterSet):
    """The filters of a public page, read from its querystring."""

    def results(self):
        """The filtered queryset; the unfiltered one when a value is invalid, so the page can show the form
        error over the full list instead of a partly filtered one."""
        if self.is_bound and self.is_valid():
            return self.qs
        return self.queryset

    def canonical_query(self):
        """The querystring with each value a filter accepted in another spelling (a person's name where the
        address holds their slug) in its canonical spelling, blank fields left out; None when every value is
        already canonical."""
        if not self.is_bound:
            return None
        self.form.is_valid()
        data, changed = self.form.data, False
        if not isinstance(data, QueryDict):
            data, plain = QueryDict(mutable=True), data
            data.update(plain)
        data = data.copy()
        for name, page_filter in self.filters.items():
            if isinstance(page_filter, PersonFilter) and self.form.cleaned_data.get(name) is not None:
                slug = self.form.cleaned_data[name].slug
                if data.get(name) != slug:
                    data[name], changed = slug, True
        if not changed:
            return None
        # The form sends every field; the address it is sent to keeps only those filled in.
        for name in [name for name, values in data.lists() if not any(values)]:
            del data[name]
        return data.urlencode()


class CheckboxFilter(django_filters.Filter):
    """An 'only …' checkbox: ticked filters with the method, unticked leaves the list alone."""

    # Unlike django-filter's BooleanFilter (yes / no / unknown), unticked is simply "not asked for".
    field_class = forms.BooleanField


# One of many: every show, every ceremony


def html_attrs(attrs):
    """Attributes as Django's widget template attrs.html writes them: in order, True as a bare name, False
    left out."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def quick_escape(text):
    """conditional_escape() without its check for lazy arguments, for thousands of options."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


class ListedSelect(forms.Select):
    """A <select> of a flat list of options, in the markup of Django's select template, without rendering a
    template per option: a large catalogue offers thousands of shows. Groups of options are not supported."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        selected = False
        options = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            # Like Select.optgroups: only the first option with the value is selected.
            is_selected = not selected and text in chosen
            selected |= is_selected
            flag = " selected" if is_selected else ""
            options.append(f'\n  <option value="{quick_escape(text)}"{flag}>{quick_escape(label)}</option>\n')
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            html_attrs(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # values and labels escaped above
        )


class ValueLabelIterator(ModelChoiceIterator):
    """The options as (value, label) read straight from the database, without a model instance each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", self.field.label_field)


class ListedModelChoiceField(ModelChoiceField):
    iterator = ValueLabelIterator
    widget = ListedSelect

    def __init__(self, *args, label_field, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    """One object of many, chosen in a <select> by `to_field_name`, each option labelled with the model's
    `label_field` (what its __str__ shows)."""

    field_class = ListedModelChoiceField


# A person chosen by name


SUGGESTED_NAMES = 200  # a large catalogue has tens of thousands: the box accepts any name, the list helps
CANDIDATES = 10


class NameInput(forms.TextInput):
    """A text box with a <datalist> of suggestions the browser offers as one types, without script.
    `suggestions` is a callable giving (value, label) pairs, called when the box is drawn."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions = list

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or 'id_' + name}_suggestions"
        attrs["list"] = list_id
        options = format_html_join(
            "",
            '<option value="{}"{}></option>',
            ((v, format_html(' label="{}"', label) if label else "") for v, label in self.suggestions()),
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )


def as_suggestions(people):
    """(value, label) for each (name, slug, context): the name, or where several share it, the slug labelled
    with the name and context."""
    people = list(people)
    names = [name for name, _slug, _context in people]
    return [
        (slug, f"{name} — {context}" if context else name) if names.count(name) > 1 else (name, context)
        for name, slug, context in people
    ]


class PersonNameField(ModelChoiceField):
    """A person given by slug or by name the way fans type it: "Kim Soo-hyun", "kim soo hyun" and
    "kim-soo-hyun" all find Kim Soo-hyun. Names go through the search index, so they are compared in the
    search's normalization (portal/search/normalize.py), other romanizations and spellings included. A name
    several people share, or no one has, is a form error that names the candidates."""

    default_error_messages = {
        "invalid_choice": "No one called “%(value)s” is listed here.",
        "no_such_name": "No one called “%(value)s” is listed here. Did you mean %(names)s?",
        "ambiguous": "Several people are called “%(value)s”; choose one from the suggestions: %(names)s.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.suggestions = self.listed_names

    def listed_names(self):
        people = self.queryset.order_by("name", "slug").values_list("name", "slug")[:SUGGESTED_NAMES]
        return as_suggestions((name, slug, "") for name, slug in people)

    def to_python(self, value):
        try:
            return super().to_python(value)  # a slug, as links and the redirect after a name give it
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
        return self.person_named(str(value).strip()[:MAX_QUERY_LENGTH])

    def person_named(self, text):
        shown = text if len(text) <= 60 else text[:59] + "…"
        candidates = self.people_named(text)
        if candidates:
            best = max(tier for tier, _person in candidates)
            chosen = [person for tier, person in candidates if tier == best]
            if len(chosen) == 1:
                return chosen[0]
            suggestions = [(p.name, p.slug, p.index_context) for p in chosen]
            self.widget.suggestions = lambda: as_suggestions(suggestions)
            names = ", ".join(f"{p.name} ({p.index_context or p.slug})" for p in chosen)
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": shown, "names": names}
            )
        close = self.close_matches(text)
        if not close:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": shown}
            )
        self.widget.suggestions = lambda: as_suggestions(close)
        names = ", ".join(name for name, _slug, _context in close)
        raise ValidationError(
            self.error_messages["no_such_name"],
            code="invalid_choice",
            params={"value": shown, "names": names},
        )

    def people_named(self, text):
        """[(tier, person)] of the listed people with this name as a whole (tier 2), or with it in another
        romanization (tier 1), in one query."""
        name, key = compact(text), romanization_key(text)
        if not name:
            return []
        people = SearchEntry.objects.filter(kind=SearchEntry.Kind.PERSON)
        matching = people.filter(Q(names__contains=f"|{name}|") | Q(keys__contains=f"|{key}|"))
        entry = people.filter(object_id=OuterRef("pk"))
        found = self.queryset.filter(pk__in=matching.values("object_id")).annotate(
            index_names=Subquery(entry.values("names")[:1]),
            index_context=Subquery(entry.values("context")[:1]),
        )[:CANDIDATES]
        return [(2 if f"|{name}|" in (person.index_names or "") else 1, person) for person in found]

    def close_matches(self, text):
        """(name, slug, context) of listed people whose names start with or contain the words typed."""
        if not compact(text):
            return []
        entries = SearchEntry.objects.matching(text).filter(
            kind=SearchEntry.Kind.PERSON, object_id__in=self.queryset.values("pk")
        )
        by_id = {e.object_id: (e.title, e.context) for e in entries[:5]}
        slugs = dict(self.queryset.filter(pk__in=by_id).values_list("pk", "slug"))
        return [(title, slugs[pk], context) for pk, (title, context) in by_id.items() if pk in slugs]


class PersonFilter(django_filters.ModelChoiceFilter):
    """A person filter whose box takes a name or a slug and suggests names; the page's address keeps the slug
    (views redirect a name to it, see portal.listing.views.FilteredPageMixin)."""

    field_class = PersonNameField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("label", "Person")
        kwargs.setdefault("widget", NameInput(attrs={"placeholder": "e.g. Kim Soo-hyun", "size": 18}))
        super().__init__(*args, **kwargs)
