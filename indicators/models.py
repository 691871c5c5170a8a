"""The performance index: service areas, indicators, periods, targets, outturns and comparators.

The DfE benchmarking models are in indicators/dfe/models.py."""

import copy
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

# Django finds an app's models in its models module: the DfE benchmarking models live with the DfE code.
from indicators.dfe.models import AreaLevel, DfeMapping, DfeValue, NeighbourGroup  # noqa: F401
from indicators.rules.direction import direction_of_travel
from indicators.rules.disclosure import is_small_step_corrected
from indicators.rules.figures import format_value, value_from_fraction
from indicators.rules.periods import Period, PeriodKind, YearBasis
from indicators.rules.rating import RatingResult, TargetRule, rating_for
from indicators.rules.suppression import Withheld, withheld_correction
from indicators.rules.terms import (
    REPORTABLE_STATUSES,
    ComparatorKind,
    Direction,
    OutturnStatus,
    Polarity,
    TargetKind,
    ToleranceKind,
    Unit,
)


def enum_choices(enum) -> list[tuple[str, str]]:
    return [
        (member.value, getattr(member, "label", member.value.replace("_", " ").capitalize()))
        for member in enum
    ]


class MeasureBasis(models.TextChoices):
    SNAPSHOT = "snapshot", "Snapshot (as at the end of the period)"
    YEAR_TO_DATE = "ytd", "Year to date"
    ROLLING_12_MONTHS = "rolling12", "Rolling 12 months"
    IN_PERIOD = "in_period", "In the period"


class DataSource(models.TextChoices):
    CASE_MANAGEMENT = "case_management", "Case-management system (Mosaic)"
    CAFCASS = "cafcass", "Cafcass"
    DFE = "dfe", "Department for Education"
    SCHOOLS = "schools", "Schools"
    HR = "hr", "Human resources"
    EXTERNAL = "external", "Other external source"


