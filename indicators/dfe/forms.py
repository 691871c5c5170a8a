"""Forms for DfE comparators: a mapping, a file to import, an indicator from the catalogue."""

from django import forms

from indicators.dfe.models import DfeMapping
from indicators.models import Indicator, ServiceArea


def filters_from_text(text: str) -> dict[str, str]:
    """ "column = value" lines as a dict; blank lines are ignored."""
    filters = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        column, equals, value = line.partition("=")
        if not equals or not column.strip() or not value.strip():
            raise forms.ValidationError(f"Line {number} should read: column = value.")
        filters[column.strip()] = value.strip()
    return filters


class DfeMappingForm(forms.ModelForm):
    filters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=(
            "One filter a line, as column = value, for example "
            "population_type = Children looked after on 31 March each year. Leave empty if the value "
            "column alone selects the measure."
        ),
    )

    class Meta:
        model = DfeMapping
        fields = ["indicator", "publication", "filters", "value_column", "banding_polarity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["filters"] = "\n".join(f"{k} = {v}" for k, v in self.instance.filters.items())

    def clean_filters(self) -> dict[str, str]:
        return filters_from_text(self.cleaned_data["filters"])

    def clean_value_column(self) -> str:
        return self.cleaned_data["value_column"].strip()


class DfeImportForm(forms.Form):
    file = forms.FileField(help_text="A DfE tidy statistics file (CSV), as downloaded.")
    mappings = forms.ModelMultipleChoiceField(
        queryset=DfeMapping.objects.select_related("indicator"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to import for every mapping whose columns the file has.",
    )
    older = forms.BooleanField(
        required=False,
        label="Import an older file",
        help_text=(
            "A file whose latest year is earlier than the figures already imported is refused unless "
            "this is ticked. Its figures are then recorded as an older file's, not as DfE's revisions."
        ),
    )


class CatalogueIndicatorForm(forms.Form):
    position = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    title = forms.CharField(widget=forms.HiddenInput)
    reference = forms.CharField(max_length=20, help_text="As the committee will know it.")
    service_area = forms.ModelChoiceField(queryset=ServiceArea.objects.all())

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if Indicator.objects.filter(reference=reference).exists():
            raise forms.ValidationError(f"Indicator {reference} already exists.")
        return reference
