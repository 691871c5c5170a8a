"""The period entry form: one row for each indicator due, validated by the rules in rules/entry.py."""

from decimal import Decimal
from html import escape

from django import forms
from django.utils.safestring import SafeString, mark_safe

from indicators.entry.selectors import EntryRow
from indicators.models import OutturnStatus
from indicators.rules.entry import DIGITS_ACCEPTED, IN_FULL, SCIENTIFIC, Entry, parse_number, problems_with

ENTRY_STATUSES = [
    (status.value, status.label)
    for status in (
        OutturnStatus.PROVISIONAL,
        OutturnStatus.VALIDATED,
        OutturnStatus.NOT_AVAILABLE,
        OutturnStatus.UNRELIABLE,
    )
]
ENTERED_STATUSES = [choice for choice in ENTRY_STATUSES if choice[0] != OutturnStatus.VALIDATED]
"""The statuses an officer may choose for a figure not yet validated: validating is not entering."""
ERROR_CLASSES = {
    forms.Select: "govuk-select--error",
    forms.Textarea: "govuk-textarea--error",
    forms.TextInput: "govuk-input--error",
    forms.NumberInput: "govuk-input--error",
}


def as_text(number: Decimal | None) -> str | None:
    """A stored number as an officer would type it: 71, not 71.0000 or 7.1E+1."""
    return None if number is None else f"{number.normalize():f}"


class FigureField(forms.DecimalField):
    """A figure typed with ASCII digits only: DecimalField alone reads `３６５`, `३६५`, `3_66` and
    `1e15`. Each refusal names the figure (its label) and says what it may be."""

    def __init__(self, *, label: str, max_digits: int = 14, decimal_places: int = 4, **kwargs):
        self.figure_name = label[0].lower() + label[1:]
        whole = max_digits - decimal_places
        size = (
            f"Enter the {self.figure_name} with at most {whole} digits before the decimal point"
            f" and {decimal_places} after it"
        )
        kwargs["error_messages"] = {
            "max_digits": size,
            "max_whole_digits": size,
            "max_decimal_places": size,
            **kwargs.get("error_messages", {}),
        }
        super().__init__(label=label, max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value))
        except ValueError:
            if SCIENTIFIC.fullmatch(str(value).strip()):
                message = f"Enter the {self.figure_name} without scientific notation: {IN_FULL}"
            else:
                message = f"Enter the {self.figure_name} as a number with {DIGITS_ACCEPTED}"
            raise forms.ValidationError(message, "invalid") from None


def figure_field(label: str) -> FigureField:
    return FigureField(
        label=label,
        required=False,
        show_hidden_initial=True,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5", "inputmode": "decimal"}),
    )


class RowKeyField(forms.IntegerField):
    """A hidden number saying which row and version the officer opened: never an edit in itself."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class FigureForm(forms.Form):
    """One indicator's figure for the period. Rows left as they were opened are not checked or saved."""

    indicator = RowKeyField()
    version = RowKeyField(min_value=0)
    value = figure_field("Value")
    numerator = figure_field("Numerator")
    denominator = figure_field("Denominator")
    status = forms.ChoiceField(
        choices=ENTRY_STATUSES, show_hidden_initial=True, widget=forms.Select(attrs={"class": "govuk-select"})
    )
    source = forms.CharField(
        max_length=200,
        required=False,
        show_hidden_initial=True,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    commentary = forms.CharField(
        max_length=5000,
        required=False,
        show_hidden_initial=True,
        widget=forms.Textarea(attrs={"class": "govuk-textarea kpi-entry__commentary", "rows": 2}),
    )
    confirm_change = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
    )
    correction_reason = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea kpi-entry__commentary", "rows": 2}),
    )

    def __init__(self, *args, row: EntryRow | None, **kwargs):
        self.row = row
        super().__init__(*args, **kwargs)
        if not (row and row.outturn and row.outturn.status == OutturnStatus.VALIDATED):
            # Offered without "Validated"; one posted all the same is refused by the entry rules.
            self.fields["status"].widget.choices = ENTERED_STATUSES
        if self.prefix:
            # The target beside a figure, and the rating it gets, are read out with its fields.
            described = f"{self.prefix}-target {self.prefix}-rating"
            for name in ("value", "numerator", "denominator"):
                self.fields[name].widget.attrs["aria-describedby"] = described
            self.fields["commentary"].widget.attrs["aria-describedby"] = f"{self.prefix}-rating"

    def field_html(self, name: str) -> SafeString:
        """Field `name` as Django's widget templates draw it (`str(form[name])`: the widget, and the
        hidden copy of the value the form opened with where the field keeps one), without a template
        per widget: a quarter of 150 indicators has some 1,800 of them. Every value is escaped."""
        bound = self[name]
        html = _widget_html(self._widget_context(bound, only_initial=False))
        if bound.field.show_hidden_initial:
            return html + _widget_html(self._widget_context(bound, only_initial=True))
        return html

    def _widget_context(self, bound, *, only_initial: bool) -> dict:
        """What Django's widget template is given, as `BoundField.as_widget` makes it."""
        widget = bound.field.hidden_widget() if only_initial else bound.field.widget
        attrs = bound.build_widget_attrs({}, widget)
        if bound.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", bound.html_initial_id if only_initial else bound.auto_id)
        if only_initial and bound.html_initial_name in self.data:
            value = self._widget_data_value(bound.field.hidden_widget(), bound.html_initial_name)
        else:
            value = bound.value()
        name = bound.html_initial_name if only_initial else bound.html_name
        return widget.get_context(name, value, attrs)["widget"]

    @property
    def asks_confirmation(self) -> bool:
        return "confirm_change" in self.errors or bool(self["confirm_change"].value())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if self.row is None or data["indicator"] != self.row.indicator.pk:
            raise forms.ValidationError(
                "The indicators due changed since this form was opened: reload the page"
            )
        for problem in problems_with(self.entry(), self.row.context()):
            self.add_error(problem.field, problem.message)
        return data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                error_class = ERROR_CLASSES.get(type(widget))
                if error_class:
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_class}"
                if not widget.is_hidden:
                    described = f"{self[name].id_for_label}-error {widget.attrs.get('aria-describedby', '')}"
                    widget.attrs["aria-describedby"] = described.strip()

    def entry(self) -> Entry:
        data = self.cleaned_data
        return Entry(
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            status=data.get("status") or OutturnStatus.PROVISIONAL,
            source=data.get("source", ""),
            commentary=data.get("commentary", ""),
            is_change_confirmed=data.get("confirm_change", False),
            correction_reason=data.get("correction_reason", ""),
        )


