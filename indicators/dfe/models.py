"""The DfE benchmarking models: where an indicator's comparators are in DfE's files, the statistical
neighbours in force each year, and every area's published figure.

They belong to the `indicators` app (indicators/models.py imports them, so Django finds them) and
name the indicator lazily, so this module needs nothing from indicators/models.py.
"""

from django.db import models

from indicators.dfe.comparison import Selection
from indicators.dfe.neighbours import Grouping, Neighbour
from indicators.rules.terms import Polarity, Unit


class DfeMapping(models.Model):
    """Where an indicator's comparators are in DfE's files: which rows, and which column holds the value."""

    indicator = models.OneToOneField(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="dfe_mapping"
    )
    publication = models.CharField(
        max_length=200, help_text="The DfE publication, named as members will see it as the source."
    )
    filters = models.JSONField(
        default=dict, blank=True, help_text="Filter columns and the values that select the measure's rows."
    )
    value_column = models.CharField(max_length=100, help_text="The column that holds the value.")
    last_file = models.CharField(max_length=300, blank=True, help_text="The last file imported.")
    banding_polarity = models.CharField(
        max_length=10,
        blank=True,
        choices=[
            (Polarity.HIGHER_IS_BETTER.value, "Higher is better"),
            (Polarity.LOWER_IS_BETTER.value, "Lower is better"),
        ],
        help_text="The polarity DfE's catalogue gives the measure (LAIT's), to band and rank councils by "
        "when the indicator's own polarity is a range or none.",
    )
    time_identifier = models.CharField(
        max_length=40,
        blank=True,
        help_text="The kind of year DfE's figures are for, as its last file names it: Calendar year, "
        "Academic year, Financial year, Reporting year (as at 31 March).",
    )

    class Meta:
        app_label = "indicators"
        ordering = ["indicator"]
        verbose_name = "DfE comparator mapping"

    def __str__(self):
        return f"{self.indicator.reference} from {self.publication}"

    @property
    def ranking_polarity(self) -> Polarity:
        """The way councils are banded and ranked: the indicator's own polarity when higher or lower
        is better, else DfE's catalogue polarity where one is given, as LAIT bands the measure."""
        own = Polarity(self.indicator.polarity)
        if own in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER) or not self.banding_polarity:
            return own
        return Polarity(self.banding_polarity)

    @property
    def is_banded_by_catalogue(self) -> bool:
        return self.ranking_polarity.value != self.indicator.polarity

    @property
    def selection(self) -> Selection:
        return Selection(
            filters=dict(self.filters),
            value_column=self.value_column,
            is_never_negative=self.indicator.unit != Unit.NUMBER,
        )


class NeighbourGroup(models.Model):
    """A council's region and ten statistical neighbours in the model in force for one year.

    Kept once recorded, so a year's comparators stay as they were when a newer model comes out.
    """

    la_code = models.CharField(max_length=10, help_text="DfE's old LA code, such as 315.")
    year = models.PositiveSmallIntegerField()
    model_name = models.CharField(max_length=100)
    source_file = models.CharField(max_length=300)
    la_name = models.CharField(max_length=100)
    region_name = models.CharField(max_length=100)
    neighbours = models.JSONField(help_text="Closest first: each neighbour's code, name and closeness.")

    class Meta:
        app_label = "indicators"
        ordering = ["la_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["la_code", "year"], name="one_neighbour_group_per_year")
        ]

    def __str__(self):
        return f"{self.la_name} ({self.la_code}) in {self.year}: {self.model_name}"

    @property
    def grouping(self) -> Grouping:
        return Grouping(
            la_code=self.la_code,
            la_name=self.la_name,
            region_name=self.region_name,
            neighbours=tuple(Neighbour(**neighbour) for neighbour in self.neighbours),
        )


class AreaLevel(models.TextChoices):
    NATIONAL = "National", "England"
    REGIONAL = "Regional", "Region"
    LOCAL_AUTHORITY = "Local authority", "Local authority"


class DfeValue(models.Model):
    """One area's published figure for a mapped measure and year: every council, region and England."""

    mapping = models.ForeignKey(DfeMapping, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(help_text="Start year of the period the figure covers.")
    year_label = models.CharField(max_length=20)
    level = models.CharField(max_length=20, choices=AreaLevel.choices)
    area_code = models.CharField(max_length=10, help_text="DfE's old LA code, a region code or England's.")
    area_name = models.CharField(max_length=100)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    unavailable_reason = models.CharField(max_length=200, blank=True, help_text="Why there is no value.")
    source_file = models.CharField(max_length=300, blank=True)

    class Meta:
        app_label = "indicators"
        ordering = ["mapping", "year", "level", "area_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mapping", "year", "level", "area_code"], name="one_dfe_value_per_area_year"
            )
        ]

    def __str__(self):
        figure = self.unavailable_reason if self.value is None else self.value
        return f"{self.area_name} {self.year_label}: {figure}"
