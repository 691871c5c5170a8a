"""Sentences and rows the entry pages show: error summaries, conflicts and the upload's preview."""

from dataclasses import dataclass
from decimal import Decimal

from indicators.entry.selectors import EntryRow
from indicators.entry.services import Conflict, FigureChange, SaveSummary
from indicators.models import Indicator, OutturnStatus, Target
from indicators.rules.entry import (
    changes_figure,
    is_correction,
    needs_commentary,
    parse_number,
    rating_of,
    value_of,
)
from indicators.rules.figures import NO_FIGURE, SUFFIX, value_from_fraction
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.terms import Polarity, Rating, ToleranceKind, Unit
from indicators.rules.validation import status_after_entry

FIGURE_FIELDS = frozenset(("value", "numerator", "denominator"))
RATED = (Rating.GREEN, Rating.AMBER, Rating.RED)
NOT_WORKED_OUT = "Not worked out yet: enter a numerator and a denominator above 0"


def period_title(period: Period) -> str:
    """The period as an officer picks it: "Q2 2019/20 (July to September 2019)", "2019/20 academic year"."""
    if period.kind is PeriodKind.QUARTER:
        return f"{period.label} ({period.start:%B} to {period.end:%B %Y})"
    if period.kind is PeriodKind.YEAR:
        return (
            f"{period.label} {period.basis} year" if period.basis is not YearBasis.CALENDAR else period.label
        )
    return f"{period.start:%B %Y}"


def figure_text(indicator: Indicator, value: Decimal | None, status: str) -> str:
    label = OutturnStatus(status).label
    if value is None:
        return label
    return f"{indicator.format(value)} ({label.lower()})"


def target_text(indicator: Indicator, target: Target | None) -> str:
    """The year's target with its tolerance, as the committee reads them: "85% or more; off target
    by less than 5 percentage points: Amber; by 5 percentage points or more: Red"."""
    polarity = indicator.polarity_enum
    if not indicator.is_target_measure or polarity is Polarity.NONE:
        return "A contextual measure: not rated against a target"
    if target is None or (target.value is None and not target.is_range):
        return "No target for this year: not rated"
    if polarity is Polarity.WITHIN_RANGE and not target.is_range:
        return "No acceptable range for this year: not rated"
    fmt = indicator.format
    lower, upper = target.range_lower, target.range_upper
    if lower is not None and upper is not None:
        wanted = f"Target range {fmt(lower)} to {fmt(upper)}"
    elif lower is not None:
        wanted = f"Target {fmt(lower)} or more"
    elif upper is not None:
        wanted = f"Target {fmt(upper)} or less"
    else:
        better = "or more" if polarity is Polarity.HIGHER_IS_BETTER else "or less"
        wanted = f"Target {fmt(target.value)} {better}"
    if target.tolerance <= 0:
        return f"{wanted}; off target by any amount: Red (no tolerance)"
    tolerance = _tolerance_text(target, indicator.unit)
    return f"{wanted}; off target by less than {tolerance}: Amber; by {tolerance} or more: Red"


def _tolerance_text(target: Target, unit: str) -> str:
    amount = f"{target.tolerance.normalize():f}"
    if target.tolerance_kind == ToleranceKind.PERCENT_OF_TARGET:
        return f"{amount}% of the target"
    if unit == Unit.PERCENT:
        return f"{amount} percentage point{'' if target.tolerance == 1 else 's'}"
    return amount + SUFFIX.get(unit, "")


@dataclass(frozen=True)
class RatingPreview:
    """The rating a figure will get, and whether, being Red, it waits for commentary to be validated."""

    figure: str
    rating: Rating
    needs_commentary: bool


def rating_preview(row: EntryRow, value: Decimal | None, commentary: str) -> RatingPreview | None:
    """The rating the figure gets against the period's target (None when it is not rated)."""
    context = row.context()
    rating = rating_of(value, context)
    if rating not in RATED:
        return None
    return RatingPreview(row.indicator.format(value), rating, needs_commentary(value, commentary, context))


def form_preview(form) -> RatingPreview | None:
    """A row's rating: of the figure as typed once the form is posted, else of the one on record."""
    row = form.row
    if form.is_bound and form.has_changed():
        if FIGURE_FIELDS & set(form.errors) or not hasattr(form, "cleaned_data"):
            return None
        entry = form.entry()
        return rating_preview(row, value_of(entry, row.indicator.unit), entry.commentary)
    if row.outturn is None:
        return None
    return rating_preview(row, row.outturn.reportable_value, row.outturn.commentary)