class ServiceArea(models.Model):
    name = models.CharField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the performance index.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    reference = models.CharField(
        max_length=20, unique=True, help_text="As the committee knows it: 2, 35.1, 27 ..."
    )
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="indicators")
    unit = models.CharField(max_length=10, choices=enum_choices(Unit))
    decimal_places = models.PositiveSmallIntegerField(default=0)
    polarity = models.CharField(max_length=10, choices=enum_choices(Polarity))
    frequency = models.CharField(max_length=10, choices=enum_choices(PeriodKind))
    year_basis = models.CharField(max_length=10, choices=enum_choices(YearBasis), default=YearBasis.FINANCIAL)
    measure_basis = models.CharField(
        max_length=10, choices=MeasureBasis.choices, default=MeasureBasis.SNAPSHOT
    )
    source = models.CharField(max_length=20, choices=DataSource.choices, default=DataSource.CASE_MANAGEMENT)
    # The job titles stay when the people holding them change or leave.
    lead_officer = models.CharField("Lead officer's job title", max_length=200, blank=True)
    data_owner = models.CharField("Data owner's job title", max_length=200, blank=True)
    lead_officer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators_led",
        verbose_name="Lead officer",
        help_text="Answers for the figures and validates them.",
    )
    second_officer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators_seconded",
        verbose_name="Second officer",
        help_text="Validates the figures as well as the lead officer.",
    )
    data_owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators_owned",
        verbose_name="Data owner",
        help_text="Enters the figures by their due date.",
    )
    due_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days after a period ends that its figure is due; blank for the council's"
        " setting. DfE or Cafcass figures arrive later.",
    )
    plan_priority = models.CharField(max_length=200, blank=True, help_text="The plan priority it serves.")
    success_looks_like = models.TextField(
        "What success looks like",
        blank=True,
        help_text="Its report card's words on the outcome aimed for, beyond the target's figure.",
    )
    is_target_measure = models.BooleanField(
        default=True, help_text="Rated against a target; untick for a contextual measure."
    )
    spc_fix_after = models.PositiveSmallIntegerField(
        "Fix the process limits after",
        null=True,
        blank=True,
        validators=[MinValueValidator(2)],
        help_text="Points: the limits of each baseline are worked out from its first points this many and"
        " then held, so later points are judged against them. Blank: from all its points.",
    )
    is_restricted = models.BooleanField(
        default=False, help_text="Part 2: never shown on a public page or in a public export."
    )
    no_change_band = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        default=Decimal(0),
        help_text="A change no bigger than this, in the indicator's units, counts as no real change.",
    )
    introduced_on = models.DateField(null=True, blank=True)
    retired_on = models.DateField(null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="successors",
        blank=True,
        help_text="Indicators this one replaced or was split from.",
    )
    display_order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["service_area__order", "display_order", "reference"]
        permissions = [
            ("view_restricted_indicator", "Can see restricted (Part 2) indicators and small numbers"),
            ("enter_outturns", "Can enter and correct figures"),
            ("validate_any_outturn", "Can validate any indicator's figures"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("indicators:detail", args=[self.reference])

    @property
    def polarity_enum(self) -> Polarity:
        return Polarity(self.polarity)

    @property
    def is_proportion(self) -> bool:
        return self.unit in (Unit.PERCENT, Unit.RATE_PER_10000)

    @property
    def is_year_to_date(self) -> bool:
        """Its figures add up through the year: each period's includes the ones before it."""
        return self.measure_basis == MeasureBasis.YEAR_TO_DATE

    @property
    def is_count(self) -> bool:
        """A count is judged small on itself; other units on their numerator and denominator."""
        return self.unit == Unit.COUNT

    def format(self, value: Decimal | None) -> str:
        return format_value(value, self.unit, self.decimal_places)

    def rating_of(self, value: Decimal | None, rule: TargetRule | None) -> RatingResult:
        """A figure's rating against a target, as the committee rates this indicator: through its
        polarity, at its decimal places, and only if it is a target measure."""
        return rating_for(
            value,
            rule,
            self.polarity_enum,
            decimal_places=self.decimal_places,
            is_target_measure=self.is_target_measure,
        )

    def direction_of(
        self, value: Decimal | None, earlier: Decimal | None, *, target: "Target | None"
    ) -> Direction:
        """The direction of travel from `earlier` to `value`: through this indicator's polarity and
        no-change band, and towards the target's range where it has one."""
        lower, upper = (target.range_lower, target.range_upper) if target else (None, None)
        return direction_of_travel(
            value, earlier, self.polarity_enum, band=self.no_change_band, range_lower=lower, range_upper=upper
        )


class ReportingPeriod(models.Model):
    kind = models.CharField(max_length=10, choices=enum_choices(PeriodKind))
    basis = models.CharField(max_length=10, choices=enum_choices(YearBasis), default=YearBasis.FINANCIAL)
    start = models.DateField()
    end = models.DateField()
    label = models.CharField(max_length=20)

    class Meta:
        ordering = ["end", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "basis", "start"], name="unique_period"),
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="period_starts_before_it_ends"),
        ]

    def __str__(self):
        return self.label

    @property
    def rule(self) -> Period:
        return Period(self.start, PeriodKind(self.kind), YearBasis(self.basis))


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(help_text="Start year of the reporting year: 2019 for 2019/20.")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    range_lower = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    range_upper = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=enum_choices(TargetKind), default=TargetKind.LOCAL)
    tolerance = models.DecimalField(
        max_digits=10,
        decimal_places=4,
        default=Decimal(0),
        help_text="Off target by less than this is Amber; by this or more is Red.",
    )
    tolerance_kind = models.CharField(
        max_length=10, choices=enum_choices(ToleranceKind), default=ToleranceKind.POINTS
    )
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_indicator_year"),
            models.CheckConstraint(
                condition=Q(range_lower__isnull=True)
                | Q(range_upper__isnull=True)
                | Q(range_lower__lte=F("range_upper")),
                name="target_range_lower_not_above_upper",
            ),
            models.CheckConstraint(
                condition=~Q(value__isnull=True, range_lower__isnull=True, range_upper__isnull=True),
                name="target_has_value_or_range",
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="target_tolerance_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.reference} target for {self.year}"

    @property
    def rule(self) -> TargetRule:
        return TargetRule.of(self)

    @property
    def is_range(self) -> bool:
        return self.rule.is_range


def fraction_constraints(prefix: str) -> list[models.CheckConstraint]:
    """A figure's numerator and denominator as the database keeps them: a numerator no larger than
    its denominator and never negative, a denominator above nought. Shared by the council's figures
    and their parts (breakdowns), each naming its constraints with its own prefix."""
    return [
        models.CheckConstraint(
            condition=Q(numerator__isnull=True)
            | Q(denominator__isnull=True)
            | Q(numerator__lte=F("denominator")),
            name=f"{prefix}_numerator_not_above_denominator",
        ),
        models.CheckConstraint(
            condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
            name=f"{prefix}_denominator_positive",
        ),
        models.CheckConstraint(
            condition=Q(numerator__isnull=True) | Q(numerator__gte=0), name=f"{prefix}_numerator_not_negative"
        ),
    ]


class HeldForReaders(models.Model):
    """What members and the public see of a figure while a change to it awaits validation.

    A figure they see (validated, or shown by a published report) and then changed stays before them
    as it was until the change is validated or a published report shows it (rules/validation.py).
    `held_since` says when the change was saved; empty, they see the figure as it stands.
    """

    held_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a change to the figure members and the public see was saved, awaiting validation.",
    )
    held_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    held_numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    held_denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    # None, not "": no figure at all is held for them. Nullable also lets SQLite add the column in
    # place rather than rebuild the table, which would drop the index's data stamp triggers.
    held_status = models.CharField(  # noqa: DJ001
        max_length=15,
        choices=enum_choices(OutturnStatus),
        null=True,
        blank=True,
        help_text="The status they see; empty while they saw no figure at all.",
    )

    HELD_FIELDS = ("held_since", "held_value", "held_numerator", "held_denominator", "held_status")
    NOTHING_HELD = {
        "held_since": None,
        "held_value": None,
        "held_numerator": None,
        "held_denominator": None,
        "held_status": None,
    }

    class Meta:
        abstract = True

    @property
    def is_held(self) -> bool:
        """Whether members and the public see this figure as it was before a change awaiting validation."""
        return self.held_since is not None

    def hold(self, *, at, value=None, numerator=None, denominator=None, status: str | None = None) -> None:
        """Keep the figure readers see while a change awaits validation; the first one held stays
        held through later changes. No status: they saw no figure."""
        if self.is_held:
            return
        self.held_since = at
        self.held_value, self.held_numerator, self.held_denominator = value, numerator, denominator
        self.held_status = status

    def hold_as(self, seen, *, at) -> None:
        """Keep before readers the figure they saw (`seen`: anything with a value, numerator,
        denominator and status) while a change awaits validation."""
        self.hold(
            at=at,
            value=seen.value,
            numerator=seen.numerator,
            denominator=seen.denominator,
            status=seen.status,
        )

    def release(self) -> None:
        """Let readers see the figure as it stands: it was validated, published or needs no validation."""
        for name, value in self.NOTHING_HELD.items():
            setattr(self, name, value)

    def as_readers_see_it(self):
        """This figure as members and the public see it: a copy holding the figure held for them."""
        if not self.is_held:
            return self
        seen = copy.copy(self)
        seen.value, seen.numerator, seen.denominator = (
            self.held_value,
            self.held_numerator,
            self.held_denominator,
        )
        seen.status = self.held_status
        return seen


