import django_filters
from django.db.models import Q

from .models import Company, Genre, Show


class ShowFilter(django_filters.FilterSet):
    genre = django_filters.ModelChoiceFilter(
        field_name="genres", to_field_name="slug", queryset=Genre.objects.all(), label="Genre"
    )
    company = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Company.objects.all(), label="Company", method="filter_company"
    )

    class Meta:
        model = Show
        fields = ["genre", "company"]

    def filter_company(self, queryset, name, company):
        """Shows the company broadcast, developed, produced or streams."""
        return queryset.filter(
            Q(network=company)
            | Q(developer=company)
            | Q(production_companies=company)
            | Q(availability__platform=company)
        ).distinct()
