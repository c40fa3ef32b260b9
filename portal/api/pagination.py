from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from portal.listing.querystring import positive_int


class ApiPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 100), strictly: a value that is not a whole number from 1 is a 400
    naming the parameter, a page past the last a 404. The `next` and `previous` links are built from the
    parameters the API reads (the page cache has cut the rest), so a cached copy links nobody's tracking
    parameters."""

    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = "There is no page {page_number} of these results."

    def get_page_size(self, request):
        name = self.page_size_query_param
        return self.number_from(request, name, default=self.page_size, most=self.max_page_size)

    def get_page_number(self, request, paginator):
        return self.number_from(request, self.page_query_param, default=1)

    def number_from(self, request, name, *, default, most=None):
        value = request.query_params.get(name)
        if value is None:
            return default
        number = positive_int(value)
        if number is None:
            raise ValidationError({name: ["Give a whole number from 1, in digits 0-9."]})
        return min(number, most) if most else number

    def link_to(self, number):
        query = self.request.query_params.copy()
        if number == 1:
            query.pop(self.page_query_param, None)
        else:
            query[self.page_query_param] = str(number)
        address = self.request.build_absolute_uri(self.request.path)
        return f"{address}?{query.urlencode()}" if query else address

    def get_next_link(self):
        return self.link_to(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self):
        return self.link_to(self.page.previous_page_number()) if self.page.has_previous() else None

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "next", "previous", "results"]
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = f"Results per page: {self.page_size} unless given, at most 100."
        return parameters
