"""Committees, their meetings and published reports, and the decisions that change the suite."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from indicators.models import Indicator
from indicators.rules.exceptions import ExceptionCriteria


class Committee(models.Model):
    name = models.CharField(max_length=200, unique=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")
    indicators = models.ManyToManyField(
        Indicator,
        through="CommitteeIndicator",
        related_name="committees",
        blank=True,
        help_text="The suite the committee has agreed.",
    )
    # A new committee starts from the portal's default criteria, as the live exceptions page does.
    exceptions_red = models.BooleanField("Rated Red is an exception", default=ExceptionCriteria.DEFAULT.red)
    exceptions_amber = models.BooleanField(
        "Rated Amber is an exception", default=ExceptionCriteria.DEFAULT.amber
    )
    exceptions_off_target_percent = models.DecimalField(
        "Off target by this per cent or more is an exception",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        default=ExceptionCriteria.DEFAULT.off_target_percent,
    )
    exceptions_worsening_periods = models.PositiveSmallIntegerField(
        "Worsening for this many periods running is an exception",
        null=True,
        blank=True,
        default=ExceptionCriteria.DEFAULT.deteriorating_periods,
    )
    exceptions_special_cause_concern = models.BooleanField(
        "Special cause concern is an exception",
        default=ExceptionCriteria.DEFAULT.special_cause_concern,
        help_text="The figures' variation shows a change for the worse that chance would not explain.",
    )
    exceptions_consistently_failing = models.BooleanField(
        "Consistently failing the target is an exception",
        default=ExceptionCriteria.DEFAULT.consistently_failing,
        help_text="The target lies beyond the figures' process limits: it will not be met without a change.",
    )
    # The front sheet's standing records: each report of the committee carries them, frozen at
    # publication (Meeting.front_sheet).
    lead_member = models.CharField(
        "Lead member",
        max_length=200,
        blank=True,
        help_text="The councillor who holds the portfolio, with their role: "
        '"Councillor A. Name, Cabinet Member for Children\'s Services".',
    )
    wards = models.CharField(
        "Wards affected",
        max_length=300,
        default="All wards",
        blank=True,
        help_text='"All wards", or the wards named.',
    )
    contact_name = models.CharField("Contact officer's name", max_length=200, blank=True)
    contact_role = models.CharField(
        "Contact officer's job title", max_length=200, blank=True, help_text='"Performance Manager".'
    )
    contact_email = models.EmailField("Contact officer's email address", blank=True)
    contact_phone = models.CharField("Contact officer's telephone number", max_length=40, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def exception_criteria(self) -> ExceptionCriteria:
        return ExceptionCriteria(
            red=self.exceptions_red,
            amber=self.exceptions_amber,
            off_target_percent=self.exceptions_off_target_percent,
            deteriorating_periods=self.exceptions_worsening_periods or None,
            special_cause_concern=self.exceptions_special_cause_concern,
            consistently_failing=self.exceptions_consistently_failing,
        )


class CommitteeIndicator(models.Model):
    """An indicator's place in a committee's suite. Deleting the indicator is refused while it has one."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)

    class Meta:
        db_table = "reports_committee_indicators"
        unique_together = [("committee", "indicator")]

    def __str__(self):
        return f"{self.indicator.reference} in the suite of {self.committee}"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    as_at = models.DateField("Data as at", help_text="The report covers figures up to this date.")
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publish_reason = models.TextField(
        "Reason to publish with items outstanding",
        blank=True,
        help_text="Why the officer who signed it off published before the checklist was clear.",
    )
    outstanding_at_publication = models.JSONField(
        default=list,
        blank=True,
        help_text="The checklist's outstanding items when the report was signed off.",
    )
    breakdowns = models.ManyToManyField(
        "breakdowns.Breakdown",
        related_name="meetings",
        blank=True,
        verbose_name="Breakdowns in the report",
        help_text="Indicators whose figures by locality or team the report includes, frozen with it.",
    )
    actions_at_publication = models.JSONField(
        default=list,
        blank=True,
        help_text="The actions the published report showed, as they stood when it was published.",
    )
    report_title = models.CharField(
        "Report title",
        max_length=300,
        blank=True,
        help_text='As on the agenda: "Children\'s services performance report, quarter 2".',
    )
    lead_officer_name = models.CharField("Lead officer's name", max_length=200, blank=True)
    lead_officer_role = models.CharField(
        "Lead officer's job title",
        max_length=200,
        blank=True,
        help_text='"Director of Children\'s Services": who presents the report and answers for it.',
    )
    recommendations = models.TextField(
        "Recommendations",
        blank=True,
        help_text="What the committee is asked to do, one recommendation a line.",
    )
    front_sheet = models.JSONField(
        default=dict,
        blank=True,
        help_text="The committee's records and the previous meeting's counts, as the report was published.",
    )

    class Meta:
        ordering = ["-date"]
        permissions = [
            ("prepare_meeting", "Can prepare a committee report: see drafts, write commentary and caveats"),
            ("publish_meeting", "Can publish a committee report"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date"],
                name="one_meeting_per_committee_day",
                violation_error_message="The committee already has a meeting on that day.",
            ),
            models.CheckConstraint(
                condition=Q(as_at__lte=models.F("date")),
                name="meeting_data_before_it",
                violation_error_message="The data must be as at the meeting's date or earlier.",
            ),
        ]

    def __str__(self):
        return f"{self.committee.name}, {date_format(self.date, 'j F Y')}"

    def get_absolute_url(self):
        return reverse("reports:meeting", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def status_words(self) -> str:
        """What the appendix and the pack say of the report: when it was published, or that it is a draft."""
        if self.is_published:
            return f"Published {date_format(timezone.localtime(self.published_at), 'j F Y')}"
        return "Draft: figures may still change; not yet a record of the meeting"

    @property
    def sign_off_words(self) -> str:
        """Who signed the published report off and when, and what of its checklist was outstanding."""
        if not self.is_published:
            return ""
        at = timezone.localtime(self.published_at)
        who = self.published_by
        name = (who.get_full_name() or who.get_username()) if who else "an officer no longer named"
        words = f"Signed off by {name} on {date_format(at, 'j F Y')} at {date_format(at, 'H:i')}."
        count = len(self.outstanding_at_publication)
        if not count:
            return words
        reason = (
            f"The reason given: {self.publish_reason}" if self.publish_reason else "No reason was recorded."
        )
        return f"{words} {count} checklist item{'s' if count != 1 else ''} outstanding. {reason}"


class ReportEntry(models.Model):
    """One indicator as a published report showed it, frozen: later corrections never change it.

    `figures` holds every figure shown (the recent periods and the previous year end), each with
    its period, value, text, status and whether it is a small number; `comparators` the comparator
    figures shown; `corrections` the corrections to this indicator reported at this meeting;
    `breakdowns` its parts by each dimension the meeting chose (reports/parts.py), for the period
    the report shows. It keeps values, not the words an output prints for them; `version` is the
    shape it is kept in (reports/contents.py: SNAPSHOT_VERSION).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="entries")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="report_entries")
    position = models.PositiveIntegerField()
    reference = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    service_area = models.CharField(max_length=100)
    is_restricted = models.BooleanField()
    is_target_measure = models.BooleanField()
    unit = models.CharField(max_length=10)
    decimal_places = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveSmallIntegerField(help_text="The shape it is kept in (SNAPSHOT_VERSION).")
    polarity = models.CharField(max_length=40)
    rating = models.CharField(max_length=10)
    previous_rating = models.CharField(
        max_length=10, blank=True, help_text="At the previous published meeting; blank when not in it."
    )
    direction = models.CharField(max_length=20)
    target = models.CharField(max_length=100, blank=True)
    figures = models.JSONField()
    comparators = models.JSONField(default=dict)
    commentary = models.TextField(blank=True)
    exception_reasons = models.JSONField(default=list)
    caveat = models.TextField(blank=True)
    management_commentary = models.TextField(blank=True)
    corrective_actions = models.TextField(blank=True)
    corrections = models.JSONField(default=list)
    breakdowns = models.JSONField(default=list, blank=True)
    lead_officer = models.CharField(max_length=400, blank=True, help_text="Name and job title, as published.")
    data_owner = models.CharField(max_length=400, blank=True, help_text="Name and job title, as published.")
    success_looks_like = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name_plural = "report entries"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "indicator"], name="one_entry_per_meeting_indicator")
        ]

    def __str__(self):
        return f"{self.reference} at {self.meeting}"


class ReportFileKind(models.TextChoices):
    PACK = "pack", "Committee pack (PDF)"
    APPENDIX = "appendix", "Appendix workbook"
    REPORT_CSV = "report_csv", "Open data (CSV)"
    REPORT_JSON = "report_json", "Open data (JSON)"
    PARTS_CSV = "parts_csv", "Open data by locality or team (CSV)"
    PARTS_JSON = "parts_json", "Open data by locality or team (JSON)"


class Audience(models.TextChoices):
    RESTRICTED = "restricted", "Readers who may see restricted indicators and small numbers"
    PUBLIC = "public", "Everyone else"


class ReportFile(models.Model):
    """A published report's download, made once and kept as it was made: later corrections, and
    anything else that changes, never change it. One per kind and audience: a reader is only ever
    sent the file made for their permission (reports/files.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(max_length=12, choices=ReportFileKind.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    name = models.CharField(max_length=200, help_text="The file name the download is saved under.")
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "kind", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "audience"], name="one_file_per_kind_and_audience"
            )
        ]

    def __str__(self):
        return f"{self.name} of {self.meeting}"


