"""What an officer enters for a period by breakdown: one figure per member, the council total from
them, and the checks the period form makes on the total (rules/entry.py) and on each part."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from breakdowns.models import Member, PartFigure
from breakdowns.presentation import names_text
from breakdowns.rules import Part, Total, is_summable, total_from_parts, total_mismatch
from indicators.entry.forms import ENTERED_STATUSES, ENTRY_STATUSES, FigureField, as_text
from indicators.entry.selectors import EntryRow
from indicators.rules.entry import Entry, EntryContext, problems_with, stored, value_of
from indicators.rules.terms import REPORTABLE_STATUSES, OutturnStatus


@dataclass
class EntrySheet:
    """An indicator's period by one dimension: the members in use, their figures, the council's."""

    row: EntryRow
    members: list[Member]
    figures: dict[int, PartFigure] = field(default_factory=dict)

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def is_summable(self) -> bool:
        return is_summable(self.indicator.unit)


def _number_input(width: int = 5) -> forms.TextInput:
    return forms.TextInput(attrs={"class": f"govuk-input govuk-input--width-{width}", "inputmode": "decimal"})


def _figure(label: str) -> FigureField:
    return FigureField(label=label, required=False, widget=_number_input())


class BreakdownForm(forms.Form):
    """One row per member; the council total worked out from them, or typed where it cannot be."""

    status = forms.ChoiceField(
        choices=ENTRY_STATUSES, label="Status", widget=forms.Select(attrs={"class": "govuk-select"})
    )
    commentary = forms.CharField(
        max_length=5000,
        required=False,
        label="Commentary on the council's figure",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )
    confirm_change = forms.BooleanField(
        required=False,
        label="This large change is right",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    correction_reason = forms.CharField(
        max_length=1000,
        required=False,
        label="Reason for a correction",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
    )
    total_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sheet: EntrySheet, **kwargs):
        self.sheet = sheet
        kwargs.setdefault("initial", initial_for(sheet))
        super().__init__(*args, **kwargs)
        outturn = sheet.row.outturn
        if not (outturn and outturn.status == OutturnStatus.VALIDATED):
            # As the period form: figures are entered provisional and validated by the lead officer.
            self.fields["status"].widget.choices = ENTERED_STATUSES
        proportion = sheet.indicator.is_proportion
        for member in sheet.members:
            prefix = f"m{member.pk}"
            if proportion:
                self.fields[f"{prefix}-numerator"] = _figure(f"Numerator for {member.name}")
                self.fields[f"{prefix}-denominator"] = _figure(f"Denominator for {member.name}")
            else:
                self.fields[f"{prefix}-value"] = _figure(f"Value for {member.name}")
            self.fields[f"{prefix}-version"] = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
        if proportion:
            self.fields["total-numerator"] = _figure("Council numerator")
            self.fields["total-denominator"] = _figure("Council denominator")
        else:
            self.fields["total-value"] = _figure("Council figure")
        for name in ("total-value", "total-numerator", "total-denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = "total-target"
        self.total: Total | None = None
        self.part_values: dict[int, Decimal | None] = {}
        """Each member's figure as its numerator and denominator make it, once checked."""

    def member_rows(self) -> list[dict]:
        """Each member with its bound fields, for the template."""
        rows = []
        for member in self.sheet.members:
            names = ("numerator", "denominator") if self.sheet.indicator.is_proportion else ("value",)
            rows.append(
                {
                    "member": member,
                    "fields": [self[f"m{member.pk}-{name}"] for name in names],
                    "version": self[f"m{member.pk}-version"],
                    "worked_out": self.part_values.get(member.pk),
                }
            )
        return rows

    def total_fields(self) -> list:
        names = (
            ("total-numerator", "total-denominator")
            if self.sheet.indicator.is_proportion
            else ("total-value",)
        )
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        unit = self.sheet.indicator.unit
        status = data["status"]
        parts = []
        for member in self.sheet.members:
            entry = self._part_entry(member, status)
            if value_of(entry, unit) is None and entry.numerator is None and entry.denominator is None:
                if self.sheet.is_summable and status in REPORTABLE_STATUSES:
                    self.add_error(
                        self._first_field(member),
                        f"{member.name}: enter its figure; the council total is worked out from every"
                        f" {self._member_word()}'s",
                    )
                continue
            for problem in problems_with(entry, EntryContext(unit=unit)):
                name = problem.field if problem.field in ("numerator", "denominator") else "value"
                if not self.sheet.indicator.is_proportion:
                    name = "value"
                elif name == "value":
                    name = "numerator"
                self.add_error(
                    f"m{member.pk}-{name}",
                    f"{member.name}: {problem.message[0].lower()}{problem.message[1:]}",
                )
            parts.append(Part(member.name, value_of(entry, unit), entry.numerator, entry.denominator, status))
            self.part_values[member.pk] = value_of(entry, unit)
        if self.errors:
            return data
        self.total = total_from_parts(parts, unit) if status in REPORTABLE_STATUSES else Total()
        entered = {name: data.get(f"total-{name}") for name in ("value", "numerator", "denominator")}
        if self.sheet.is_summable and status in REPORTABLE_STATUSES:
            if not self.total.is_worked_out:
                raise forms.ValidationError(
                    f"{self.total.problem}: enter a figure for every {self._member_word()}"
                )
            mismatch = total_mismatch(
                self.total, unit=unit, decimal_places=self.sheet.indicator.decimal_places, **entered
            )
            if mismatch:
                self.add_error(self.total_fields()[0].name, mismatch)
                return data
        for problem in problems_with(self.total_entry(), self.sheet.row.context()):
            self.add_error(self._total_field(problem.field), problem.message)
        self._ask_reason_for_corrected_parts(data)
        return data

    def _ask_reason_for_corrected_parts(self, data) -> None:
        """Once the council figure is published, moving a figure between parts is a correction too,
        even where the total stays the same: it needs its reason, kept in the parts' history."""
        recorded = self.sheet.row.recorded
        if not (recorded and recorded.is_published) or data.get("correction_reason", "").strip():
            return
        if "correction_reason" in self.errors:
            return
        corrected = [member.name for member in self.sheet.members if self._part_corrected(member)]
        if corrected:
            self.add_error(
                "correction_reason",
                f"The council figure has been published: give the reason for correcting"
                f" {names_text(tuple(corrected))}'s figure{'s' if len(corrected) > 1 else ''}",
            )

    def _part_corrected(self, member: Member) -> bool:
        """Whether the member's figure as typed differs from the one on record. A part typed for the
        first time corrects nothing: no report showed it."""
        entry = self._part_entry(member, self.cleaned_data["status"])
        figure = self.sheet.figures.get(member.pk)
        unit = self.sheet.indicator.unit
        if figure is None:
            return False
        return (
            stored(value_of(entry, unit)) != stored(figure.value)
            or stored(entry.numerator) != stored(figure.numerator)
            or stored(entry.denominator) != stored(figure.denominator)
        )

    def _first_field(self, member: Member) -> str:
        return f"m{member.pk}-{'numerator' if self.sheet.indicator.is_proportion else 'value'}"

    def _member_word(self) -> str:
        return self.sheet.members[0].dimension.name.lower() if self.sheet.members else "part"

    def _total_field(self, name: str) -> str | None:
        if name in ("value", "numerator", "denominator"):
            return self.total_fields()[0].name
        return name if name in self.fields else None

    def _part_entry(self, member: Member, status: str) -> Entry:
        """A member's figure as entered. A part is entered as a figure (provisional) or as not
        available: it is validated with the council's figure, never marked so by entry, and an
        unchanged part keeps its status (rules/entry.py)."""
        data = self.cleaned_data
        prefix = f"m{member.pk}"
        return Entry(
            value=data.get(f"{prefix}-value"),
            numerator=data.get(f"{prefix}-numerator"),
            denominator=data.get(f"{prefix}-denominator"),
            status=OutturnStatus.PROVISIONAL
            if status in REPORTABLE_STATUSES
            else OutturnStatus.NOT_AVAILABLE,
        )

    def part_entries(self) -> dict[int, Entry]:
        """Each member's entry, once the form is valid; blank parts of a set without figures left out."""
        status = self.cleaned_data["status"]
        entries = {member.pk: self._part_entry(member, status) for member in self.sheet.members}
        return {
            pk: entry
            for pk, entry in entries.items()
            if value_of(entry, self.sheet.indicator.unit) is not None
        }

    def total_entry(self) -> Entry:
        """The council's figure: worked out from the parts where they make one, else as typed."""
        data = self.cleaned_data
        total = self.total or Total()
        if total.is_worked_out:
            value, numerator, denominator = (
                (None, total.numerator, total.denominator)
                if total.numerator is not None
                else (total.value, None, None)
            )
        else:
            value, numerator, denominator = (
                data.get(f"total-{n}") for n in ("value", "numerator", "denominator")
            )
        outturn = self.sheet.row.outturn
        return Entry(
            value=stored(value),
            numerator=numerator,
            denominator=denominator,
            status=data["status"],
            source=outturn.source if outturn else self.sheet.indicator.get_source_display(),
            commentary=data.get("commentary", ""),
            is_change_confirmed=data.get("confirm_change", False),
            correction_reason=data.get("correction_reason", ""),
        )

    def signature(self) -> str:
        """What the officer checked: the parts, the total and the status, so a change after the
        check is checked again before it is saved."""
        data = self.cleaned_data
        typed = [
            str(data.get(name))
            for name in sorted(self.fields)
            if name not in ("checked", "commentary", "correction_reason", "confirm_change")
        ]
        return hashlib.sha256("|".join(typed).encode()).hexdigest()[:32]

    @property
    def is_checked(self) -> bool:
        return self.is_bound and not self.errors and self.cleaned_data.get("checked") == self.signature()

    @property
    def asks_confirmation(self) -> bool:
        return "confirm_change" in self.errors or bool(self["confirm_change"].value())


def initial_for(sheet: EntrySheet) -> dict:
    """The form as on record: each member's figure and version, the council's status and commentary."""
    outturn = sheet.row.outturn
    initial = {
        "status": outturn.status if outturn else OutturnStatus.PROVISIONAL,
        "commentary": outturn.commentary if outturn else "",
        "total_version": outturn.version if outturn else 0,
        "checked": "",
    }
    if outturn and not sheet.is_summable:
        initial["total-value"] = as_text(outturn.value)
    for member in sheet.members:
        figure = sheet.figures.get(member.pk)
        prefix = f"m{member.pk}"
        initial[f"{prefix}-version"] = figure.version if figure else 0
        if figure is None:
            continue
        if sheet.indicator.is_proportion:
            initial[f"{prefix}-numerator"] = as_text(figure.numerator)
            initial[f"{prefix}-denominator"] = as_text(figure.denominator)
        else:
            initial[f"{prefix}-value"] = as_text(figure.value)
    return initial
