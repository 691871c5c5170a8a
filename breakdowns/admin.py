"""Administrators define the council's breakdowns: dimensions, their members with the dates they
are in use (localities merge and split), and the indicators reported by each. Part figures are
entered on the portal's entry pages with the council total, so they are read-only here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from indicators.read_only_admin import ReadOnlyAdmin


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "slug", "parent", "starts", "ends", "order"]
    prepopulated_fields = {"slug": ["name"]}


class BreakdownInline(admin.TabularInline):
    model = Breakdown
    extra = 0
    autocomplete_fields = ["indicator"]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "plural", "order"]
    inlines = [MemberInline, BreakdownInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "dimension", "parent", "starts", "ends"]
    list_filter = ["dimension", ("ends", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["predecessors"]


@admin.register(PartFigure)
class PartFigureAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "period", "member", "value", "numerator", "denominator", "status"]
    list_filter = ["member__dimension", "member", "status"]
    search_fields = ["indicator__reference", "indicator__title"]
    list_select_related = ["indicator", "period", "member"]
