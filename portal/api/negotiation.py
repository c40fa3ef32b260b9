from rest_framework.negotiation import DefaultContentNegotiation


class JsonUnlessFormatAsked(DefaultContentNegotiation):
    """The view's first renderer (JSON) whatever the Accept header says: the page cache keeps one copy per
    address, not per Accept header, so the answer must not depend on it. `?format=` picks another of the
    view's renderers, and an unknown one is a 404 as in DRF."""

    def select_renderer(self, request, renderers, format_suffix=None):
        asked = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if asked:
            renderers = self.filter_renderers(renderers, asked)
        return renderers[0], renderers[0].media_type
