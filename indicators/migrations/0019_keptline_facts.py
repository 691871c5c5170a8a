# The facts pages read of every kept line without building it, in a small column of their own
# (`KeptLine.facts`, indicators/kept_lines.py). A change to them, as to the line, changes the
# index's data stamp (0017_kept_lines, 0018_kept_rows); keeping drawn rows still does not.
# ruff: noqa: S608 - every name in these statements is a constant of this module

from django.db import migrations, models

TABLE = "indicators_keptline"
BEFORE = "indicator_id, view, as_at, assessed_on, drawn_with, line"
AFTER = f"{BEFORE}, facts"


def _postgresql(columns: str) -> list[str]:
    name = f"{TABLE}_stamps_index"
    stamp = f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION indicators_bump_data_stamp()"
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {TABLE}",
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OF {columns} OR DELETE OR TRUNCATE {stamp}",
    ]


def _sqlite(columns: str) -> list[str]:
    name = f"{TABLE}_update_stamps_index"
    bump = "UPDATE indicators_datastamp SET token = lower(hex(randomblob(16))) WHERE id = 1"
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER UPDATE OF {columns} ON {TABLE} BEGIN {bump}; END",
    ]


def _run(schema_editor, columns: str) -> None:
    statements = (_postgresql if schema_editor.connection.vendor == "postgresql" else _sqlite)(columns)
    for statement in statements:
        schema_editor.execute(statement)


def facts_stamp(apps, schema_editor):
    _run(schema_editor, AFTER)


def only_lines_stamp(apps, schema_editor):
    _run(schema_editor, BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0018_kept_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="keptline",
            name="facts",
            field=models.JSONField(
                blank=True,
                help_text="What pages read of the line without building it (`indicators.kept_lines.FACTS`).",
                null=True,
            ),
        ),
        migrations.RunPython(facts_stamp, only_lines_stamp),
    ]