def initial_for(row: EntryRow) -> dict:
    """A row pre-filled with what is on record; a proportion shows its numerator and denominator."""
    outturn = row.outturn
    if outturn is None:
        return {
            "indicator": row.indicator.pk,
            "version": 0,
            "status": OutturnStatus.PROVISIONAL,
            "source": row.indicator.get_source_display(),
        }
    has_fraction = outturn.numerator is not None and outturn.denominator is not None
    return {
        "indicator": row.indicator.pk,
        "version": outturn.version,
        "value": None if has_fraction else as_text(outturn.value),
        "numerator": as_text(outturn.numerator),
        "denominator": as_text(outturn.denominator),
        "status": outturn.status,
        "source": outturn.source,
        "commentary": outturn.commentary,
    }


class BaseFigureFormSet(forms.BaseFormSet):
    def __init__(self, *args, rows: list[EntryRow], **kwargs):
        self.rows = rows
        kwargs.setdefault("initial", [initial_for(row) for row in rows])
        kwargs.setdefault("prefix", "rows")
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return min(super().total_form_count(), len(self.rows))

    def get_form_kwargs(self, index):
        return {"row": self.rows[index], "empty_permitted": True}

    def clean(self):
        if self.is_bound and self.management_form.cleaned_data.get("TOTAL_FORMS") != len(self.rows):
            raise forms.ValidationError(
                "The indicators due changed since this form was opened:"
                " reload the page and enter the figures again"
            )

    def changed_forms(self) -> list[FigureForm]:
        return [form for form in self.forms if form.has_changed()]


FigureFormSet = forms.formset_factory(FigureForm, formset=BaseFigureFormSet, extra=0, max_num=2000)


def _attrs_html(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves an attribute out, True names it alone."""
    return "".join(
        f" {escape(str(name))}" if value is True else f' {escape(str(name))}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _widget_html(widget: dict) -> SafeString:
    """A widget as django/forms/widgets/ draws an input, a select or a textarea, each value escaped
    as Django escapes it (`html.escape`): Django's `format_html` took as long as its templates."""
    name, attrs = escape(widget["name"]), _attrs_html(widget["attrs"])
    if "optgroups" in widget:
        options = "".join(
            f'\n  <option value="{escape(str(option["value"]))}"{_attrs_html(option["attrs"])}>'
            f"{escape(str(option['label']))}</option>\n"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        html = f'<select name="{name}"{attrs}>{options}\n</select>'
    elif widget["template_name"].endswith("textarea.html"):
        html = f'<textarea name="{name}"{attrs}>\n{escape(str(widget["value"] or ""))}</textarea>'
    else:
        value = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        html = f'<input type="{escape(widget["type"])}" name="{name}"{value}{attrs}>'
    return mark_safe(html)  # noqa: S308 - every value in it is escaped
