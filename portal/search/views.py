from django.core.paginator import Paginator
from django.views.generic import TemplateView

from portal.listing.querystring import positive_int

from .forms import SearchForm
from .models import SPECIFIC, SearchEntry
from .normalize import compact, is_specific

GROUP_SIZE = 5
PAGE_SIZE = 20
KIND_ORDER = list(SearchEntry.Kind.values)


class SearchView(TemplateView):
    """/search/?q=…: results grouped by kind (the best few of each), or one kind paginated with &kind=."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        context = super().get_context_data(form=form, query="", **kwargs)
        # An invalid kind only drops the kind filter; an invalid query stops here. An empty /search/ is an
        # unbound form, which has no cleaned_data at all.
        cleaned = {}
        if form.is_bound:
            form.is_valid()
            cleaned = form.cleaned_data
        query = cleaned.get("q") or ""
        kind = cleaned.get("kind") or ""
        if not query:
            return context
        matches = SearchEntry.objects.matching(query)
        if kind:
            counts = matches.kind_counts()
            # matching() ranks a bounded number of candidates, so one query lists all of a kind's.
            page = Paginator(list(matches.filter(kind=kind)), PAGE_SIZE).get_page(
                positive_int(self.request.GET.get("page"), 1)
            )
            context.update(page_obj=page, is_paginated=page.has_other_pages(), paginator=page.paginator)
        else:
            best = list(matches.top_per_kind(GROUP_SIZE))  # each with its kind's count: one query
            counts = {entry.kind: entry.kind_count for entry in best}
            context["groups"] = grouped(best, counts)
        context.update(
            # A short, common query ranks only the best-known matches (SearchEntryQuerySet.candidates), and
            # a longer one at most a few hundred: the counts then say "at least".
            at_least=not is_specific(compact(query)) or sum(counts.values()) >= SPECIFIC,
            query=query,
            kind=kind,
            kind_label=SearchEntry.Kind(kind).label if kind else "",
            total=sum(counts.values()),
            counts=[(k, SearchEntry.Kind(k).label, counts[k]) for k in KIND_ORDER if k in counts],
        )
        return context


def grouped(entries, counts):
    """[{kind, label, count, entries}], the group holding the best match first."""
    groups = {}
    for position, entry in enumerate(entries):
        group = groups.setdefault(
            entry.kind,
            {
                "kind": entry.kind,
                "label": entry.get_kind_display(),
                "count": counts[entry.kind],
                "entries": [],
            },
        )
        group.setdefault("best", (-entry.tier, -entry.text_rank, -entry.similarity, -entry.weight, position))
        group["entries"].append(entry)
    return sorted(groups.values(), key=lambda g: (g["best"], KIND_ORDER.index(g["kind"])))
