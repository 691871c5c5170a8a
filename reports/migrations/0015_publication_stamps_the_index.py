# The index shows each indicator's latest published commentary and open actions (reports/index_notes.py):
# publishing a report, or taking a publication back, changes the index's data stamp
# (indicators/migrations/0010_index_data_stamp.py), as a change to a figure does, so the index's kept
# bodies, rows and page are drawn again with what was published. Only a change of `published_at`
# stamps: saving a meeting's other details leaves the index as it is.

from django.db import migrations

# ruff: noqa: S608 - every name in these statements is a constant of this module

STAMP_TABLE = "indicators_datastamp"
TABLE = "reports_meeting"
WHEN = {
    "INSERT": "NEW.published_at IS NOT NULL",
    "UPDATE OF published_at": "OLD.published_at IS DISTINCT FROM NEW.published_at",
    "DELETE": "OLD.published_at IS NOT NULL",
}


def _postgresql() -> tuple[list[str], list[str]]:
    create, drop = [], []
    for operation, when in WHEN.items():
        name = f"{TABLE}_{operation.split()[0].lower()}_stamps_index"
        create.append(
            f"CREATE TRIGGER {name} AFTER {operation} ON {TABLE} FOR EACH ROW WHEN ({when}) "
            "EXECUTE FUNCTION indicators_bump_data_stamp()"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
    name = f"{TABLE}_truncate_stamps_index"
    create.append(
        f"CREATE TRIGGER {name} AFTER TRUNCATE ON {TABLE} FOR EACH STATEMENT "
        "EXECUTE FUNCTION indicators_bump_data_stamp()"
    )
    drop.append(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
    return create, drop


def _sqlite() -> tuple[list[str], list[str]]:
    create, drop = [], []
    for operation, when in WHEN.items():
        name = f"{TABLE}_{operation.split()[0].lower()}_stamps_index"
        create.append(
            f"CREATE TRIGGER {name} AFTER {operation} ON {TABLE} WHEN {when.replace('IS DISTINCT FROM', 'IS NOT')} "
            f"BEGIN INSERT OR REPLACE INTO {STAMP_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))); END"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name}")
    return create, drop


def create_triggers(apps, schema_editor):
    _run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, 1)


def _run(schema_editor, which: int) -> None:
    statements = (_postgresql if schema_editor.connection.vendor == "postgresql" else _sqlite)()[which]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0014_report_entries_keep_comparator_values"),
        ("indicators", "0018_kept_rows"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
