"""One-line adapters that let a template read a meeting's declared tables (reports/tables.py)."""

from django import template

from indicators.columns import Column, Table
from indicators.lines import Shown
from indicators.rules.terms import Rating
from reports import tables

register = template.Library()


@register.simple_tag
def report_table(key: str) -> Table:
    return tables.TABLES[key]


@register.simple_tag
def report_sentences() -> dict[str, str]:
    """The sentences standing for the report's tables that have no declaration's empty message."""
    return {"first_report": tables.FIRST_REPORT, "no_indicators": tables.NO_INDICATORS}


@register.simple_tag
def columns_in(table: Table, output: str) -> list[Column]:
    return table.columns_in(output)


@register.filter
def rating_named(shown: Shown) -> Rating | None:
    return tables.rating_of(shown)