class MeetingCommentary(models.Model):
    """What lead officers write about one indicator for one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="commentaries")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="meeting_commentaries")
    commentary = models.TextField("Management commentary", blank=True)
    actions = models.TextField("Corrective actions", blank=True)
    caveat = models.TextField(
        "Data caveat", blank=True, help_text="Why the figure cannot be reported, or must be read with care."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exceptions_owned",
        verbose_name="Responsible officer",
        help_text="Answers to the committee for the indicator and its actions.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "indicator"]
        verbose_name_plural = "meeting commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "indicator"], name="one_commentary_per_meeting_indicator"
            )
        ]

    def __str__(self):
        return f"Commentary on {self.indicator.reference} for {self.meeting}"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IMPLEMENTED = "implemented", "Implemented"


class DecisionEffect(models.TextChoices):
    ADD = "add", "Add indicators"
    RETIRE = "retire", "Retire indicators"
    REPLACE = "replace", "Replace indicators"
    SPLIT = "split", "Split an indicator"
    CHANGE_TARGET = "change_target", "Change a target"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(help_text="The decision as minuted.")
    status = models.CharField(max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED)
    effect = models.CharField(max_length=15, choices=DecisionEffect.choices)
    indicators = models.ManyToManyField(
        Indicator,
        through="DecisionIndicator",
        related_name="decisions",
        blank=True,
        help_text="Indicators it takes out of the suite, or whose target it changes.",
    )
    new_indicators = models.ManyToManyField(
        Indicator,
        through="DecisionNewIndicator",
        related_name="decisions_introducing",
        blank=True,
        help_text="Indicators it brings in.",
    )
    target_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="2020 for 2020/21.")
    target_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    implemented_at = models.DateTimeField(null=True, blank=True)
    implemented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-meeting__date", "pk"]
        permissions = [("apply_decision", "Can apply an agreed decision to the committee's suite")]

    def __str__(self):
        return f"{self.get_effect_display()} at {self.meeting}"


class DecisionIndicator(models.Model):
    """An indicator a decision takes out of the suite, or whose target it changes: the decision log's
    link, kept for good. Deleting the indicator is refused while a decision names it."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)

    class Meta:
        db_table = "reports_decision_indicators"
        unique_together = [("decision", "indicator")]

    def __str__(self):
        return f"{self.indicator.reference} in {self.decision}"


