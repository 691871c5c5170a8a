"""Forms for preparing a committee report. They validate and normalise; services save."""

from decimal import Decimal
from itertools import groupby

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import pluralize
from django.utils.formats import date_format

from reports.front_sheet import COMMITTEE_RECORDS, MEETING_RECORDS
from reports.models import ActionStatus, Committee, Meeting

TEXT_LIMIT = 5000
TEXTS = ("commentary", "actions", "caveat")


def _described_by(hint: str) -> dict[str, str]:
    """A widget's attributes naming the hint a screen reader hears with it, where it has one."""
    return {"aria-describedby": hint} if hint else {}


def _text_area(label: str, *, rows: int, help_text: str, hint: str = "", missing: str = ""):
    """A GOV.UK text area of at most TEXT_LIMIT characters; where it must be filled in, `missing`
    says so."""
    attrs = {"class": "govuk-textarea", "rows": rows} | _described_by(hint)
    return forms.CharField(
        label=label,
        required=bool(missing),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs=attrs),
        help_text=help_text,
        **({"error_messages": {"required": missing}} if missing else {}),
    )


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").strip().splitlines())


class VersionedForm(forms.Form):
    """A form that changes someone's words: it carries the version of what it changes when it was
    opened, and keeps each line of its text areas without the spaces trailing it."""

    # None posted reads as "there was none yet", so a form without it never replaces someone's words.
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        cleaned["version"] = cleaned.get("version") or 0
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea) and name in cleaned:
                cleaned[name] = _lines(cleaned[name])
        return cleaned


