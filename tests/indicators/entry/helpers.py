"""Data and form posts shared by the entry tests."""

from datetime import date

from indicators.entry.forms import FigureFormSet
from indicators.entry.selectors import rows_for_period
from indicators.reader import Reader
from indicators.rules.periods import Period, PeriodKind
from tests import factories

Q1 = Period(date(2019, 4, 1), PeriodKind.QUARTER)
Q2 = Period(date(2019, 7, 1), PeriodKind.QUARTER)
Q2_URL = "/entry/quarter-financial-2019-07-01/"


def suite():
    """Three quarterly indicators with Q1 figures: a percentage, a count and weeks."""
    area = factories.service_area("Social Care")
    assessments = factories.indicator(area=area, reference="2", title="Single assessments within 45 days")
    factories.target(assessments, 2019, value=85, tolerance=5)
    factories.outturn(assessments, Q1.start, 80)
    referrals = factories.indicator(
        area=area, reference="5", title="Referrals", unit="count", polarity="none"
    )
    factories.outturn(referrals, Q1.start, 120)
    weeks = factories.indicator(
        area=area, reference="12", title="Care proceedings", unit="weeks", polarity="lower"
    )
    factories.target(weeks, 2019, value=26, tolerance=2)
    factories.outturn(weeks, Q1.start, 27)
    return {"2": assessments, "5": referrals, "12": weeks}


def form_data(period, user, changes: dict | None = None) -> dict:
    """The form as the browser would post it, with the rows named by reference changed as given."""
    formset = FigureFormSet(rows=rows_for_period(period, reader=Reader.for_user(user)))
    data = {
        "rows-TOTAL_FORMS": str(len(formset.forms)),
        "rows-INITIAL_FORMS": str(len(formset.forms)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "2000",
    }
    for form in formset.forms:
        for name, field in form.fields.items():
            initial = form.get_initial_for_field(field, name)
            text = "" if initial is None else str(initial)
            if name == "confirm_change":
                continue
            data[form.add_prefix(name)] = text
            if field.show_hidden_initial:
                data[form.add_initial_prefix(name)] = text
        for name, value in (changes or {}).get(form.row.indicator.reference, {}).items():
            if name == "confirm_change" and not value:
                data.pop(form.add_prefix(name), None)
            else:
                data[form.add_prefix(name)] = "on" if value is True else str(value)
    return data
