"""Frozen report entries, version 2 to 3: each keeps the variation and assurance of statistical
process control (`figures["variation"]`). An entry frozen before they were worked out has them empty,
which every output shows as "Not available"."""

from django.db import migrations

NOT_KEPT = {"variation": "", "assurance": "", "is_trial": False, "concern": "", "uses_small_number": False}


def to_version_3(apps, schema_editor):
    ReportEntry = apps.get_model("reports", "ReportEntry")
    entries = ReportEntry.objects.filter(version=2)
    for entry in entries.iterator(chunk_size=500):
        entry.figures = {**entry.figures, "variation": {**NOT_KEPT, **entry.figures.get("variation", {})}}
        entry.version = 3
        entry.save(update_fields=["figures", "version"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_exceptions_by_variation_and_assurance")]

    operations = [migrations.RunPython(to_version_3, migrations.RunPython.noop)]
