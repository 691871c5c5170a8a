"""Filters for the performance index, kept in the URL so a member can share a link."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q

from indicators.extensions import Place, places_in_use
from indicators.models import Indicator, ServiceArea, enum_choices
from indicators.rules.periods import PeriodKind
from indicators.rules.terms import Direction, Rating

SEARCH_MAX_LENGTH = 100
SEARCH_TOO_LONG = (
    f"Search for a title, reference or words of at most {SEARCH_MAX_LENGTH} characters: that search was"
    " too long, so it was not applied."
)


def _unchanged(queryset, name, value):
    """Ratings and directions are computed, so they filter the assessed rows, not the query."""
    return queryset


def _select(label: str, choices, empty_label: str, **more) -> django_filters.ChoiceFilter:
    """A filter drawn as a GOV.UK select; `empty_label` names the choice that filters nothing."""
    widget = forms.Select(attrs={"class": "govuk-select"})
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=empty_label, widget=widget, **more
    )


class IndexFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": SEARCH_TOO_LONG},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    service_area = django_filters.ModelChoiceFilter(
        label="Service area",
        queryset=ServiceArea.objects.all(),
        empty_label="All service areas",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    frequency = _select("Frequency", enum_choices(PeriodKind), "Any frequency")
    rating = _select("RAG rating", enum_choices(Rating), "Any rating", method=_unchanged)
    direction = _select("Direction of travel", enum_choices(Direction), "Any direction", method=_unchanged)

    class Meta:
        model = Indicator
        fields = ["q", "service_area", "frequency", "rating", "direction"]

    def __init__(self, *args, as_at: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        in_use = places_in_use(as_at)
        self.localities = {place.slug: place for place in in_use}
        if in_use:
            # Its own page shows the locality's figure for every indicator it reports (views.index).
            self.filters["locality"] = _select(
                "Locality or team",
                [(place.slug, place.label) for place in in_use],
                "The whole council",
                field_name="locality",
                method=_unchanged,
            )
            self.filters["locality"].model, self.filters["locality"].parent = Indicator, self

    @property
    def locality(self) -> Place | None:
        """The locality or team chosen among those in use in the quarter to the index's date: one
        that ended or began within it still reports that quarter."""
        return self.localities.get(self.form.cleaned_data.get("locality", ""))

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
