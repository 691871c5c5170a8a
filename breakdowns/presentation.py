"""Breakdown figures in the committee's words: the spread, and the best and worst named."""

from decimal import Decimal

from breakdowns.rules import Spread
from indicators.entry.presentation import figure_text
from indicators.models import Indicator
from indicators.rules.figures import format_value
from indicators.rules.terms import Polarity, Rating, Unit


def spread_text(spread: Decimal | None, indicator: Indicator) -> str:
    """The gap between the highest and lowest part: "9.0 percentage points", "69", "3.5 weeks"."""
    if spread is None:
        return ""
    if indicator.unit == Unit.PERCENT:
        return f"{format_value(spread, Unit.NUMBER, indicator.decimal_places)} percentage points"
    return indicator.format(spread)


def names_text(names: tuple[str, ...]) -> str:
    """ "West", "West and North", "West, North and East"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def standing_text(spread: Spread, indicator: Indicator, plural: str) -> str:
    """One sentence naming the best and worst parts and the spread between them."""
    if spread.spread is None:
        return f"Fewer than two {plural.lower()} have figures to compare."
    gap = f"the spread between the highest and the lowest is {spread_text(spread.spread, indicator)}"
    if spread.best:
        return (
            f"Best: {names_text(spread.best)}. Worst: {names_text(spread.worst)}. {gap[0].upper()}{gap[1:]}."
        )
    if spread.spread == 0:
        return f"All {plural.lower()} have the same figure."
    if indicator.polarity_enum is Polarity.NONE:
        return f"A contextual measure: no {plural.lower()} are ranked; {gap}."
    return f"No target range to rank {plural.lower()} by; {gap}."


def saved_text(summary, breakdown, period) -> str:
    """ "Saved the council figure and 4 localities' figures for Q2 2019/20.\""""
    parts = summary.parts_saved
    plural = breakdown.dimension.plural.lower() if parts != 1 else breakdown.dimension.name.lower()
    if not summary.total.total and not parts:
        return f"Nothing changed for {period.label}."
    saved = []
    if summary.total.total:
        saved.append("the council figure" + (", as a correction" if summary.total.corrected else ""))
    if parts:
        saved.append(f"{parts} {plural}' figures" if parts != 1 else f"1 {plural}'s figure")
    return f"Saved {' and '.join(saved)} for {period.label}."


def conflict_texts(stale, sheet) -> list[str]:
    """What the second officer to save is told: whose figures are there now, and that nothing was saved."""
    indicator = sheet.indicator
    names = {member.pk: member.name for member in sheet.members}
    texts = []
    for conflict in stale.total_conflicts:
        outturn = conflict.outturn
        theirs = figure_text(indicator, outturn.value, outturn.status) if outturn else "removed"
        texts.append(
            f"{_who(outturn)} saved the council figure after you opened this page: it is now {theirs}."
        )
    for conflict in stale.part_conflicts:
        figure = conflict.figure
        theirs = figure_text(indicator, figure.value, figure.status) if figure else "removed"
        name = names.get(conflict.change.member_id, "A part")
        texts.append(f"{_who(figure)} saved {name}'s figure after you opened this page: it is now {theirs}.")
    texts.append(
        "Nothing was saved. Your figures are below: check the total and save again to replace theirs."
    )
    return texts


def _who(figure) -> str:
    user = getattr(figure, "entered_by", None)
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def entry_error_summary(form) -> list[dict]:
    """Every problem on the form, each linking to the field to fix."""
    if not form.is_bound:
        return []
    items = [{"href": "#parts", "text": error} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        href = f"#{form[name].id_for_label}" if name in form.fields else "#parts"
        items.extend({"href": href, "text": error} for error in errors)
    return items


def rating_counts(lines) -> list[tuple[Rating, int]]:
    """Red, Amber and Green counts of the parts shown, worst first (withheld parts are not counted)."""
    shown = [line.rating for line in lines if not line.withheld]
    return [
        (rating, shown.count(rating)) for rating in (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NOT_RATED)
    ]
