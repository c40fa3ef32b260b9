"""Search results: matches highlighted, context lines."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, query):
    """Wrap the part of `text` that matches the search `query` in <mark>, comparing as search does
    ('kim soo hyun' marks all of 'Kim Soo-hyun'); otherwise mark each query word found; escape the rest."""
    from portal.search.normalize import highlight_span, words

    text = str(text)
    spans = []
    whole = highlight_span(text, query)
    if whole:
        spans.append(whole)
    else:
        for word in words(query):
            span = highlight_span(text, word)
            if span and not any(start < span[1] and span[0] < end for start, end in spans):
                spans.append(span)
    if not spans:
        return conditional_escape(text)
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces.append(conditional_escape(text[last:start]))
        pieces.append(format_html("<mark>{}</mark>", text[start:end]))
        last = end
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


@register.filter
def highlight_phrase(text, query):
    """Like highlight, but only for a whole-query match (in context lines single words are noise)."""
    from portal.search.normalize import highlight_span

    text = str(text)
    span = highlight_span(text, query)
    if not span:
        return conditional_escape(text)
    start, end = span
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


@register.filter
def search_context(entry, query):
    """The line under a search result: the stored context, or, when the match is only in the longer text
    (an article's body), the words around the match with the match highlighted."""
    from portal.search.normalize import highlight_span, words

    for text in (entry.title, entry.context):
        if highlight_span(text, query):
            return highlight_phrase(entry.context, query)
    for term in [query, *sorted(words(query), key=len, reverse=True)]:
        span = highlight_span(entry.text, term) if entry.text else None
        if span:
            start, end = span
            before = (
                entry.text[max(0, start - 90) : start].split(" ", 1)[-1] if start > 90 else entry.text[:start]
            )
            after = (
                entry.text[end : end + 90].rsplit(" ", 1)[0]
                if len(entry.text) > end + 90
                else entry.text[end:]
            )
            return format_html(
                "{}{}<mark>{}</mark>{}{}",
                "…" if start > 90 else "",
                before,
                entry.text[start:end],
                after,
                "…" if len(entry.text) > end + 90 else "",
            )
    return highlight_phrase(entry.context, query)
