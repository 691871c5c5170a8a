"""Breakdowns: dimensions (locality, team …), their members over time, and figures for each part.

The council-wide figure stays an Outturn: it is the one the committee rates. A part figure is one
member's share of it for the same indicator and period.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from breakdowns.rules import is_active_between
from indicators.models import HeldForReaders, Indicator, ReportingPeriod, enum_choices, fraction_constraints
from indicators.rules.terms import REPORTABLE_STATUSES, OutturnStatus


class Dimension(models.Model):
    """A way the council breaks its figures down: locality, team, district, age band."""

    name = models.CharField(max_length=100, unique=True, help_text="Singular, as members say it: Locality.")
    plural = models.CharField(max_length=100, help_text="Localities, Teams.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Member(models.Model):
    """One locality, team or band. Localities merge and split: each has the dates it is in use."""

    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text="Its address: /localities/west/.")
    starts = models.DateField(null=True, blank=True, help_text="Its first day; blank: since before records.")
    ends = models.DateField(null=True, blank=True, help_text="Its last day; blank: still in use.")
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="successors",
        blank=True,
        help_text="Members it was formed from, by a merger or a split.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        help_text="The member of another dimension it sits inside: a team's locality. Its figures add "
        "up to the parent's, and small numbers are withheld knowing so.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["dimension", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "name"], name="one_member_name_per_dimension"),
            models.CheckConstraint(
                condition=Q(starts__isnull=True) | Q(ends__isnull=True) | Q(starts__lte=F("ends")),
                name="member_starts_before_it_ends",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("breakdowns:member", args=[self.slug])

    def is_active_between(self, first: date, last: date) -> bool:
        return is_active_between(self.starts, self.ends, first, last)


class Breakdown(models.Model):
    """An indicator is reported by a dimension: one figure for each of its members, every period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="breakdowns")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="breakdowns")

    class Meta:
        ordering = ["indicator", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "dimension"], name="one_breakdown_per_dimension")
        ]

    def __str__(self):
        return f"{self.indicator.reference} by {self.dimension.name.lower()}"


class PartFigure(HeldForReaders):
    """One member's figure for an indicator in a period. Members and the public see it with its
    council figure, as it was until a change to it is validated with that figure (`held_since`)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="part_figures")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="part_figures")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    status = models.CharField(
        max_length=15, choices=enum_choices(OutturnStatus), default=OutturnStatus.PROVISIONAL
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period__end", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "member"], name="one_part_per_indicator_period_member"
            ),
            *fraction_constraints("part"),
        ]

    def __str__(self):
        return f"{self.indicator.reference} {self.period.label} {self.member.name}"

    @property
    def is_reportable(self) -> bool:
        return self.status in REPORTABLE_STATUSES and self.value is not None
