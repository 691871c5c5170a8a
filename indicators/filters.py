"""Filters for the performance index, kept in the URL so a member can share a link."""

import django_filters
from django import forms
from django.db.models import Q

from indicators.models import Indicator, ServiceArea, enum_choices
from indicators.rules.periods import PeriodKind
from indicators.rules.terms import Direction, Rating


def _unchanged(queryset, name, value):
    """Ratings and directions are computed, so they filter the assessed rows, not the query."""
    return queryset


class IndexFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    service_area = django_filters.ModelChoiceFilter(
        label="Service area",
        queryset=ServiceArea.objects.all(),
        empty_label="All service areas",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    frequency = django_filters.ChoiceFilter(
        label="Frequency",
        choices=enum_choices(PeriodKind),
        empty_label="Any frequency",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    rating = django_filters.ChoiceFilter(
        label="RAG rating",
        choices=[(r.value, r.label) for r in Rating],
        empty_label="Any rating",
        method=_unchanged,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    direction = django_filters.ChoiceFilter(
        label="Direction of travel",
        choices=[(d.value, d.label) for d in Direction],
        empty_label="Any direction",
        method=_unchanged,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Indicator
        fields = ["q", "service_area", "frequency", "rating", "direction"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(reference__iexact=value) | Q(definition__icontains=value)
        )

    def keep(self, assessment) -> bool:
        """Whether an assessed row passes the computed filters (rating, direction)."""
        data = self.form.cleaned_data
        if data.get("rating") and assessment.rating != data["rating"]:
            return False
        return not (data.get("direction") and assessment.direction != data["direction"])