class Outturn(HeldForReaders):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="outturns")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="outturns")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    status = models.CharField(
        max_length=15, choices=enum_choices(OutturnStatus), default=OutturnStatus.PROVISIONAL
    )
    source = models.CharField(max_length=200, blank=True)
    commentary = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")
    first_published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a committee report first published this figure; changes after it are corrections.",
    )
    # Protected: who validated a figure stays on record; a leaver's account is deactivated, not deleted.
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period__end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_outturn_per_indicator_period"),
            *fraction_constraints("outturn"),
        ]

    def __str__(self):
        return f"{self.indicator.reference} {self.period.label}"

    def save(self, *args, **kwargs):
        if self.numerator is not None and self.denominator:
            self.value = value_from_fraction(self.numerator, self.denominator, self.indicator.unit)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.first_published_at is not None

    @property
    def is_reportable(self) -> bool:
        return self.status in REPORTABLE_STATUSES and self.value is not None

    @property
    def reportable_value(self) -> Decimal | None:
        return self.value if self.is_reportable else None

    @property
    def is_provisional(self) -> bool:
        return self.status == OutturnStatus.PROVISIONAL


class Correction(models.Model):
    """A change to a figure already reported to committee. The published figure stays on record."""

    outturn = models.ForeignKey(Outturn, on_delete=models.PROTECT, related_name="corrections")
    previous_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    # The fraction the previous figure came from, so a small one stays withheld after a correction
    # makes it large. Empty for corrections recorded before these were kept.
    previous_numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    previous_denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    previous_status = models.CharField(max_length=15, choices=enum_choices(OutturnStatus))
    new_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_status = models.CharField(max_length=15, choices=enum_choices(OutturnStatus))
    reason = models.TextField()
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-corrected_at"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="correction_has_reason")]

    def __str__(self):
        return f"Correction to {self.outturn}"

    @property
    def previous_figure(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """The figure it replaced: value, numerator and denominator."""
        return self.previous_value, self.previous_numerator, self.previous_denominator

    @property
    def new_figure(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """The figure it recorded: its value, on the fraction its figure holds now."""
        return self.new_value, self.outturn.numerator, self.outturn.denominator

    def withheld(self, earlier, *, is_count: bool, threshold: int) -> Withheld | None:
        """Why this correction is withheld from a reader who may not see small numbers (None: it is
        not): either figure small, each judged on its own numerator and denominator, or, for a
        year-to-date figure, a small step from `earlier`, the figure before it in the year."""
        if is_small_step_corrected(
            self.previous_figure, self.new_figure, earlier, is_count=is_count, threshold=threshold
        ):
            return Withheld.SMALL_NUMBER
        return withheld_correction(
            previous=self.previous_figure, new=self.new_figure, is_count=is_count, threshold=threshold
        )


class Comparator(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="comparators")
    year = models.PositiveSmallIntegerField(help_text="Start year of the period the figure covers.")
    year_label = models.CharField(max_length=20, help_text="As the publication writes it: 2025, 2019/20.")
    kind = models.CharField(max_length=10, choices=enum_choices(ComparatorKind))
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    unavailable_reason = models.CharField(max_length=200, blank=True, help_text="Why there is no value.")
    neighbours_used = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The publication or file it came from.")
    source_file = models.CharField(max_length=300, blank=True, help_text="The file it was imported from.")
    place = models.CharField(
        max_length=100, blank=True, help_text="Where the figure is for: England, a region."
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The council's rank among itself and its neighbours; 1 is best."
    )
    ranked = models.PositiveSmallIntegerField(null=True, blank=True, help_text="How many were ranked.")
    neighbour_model = models.CharField(
        max_length=100, blank=True, help_text="The statistical neighbour model the average used."
    )
    neighbours_median = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The median of the neighbours with a value, as DfE's social care dashboard shows it.",
    )
    band = models.CharField(
        max_length=1, blank=True, help_text="The council's quartile band among every council, A best (LAIT)."
    )
    national_rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The council's rank among every council with a value; 1 is best."
    )
    national_ranked = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many councils had a value to rank."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "kind"], name="one_comparator_per_year_kind")
        ]

    def __str__(self):
        return f"{self.indicator.reference} {self.get_kind_display()} {self.year_label}"


