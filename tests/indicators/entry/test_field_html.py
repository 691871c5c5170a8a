"""The period form draws its fields itself, in one template call, exactly as Django's widget
templates would: the same names, ids, values, attributes, errors' marks and hidden initial copies."""

import pytest

from indicators.entry.forms import FigureFormSet
from indicators.entry.selectors import rows_for_period
from indicators.reader import Reader
from tests import factories
from tests.indicators.entry.helpers import Q2, form_data, suite

pytestmark = pytest.mark.django_db


def assert_drawn_as_django_draws(formset):
    for form in formset.forms:
        for name in form.fields:
            assert form.field_html(name) == str(form[name]), name


def test_an_opened_form_s_fields_are_drawn_as_django_draws_them(alice):
    suite()
    assert_drawn_as_django_draws(FigureFormSet(rows=rows_for_period(Q2, reader=Reader.for_user(alice))))


def test_a_refused_form_s_fields_are_drawn_as_django_draws_them(alice):
    """Typed values, quotes and markup escaped, fields in error marked, confirmation ticked."""
    indicators = suite()
    factories.outturn(indicators["5"], Q2.start, 100, source='DfE "SSDA903" <return>')
    changes = {
        "2": {"value": "abc", "commentary": "<b>Too & few</b>", "status": "validated"},
        "5": {"value": "1e15", "confirm_change": True, "source": "Team's own"},
    }
    data = form_data(Q2, alice, changes)
    formset = FigureFormSet(data, rows=rows_for_period(Q2, reader=Reader.for_user(alice)))
    assert not formset.is_valid()
    assert_drawn_as_django_draws(formset)