def computed_text(form, row: EntryRow) -> str:
    """What a proportion's numerator and denominator make, beside them: the figure on record when the
    form opens, and once it is sent back the figure as typed, or that it is not worked out yet."""
    indicator = row.indicator
    if not form.is_bound:
        outturn = row.outturn
        if outturn is None or outturn.numerator is None or not outturn.denominator:
            return ""
        return f"= {indicator.format(outturn.value)}"
    typed = [str(form[name].value() or "") for name in ("numerator", "denominator")]
    if not any(text.strip() for text in typed):
        return ""
    try:
        numerator, denominator = (parse_number(text) for text in typed)
    except ValueError:
        return NOT_WORKED_OUT
    if numerator is None or denominator is None or denominator <= 0:
        return NOT_WORKED_OUT
    return f"= {indicator.format(value_from_fraction(numerator, denominator, indicator.unit))}"


def error_summary(formset) -> list[dict]:
    """Every problem on the form, each linking to the field to fix, named by indicator."""
    items = [{"href": "#figures", "text": error} for error in formset.non_form_errors()]
    for form in formset.forms:
        reference = form.row.indicator.reference
        first = form["numerator" if form.row.indicator.is_proportion else "value"].id_for_label
        for name, errors in form.errors.items():
            target = (
                form[name].id_for_label
                if name in form.fields and name not in ("indicator", "version")
                else first
            )
            items.extend(
                {"href": f"#{target}", "text": f"Indicator {reference}: {error}"} for error in errors
            )
    return items


RESAVE = "Save again to replace theirs with yours, or change yours."


def conflict_text(conflict: Conflict, indicator: Indicator, advice: str = RESAVE) -> str:
    """What the second officer to save is told: both figures, and what they can do."""
    entry = conflict.change.entry
    yours = figure_text(indicator, value_of(entry, indicator.unit), entry.status)
    outturn = conflict.outturn
    if outturn is None:
        return f"This figure was removed after you opened it. Yours is {yours}. Nothing was saved. {advice}"
    who = (
        (outturn.entered_by.get_full_name() or outturn.entered_by.get_username())
        if outturn.entered_by
        else "Someone"
    )
    theirs = figure_text(indicator, outturn.value, outturn.status)
    return (
        f"{who} saved this figure after you opened it: theirs is {theirs}, yours is {yours}."
        f" Nothing was saved. {advice}"
    ).strip()


def saved_text(summary: SaveSummary, period: Period) -> str:
    if not summary.total:
        return f"Nothing changed for {period.label}."
    text = f"Saved {summary.total} figure{'s' if summary.total != 1 else ''} for {period.label}"
    if summary.corrected:
        text += f", {summary.corrected} of them corrections to published figures"
    return text + "."


@dataclass(frozen=True)
class PreviewRow:
    indicator: Indicator
    current: str
    new: str
    commentary: str
    is_correction: bool
    reason: str
    previous: str
    target: str
    rating: RatingPreview | None


def preview_rows(changes: list[FigureChange], rows: list[EntryRow]) -> list[PreviewRow]:
    """What an upload will change, row by row, before the officer confirms it."""
    by_id = {row.indicator.pk: row for row in rows}
    preview = []
    for change in changes:
        row = by_id[change.indicator_id]
        indicator, entry = row.indicator, change.entry
        value = value_of(entry, indicator.unit)
        preview.append(
            PreviewRow(
                indicator=indicator,
                current=figure_text(indicator, row.outturn.value, row.outturn.status)
                if row.outturn
                else NO_FIGURE,
                # The status it will be saved with: a changed figure is provisional until validated.
                new=figure_text(
                    indicator,
                    value,
                    status_after_entry(
                        entry.status,
                        changes_figure=changes_figure(entry, row.recorded, indicator.unit),
                        recorded=row.recorded.status if row.recorded else None,
                    ),
                ),
                commentary=entry.commentary,
                is_correction=is_correction(entry, row.recorded, indicator.unit),
                reason=entry.correction_reason,
                previous=previous_text(row),
                target=target_text(indicator, row.target),
                rating=rating_preview(row, value, entry.commentary),
            )
        )
    return preview


def previous_text(row: EntryRow) -> str:
    """The previous period's figure, as the form shows it beside the one being entered."""
    if row.previous is None:
        return NO_FIGURE
    return figure_text(row.indicator, row.previous.value, row.previous.status)