class VariationSummary(models.Model):
    """What statistical process control makes of an indicator's series as members see it, kept so
    the index reads it with the indicator rather than analysing every figure on every view.

    Worked out again whenever its figures, targets or change points change
    (`indicators.variation_summary.refresh_variation`). It describes the series up to the period
    it names: a line for another period (an index as at an earlier date) shows none.
    """

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, primary_key=True, related_name="variation_summary"
    )
    variation = models.CharField(
        max_length=20, blank=True, help_text="The variation icon's value; empty: none."
    )
    assurance = models.CharField(
        max_length=20, blank=True, help_text="The assurance icon's value; empty: none."
    )
    is_trial = models.BooleanField(default=False, help_text="Its limits are trial limits (too few points).")
    concern = models.CharField(
        max_length=200, blank=True, help_text="Which rule found special cause concern, in words."
    )
    period_end = models.DateField(null=True, blank=True, help_text="When the series' last period ends.")
    uses_small_number = models.BooleanField(
        default=False, help_text="A figure of the series is a small number, withheld from the public."
    )
    refreshed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Variation of {self.indicator_id}"


class LineView(models.TextChoices):
    """The two views of the figures a line can be read from: readers who see provisional figures,
    and readers who see a figure changed since it was validated or published as it was."""

    PROVISIONAL = "provisional", "Every figure"
    HELD = "held", "Validated or published figures, as they were"


