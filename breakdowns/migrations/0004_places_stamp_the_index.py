# The index's filter offers the localities and teams in use (breakdowns/index.py): a change to them
# changes the index's data stamp (indicators/migrations/0010_index_data_stamp.py), as a change to a
# figure does, so the public's kept index page is drawn again with the new choices
# (indicators/index_cache.py).

from django.db import migrations

# ruff: noqa: S608 - every name in these statements is a constant of this module

STAMP_TABLE = "indicators_datastamp"
TABLES_READ = ("breakdowns_dimension", "breakdowns_member")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _postgresql() -> tuple[list[str], list[str]]:
    create, drop = [], []
    for table in TABLES_READ:
        name = f"{table}_stamps_index"
        create.append(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION indicators_bump_data_stamp()"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    return create, drop


def _sqlite() -> tuple[list[str], list[str]]:
    create, drop = [], []
    for table in TABLES_READ:
        for operation in OPERATIONS:
            name = f"{table}_{operation.lower()}_stamps_index"
            create.append(
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "
                f"INSERT OR REPLACE INTO {STAMP_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))); "
                "END"
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
        ("breakdowns", "0003_figures_held_for_readers_until_validated"),
        ("indicators", "0010_index_data_stamp"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