class DecisionNewIndicator(models.Model):
    """An indicator a decision brings into the suite; as DecisionIndicator, it keeps the indicator."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)

    class Meta:
        db_table = "reports_decision_new_indicators"
        unique_together = [("decision", "indicator")]

    def __str__(self):
        return f"{self.indicator.reference} brought in by {self.decision}"


class ActionStatus(models.TextChoices):
    """What is stored of an action's progress. Late is not stored: it is an open action past its
    due date on the day it is read, or on the day a report is published (`reports.actions.state_of`)."""

    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Action(models.Model):
    """Something the committee agreed should be done about an indicator, with its owner and due date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="actions")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="actions_agreed",
        help_text="The meeting at which the committee agreed it.",
    )
    text = models.TextField("What will be done")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="actions_owned",
        help_text="The person who answers for it.",
    )
    due = models.DateField("Due by")
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField("Done on", null=True, blank=True)
    dropped_reason = models.TextField("Why it was dropped", blank=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was recorded done or dropped: which report tells of it."
    )
    update = models.TextField("Owner's update", blank=True, help_text="The owner's latest word on progress.")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save, to spot a stale form.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="action_done_has_date",
                violation_error_message="Give the date the action was done.",
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
                name="action_dropped_has_reason",
                violation_error_message="Say why the action was dropped.",
            ),
        ]

    def __str__(self):
        return f"Action on {self.indicator.reference} agreed at {self.meeting}"