class KeptLine(models.Model):
    """An indicator's assessed line for one view of its figures, kept so the index reads lines
    instead of assessing every indicator on every view (`indicators.kept_lines`).

    It holds values (periods, figures, rating, direction, movement), never words, and every figure
    a reader with permission sees: a reader without it is shown the line masked. Worked out again
    whenever its figures, targets, comparators, variation or the indicator itself change, and
    forgotten, by database triggers in the same transaction, however any of those is changed
    (migration 0017). It is the line as at `as_at` worked out on `assessed_on`: an index as at
    another date, or a line kept on an earlier day, is assessed afresh.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="kept_lines")
    view = models.CharField(max_length=11, choices=LineView.choices)
    as_at = models.DateField(help_text="The date the line is assessed as at.")
    assessed_on = models.DateField(help_text="The day it was worked out.")
    drawn_with = models.CharField(
        max_length=16, help_text="The code and settings it was worked out with (`kept_lines.drawn_with`)."
    )
    line = models.JSONField(help_text="The line's values (`indicators.kept_lines.kept_values`).")
    facts = models.JSONField(
        null=True,
        blank=True,
        help_text="What pages read of the line without building it (`indicators.kept_lines.FACTS`).",
    )
    """Small and kept apart from the line, so a page reading a few facts of every line reads them
    from a column stored as it is: the line, with its drawn rows beside it, is large enough for
    PostgreSQL to compress, and each fact read out of a compressed line decompresses it again.
    Written only with the line; null until then, a column added without a default (see `drawn`)."""
    drawn = models.JSONField(
        null=True, blank=True, help_text="The line's index rows as drawn, by key (`indicators.kept_rows`)."
    )
    """Null until a view draws a row: a column added without a default, so SQLite adds it in place
    rather than rebuilding the table and the triggers that forget lines (migration 0017)."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "view"], name="one_kept_line_per_view")]

    def __str__(self):
        return f"Line of {self.indicator_id} ({self.view})"


class ChangePoint(models.Model):
    """Where an officer records that the process changed, so the SPC chart's limits start afresh.

    Limits are recalculated only where someone records a reason (a change of definition, a new
    service, a committee decision), never automatically.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="change_points")
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The first period of the new baseline.",
    )
    reason = models.TextField(help_text="Why the process changed here, in plain words.")
    # reports builds on indicators: the decision log is named lazily, never imported.
    decision = models.ForeignKey(
        "reports.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_points",
        help_text="The committee decision that caused the change, if one did.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period__end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_change_point_per_period"),
            models.CheckConstraint(condition=~Q(reason=""), name="change_point_has_reason"),
        ]

    def __str__(self):
        return f"{self.indicator.reference} changes from {self.period.label}"
