"""An indicator's "what success looks like", for its report card.

SQLite adds a NOT NULL column by rebuilding the table, which drops the triggers that stamp the
index's data (0010_index_data_stamp): they are made again here for the indicators' table.
"""

# ruff: noqa: S608 - every name in these statements is a constant of this module

from django.db import migrations, models

TABLE = "indicators_indicator"
STAMP_TABLE = "indicators_datastamp"


def restore_sqlite_stamp_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for operation in ("INSERT", "UPDATE", "DELETE"):
        name = f"{TABLE}_{operation.lower()}_stamps_index"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER {operation} ON {TABLE} BEGIN "
            f"INSERT OR REPLACE INTO {STAMP_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))); "
            "END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0014_variation_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicator",
            name="success_looks_like",
            field=models.TextField(
                blank=True,
                help_text="Its report card's words on the outcome aimed for, beyond the target's figure.",
                verbose_name="What success looks like",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="success_looks_like",
            field=models.TextField(
                blank=True,
                help_text="Its report card's words on the outcome aimed for, beyond the target's figure.",
                verbose_name="What success looks like",
            ),
        ),
        migrations.RunPython(
            restore_sqlite_stamp_triggers, restore_sqlite_stamp_triggers, elidable=False
        ),
    ]
