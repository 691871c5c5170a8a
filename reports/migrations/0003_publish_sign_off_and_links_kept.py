"""The publish checklist's sign-off, an exception's responsible officer, and links that keep indicators.

The suite's and the decisions' links to indicators were Django's own many-to-many tables; they become
models of their own over the same tables (no data moves), so that deleting a linked indicator is
refused. A published report's frozen entries now keep their meeting in the same way.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link(name, table, owner, owner_model):
    return migrations.CreateModel(
        name=name,
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            (owner, models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=owner_model)),
            (
                "indicator",
                models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="indicators.indicator"),
            ),
        ],
        options={"db_table": table, "unique_together": {(owner, "indicator")}},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_commentary_versions_and_protection"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables, their columns and their unique pairs are already there, as Django made them.
            database_operations=[],
            state_operations=[
                link("CommitteeIndicator", "reports_committee_indicators", "committee", "reports.committee"),
                link("DecisionIndicator", "reports_decision_indicators", "decision", "reports.decision"),
                link(
                    "DecisionNewIndicator", "reports_decision_new_indicators", "decision", "reports.decision"
                ),
                migrations.AlterField(
                    model_name="committee",
                    name="indicators",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="The suite the committee has agreed.",
                        related_name="committees",
                        through="reports.CommitteeIndicator",
                        to="indicators.indicator",
                    ),
                ),
                migrations.AlterField(
                    model_name="decision",
                    name="indicators",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Indicators it takes out of the suite, or whose target it changes.",
                        related_name="decisions",
                        through="reports.DecisionIndicator",
                        to="indicators.indicator",
                    ),
                ),
                migrations.AlterField(
                    model_name="decision",
                    name="new_indicators",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Indicators it brings in.",
                        related_name="decisions_introducing",
                        through="reports.DecisionNewIndicator",
                        to="indicators.indicator",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="historicalmeetingcommentary",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Answers to the committee for the indicator and its actions.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Responsible officer",
            ),
        ),
        migrations.AddField(
            model_name="meetingcommentary",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                help_text="Answers to the committee for the indicator and its actions.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="exceptions_owned",
                to=settings.AUTH_USER_MODEL,
                verbose_name="Responsible officer",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="outstanding_at_publication",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The checklist's outstanding items when the report was signed off.",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="publish_reason",
            field=models.TextField(
                blank=True,
                help_text="Why the officer who signed it off published before the checklist was clear.",
                verbose_name="Reason to publish with items outstanding",
            ),
        ),
        migrations.AlterField(
            model_name="reportentry",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="entries", to="reports.meeting"
            ),
        ),
        migrations.AlterConstraint(
            model_name="meeting",
            name="one_meeting_per_committee_day",
            constraint=models.UniqueConstraint(
                fields=("committee", "date"),
                name="one_meeting_per_committee_day",
                violation_error_message="The committee already has a meeting on that day.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="meeting",
            name="meeting_data_before_it",
            constraint=models.CheckConstraint(
                condition=models.Q(("as_at__lte", models.F("date"))),
                name="meeting_data_before_it",
                violation_error_message="The data must be as at the meeting's date or earlier.",
            ),
        ),
    ]