class CommentaryForm(VersionedForm):
    commentary = _text_area(
        "Management commentary",
        rows=6,
        hint="id_commentary-hint",
        help_text="Why the indicator is where it is, as the lead officer explains it to the committee.",
    )
    actions = _text_area(
        "Corrective actions",
        rows=4,
        hint="id_actions-hint",
        help_text="What is being done about it, and by when.",
    )
    caveat = _text_area(
        "Data caveat",
        rows=3,
        hint="id_caveat-hint",
        help_text="Only if the figure cannot be reported this time, or must be read with care: say why.",
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerChoice(
            queryset=officers,
            required=False,
            label="Responsible officer",
            empty_label="Nobody yet",
            help_text="Who answers to the committee for this indicator and its actions.",
            widget=forms.Select(attrs={"class": "govuk-select", "aria-describedby": "id_owner-hint"}),
        )


def _checkbox(hint: str = "") -> forms.CheckboxInput:
    return forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"} | _described_by(hint))


def _checkboxes(choices: type[forms.ModelMultipleChoiceField], label: str, help_text: str):
    """A choice of several as GOV.UK checkboxes; the form is given what to choose from when it is made."""
    return choices(
        queryset=None, required=False, label=label, help_text=help_text, widget=forms.CheckboxSelectMultiple
    )


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class SignOffForm(forms.Form):
    """The officer's sign-off of the checklist they saw (`drawn`), with their reason where items
    are outstanding; `confirm` is posted from the confirmation step."""

    drawn = forms.CharField(max_length=64, widget=forms.HiddenInput)
    reason = _text_area(
        "Your reason to publish with these items outstanding",
        rows=4,
        hint="id_reason-hint",
        help_text="It is recorded with the report, with the items outstanding, for anyone who reads it.",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, outstanding: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.outstanding = outstanding

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.outstanding and not reason:
            raise forms.ValidationError(
                f"Give your reason to publish with {self.outstanding} item{pluralize(self.outstanding)}"
                " outstanding, or deal with them first."
            )
        return reason


class IndicatorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        return f"{indicator.reference}: {indicator.title}"


class CommitteeForm(forms.ModelForm):
    """A committee's name, suite and exception criteria."""

    # The committee's version when the form was opened, so a save over someone else's is refused.
    opened_version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    indicators = _checkboxes(
        IndicatorChoices,
        "Suite of indicators",
        "The indicators the committee has agreed to receive, by service area.",
    )

    class Meta:
        model = Committee
        fields = [
            "name",
            "indicators",
            "exceptions_red",
            "exceptions_amber",
            "exceptions_off_target_percent",
            "exceptions_worsening_periods",
            "exceptions_special_cause_concern",
            "exceptions_consistently_failing",
            *COMMITTEE_RECORDS,
        ]
        labels = {"name": "Committee name"}
        error_messages = {"name": {"unique": "There is already a committee with this name."}}
        widgets = {
            "name": forms.TextInput(attrs={"class": "govuk-input"}),
            "exceptions_red": _checkbox(),
            "exceptions_amber": _checkbox(),
            "exceptions_special_cause_concern": _checkbox("id_exceptions_special_cause_concern-hint"),
            "exceptions_consistently_failing": _checkbox("id_exceptions_consistently_failing-hint"),
            "exceptions_off_target_percent": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}
            ),
            "exceptions_worsening_periods": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}
            ),
            "lead_member": forms.TextInput(attrs={"class": "govuk-input"}),
            "wards": forms.TextInput(attrs={"class": "govuk-input"}),
            "contact_name": forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
            "contact_role": forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
            "contact_email": forms.EmailInput(
                attrs={
                    "class": "govuk-input govuk-!-width-two-thirds",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
            "contact_phone": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-20", "type": "tel", "autocomplete": "off"}
            ),
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version
        self.fields["indicators"].queryset = indicators
        self.fields["exceptions_off_target_percent"].validators.append(MinValueValidator(Decimal("0.01")))
        self.fields["exceptions_worsening_periods"].validators += [
            MinValueValidator(2),
            MaxValueValidator(12),
        ]
        self.fields["exceptions_worsening_periods"].help_text = "2 to 12; leave blank for none."
        self.fields["exceptions_off_target_percent"].help_text = "For example 5; leave blank for none."

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_wards(self):
        return " ".join(self.cleaned_data["wards"].split()) or "All wards"

    @property
    def indicator_groups(self) -> list[tuple[str, list]]:
        """The suite's checkboxes under their service areas, in the index's order."""
        chosen = {str(value) for value in (self["indicators"].value() or [])}
        return [
            (area, [(str(indicator.pk), indicator, str(indicator.pk) in chosen) for indicator in group])
            for area, group in groupby(self.fields["indicators"].queryset, key=lambda i: i.service_area.name)
        ]


class BreakdownChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, breakdown):
        indicator = breakdown.indicator
        return f"{indicator.reference}: {indicator.title}, by {breakdown.dimension.name.lower()}"


class MeetingForm(forms.ModelForm):
    """A meeting's committee, date and "as at": one meeting a day per committee, data no later than
    it; and which indicators' breakdowns (by locality, by team) its report includes."""

    breakdowns = _checkboxes(
        BreakdownChoices,
        "Figures by locality or team",
        "The report, the appendix, the pack and the open data include these indicators' figures"
        " for each locality or team, frozen with the report when it is published.",
    )
    # The meeting's version when the form was opened, so a save over someone else's is refused.
    opened_version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = ["committee", "date", "as_at", *MEETING_RECORDS]
        labels = {"date": "Date of the meeting", "as_at": "Data as at"}
        help_texts = {"as_at": "The report covers figures up to this date: the meeting's date or earlier."}
        widgets = {
            "committee": forms.Select(attrs={"class": "govuk-select"}),
            "date": forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10", "type": "date"}),
            "as_at": forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10", "type": "date"}),
            "report_title": forms.TextInput(attrs={"class": "govuk-input"}),
            "lead_officer_name": forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
            "lead_officer_role": forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
            "recommendations": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
        }

    def __init__(self, *args, breakdowns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version
        self.fields["breakdowns"].queryset = breakdowns
        if self.instance.pk:
            # Commentary already written belongs to this committee's suite.
            self.fields["committee"].disabled = True
        self.fields["committee"].empty_label = None
        self.fields["date"].error_messages["invalid"] = (
            "Enter the meeting's date, for example 6 November 2019."
        )
        self.fields["as_at"].error_messages["invalid"] = "Enter the date the data is as at."
        self.fields["report_title"].help_text += ' Left blank: "Performance report for" and the date.'

    @property
    def breakdown_choices(self) -> list[tuple[str, str, bool]]:
        """Each breakdown's checkbox: its value, its label and whether it is chosen."""
        field = self.fields["breakdowns"]
        chosen = {str(getattr(value, "pk", value)) for value in (self["breakdowns"].value() or [])}
        return [
            (str(breakdown.pk), field.label_from_instance(breakdown), str(breakdown.pk) in chosen)
            for breakdown in field.queryset
        ]

    def clean(self):
        cleaned = super().clean()
        committee, day, as_at = cleaned.get("committee"), cleaned.get("date"), cleaned.get("as_at")
        if day and as_at and as_at > day:
            self.add_error("as_at", "The data must be as at the meeting's date or earlier.")
        outside = [
            breakdown
            for breakdown in cleaned.get("breakdowns") or []
            if committee and not committee.indicators.filter(pk=breakdown.indicator_id).exists()
        ]
        if outside:
            references = ", ".join(breakdown.indicator.reference for breakdown in outside)
            self.add_error(
                "breakdowns",
                f"Indicator {references} is not in the suite of {committee.name}: its figures by"
                " locality or team cannot be in the committee's report.",
            )
        if committee and day:
            others = Meeting.objects.filter(committee=committee, date=day).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "date", f"{committee.name} already has a meeting on {date_format(day, 'j F Y')}."
                )
        return cleaned


