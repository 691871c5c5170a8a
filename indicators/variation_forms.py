"""The form an officer records a change point with."""

from django import forms

from indicators.models import ChangePoint, Indicator, ReportingPeriod


class ChangePointForm(forms.Form):
    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(),
        label="First period of the new baseline",
        help_text="The chart's limits are recalculated from this period's figure.",
        empty_label="Choose a period",
        error_messages={
            "required": "Choose the first period of the new baseline",
            "invalid_choice": "Choose one of the periods this indicator has figures for",
        },
    )
    reason = forms.CharField(
        label="Why the process changed",
        help_text="In plain words members will read on the chart: a change of definition, a new service, "
        "a committee decision.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Enter why the process changed",
            "max_length": "Enter a reason of 2,000 characters or fewer",
        },
    )
    decision = forms.ModelChoiceField(
        queryset=ChangePoint._meta.get_field("decision").related_model.objects.none(),
        required=False,
        label="Committee decision (optional)",
        help_text="The decision in the decision log that caused the change, if one did.",
        empty_label="No decision",
        error_messages={"invalid_choice": "Choose a decision from the decision log"},
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            kind=indicator.frequency, outturns__indicator=indicator
        ).order_by("-end")
        decisions = self.fields["decision"].queryset.model.objects.select_related("meeting__committee")
        self.fields["decision"].queryset = decisions.order_by("-meeting__date", "pk")

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Enter why the process changed")
        return reason

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period")
        if period is not None and self.indicator.change_points.filter(period=period).exists():
            self.add_error("period", f"A change point is already recorded from {period.label}")
        return cleaned
