"""Frozen report entries keep the report card's records: version 3 to version 4 (reports/contents.py).

The lead officer and the data owner, each a name and a job title, and what success looks like, as
they stood when the report was published. An entry frozen before they were kept has them blank: what
its report named was never recorded, and today's records are not put in its mouth.
"""

from django.db import migrations, models

CARD_RECORDS = ("lead_officer", "data_owner", "success_looks_like")


def _entry_to_version_4(entry) -> None:
    """The records blank, as the new columns are."""
    for name in CARD_RECORDS:
        if not getattr(entry, name, ""):
            setattr(entry, name, "")
    entry.version = 4


def to_version_4(apps, schema_editor):
    ReportEntry = apps.get_model("reports", "ReportEntry")
    ReportEntry.objects.filter(version=3).update(version=4)


def to_version_3(apps, schema_editor):
    ReportEntry = apps.get_model("reports", "ReportEntry")
    ReportEntry.objects.filter(version=4).update(version=3)



class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_actions_as_records"),
    ]
    operations = [
        migrations.AddField(
            model_name="reportentry",
            name="data_owner",
            field=models.CharField(blank=True, help_text="Name and job title, as published.", max_length=400),
        ),
        migrations.AddField(
            model_name="reportentry",
            name="lead_officer",
            field=models.CharField(blank=True, help_text="Name and job title, as published.", max_length=400),
        ),
        migrations.AddField(
            model_name="reportentry",
            name="success_looks_like",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(to_version_4, to_version_3, elidable=False),
    ]