def _date_input():
    # A date input's value is ISO 8601 whatever the language of the page.
    return forms.DateInput(
        attrs={"class": "govuk-input govuk-input--width-10", "type": "date"}, format="%Y-%m-%d"
    )


class ActionForm(VersionedForm):
    """An action the committee agreed, or an officer's change to one: its words, owner and due date,
    and, once recorded, its progress. Done needs the date it was done; dropped, the reason."""

    text = _text_area(
        "What will be done",
        rows=3,
        help_text="The action as the committee agreed it.",
        missing="Enter what will be done.",
    )
    due = forms.DateField(
        label="Due by",
        error_messages={
            "required": "Enter the date the action is due by, for example 31 March 2026.",
            "invalid": "Enter the date the action is due by, for example 31 March 2026.",
        },
        widget=_date_input(),
    )
    status = forms.ChoiceField(
        label="Progress",
        choices=ActionStatus.choices,
        initial=ActionStatus.OPEN,
        widget=forms.Select(attrs={"class": "govuk-select"}),
        help_text="An open action past its due date is shown as late.",
    )
    done_on = forms.DateField(
        label="Done on",
        required=False,
        error_messages={"invalid": "Enter the date the action was done, for example 2 March 2026."},
        widget=_date_input(),
        help_text="Only when it is done.",
    )
    dropped_reason = _text_area("Why it was dropped", rows=2, help_text="Only when it is dropped.")
    update = _text_area(
        "Owner's update",
        rows=3,
        help_text="The owner's latest word on progress; earlier updates are kept in its history.",
    )

    def __init__(self, *args, owners, recording: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerChoice(
            queryset=owners,
            label="Owner",
            help_text="The person who answers to the committee for it.",
            error_messages={"required": "Choose the action's owner."},
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
        self.order_fields(
            ["version", "text", "owner", "due", "status", "done_on", "dropped_reason", "update"]
        )
        if recording:
            # A new action is open: its progress is recorded later.
            for name in ("status", "done_on", "dropped_reason", "update"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == ActionStatus.DONE and not cleaned.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", "Enter the date the action was done.")
        if status == ActionStatus.DROPPED and not cleaned.get("dropped_reason"):
            self.add_error("dropped_reason", "Say why the action was dropped.")
        return cleaned


class ActionUpdateForm(VersionedForm):
    """The owner's latest word on an action's progress."""

    update = _text_area(
        "Your update",
        rows=4,
        help_text="What has been done, what is left, and whether it will be done by its due date.",
        missing="Enter your update.",
    )
