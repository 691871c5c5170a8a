"""A one-row stamp that changes, in the same transaction, whenever anything the index reads changes.

The index caches its drawn table under this stamp (indicators/index_cache.py). Database triggers
bump it, so a figure changed by `.update()`, `bulk_create`, a raw delete or plain SQL moves it as
surely as one saved through a form. The stamp is a random token, not a counter, so a transaction
that is rolled back and redone (as every test is) never meets a body cached under its old value.
"""

# ruff: noqa: S608 - every name in these statements is a constant of this module

from django.db import migrations

STAMP_TABLE = "indicators_datastamp"
TABLES_READ = (
    "indicators_servicearea",
    "indicators_indicator",
    "indicators_reportingperiod",
    "indicators_target",
    "indicators_outturn",
    "indicators_comparator",
)
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_triggers() -> tuple[list[str], list[str]]:
    create = [
        f"CREATE TABLE {STAMP_TABLE} (id integer NOT NULL PRIMARY KEY, token varchar(32) NOT NULL)",
        f"INSERT INTO {STAMP_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16))))",
    ]
    drop = []
    for table in TABLES_READ:
        for operation in OPERATIONS:
            name = f"{table}_{operation.lower()}_stamps_index"
            create.append(
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "
                f"INSERT OR REPLACE INTO {STAMP_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))); "
                "END"
            )
            drop.append(f"DROP TRIGGER IF EXISTS {name}")
    drop.append(f"DROP TABLE IF EXISTS {STAMP_TABLE}")
    return create, drop


def _postgresql_triggers() -> tuple[list[str], list[str]]:
    create = [
        f"CREATE TABLE {STAMP_TABLE} (id integer NOT NULL PRIMARY KEY, token varchar(32) NOT NULL)",
        f"INSERT INTO {STAMP_TABLE} (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))",
        # Once per statement, not per row: a bulk import of thousands of figures bumps it once.
        f"""CREATE FUNCTION indicators_bump_data_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {STAMP_TABLE} (id, token)
                VALUES (1, md5(random()::text || clock_timestamp()::text))
                ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
                RETURN NULL;
            END $$""",
    ]
    drop = []
    for table in TABLES_READ:
        name = f"{table}_stamps_index"
        create.append(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION indicators_bump_data_stamp()"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    drop += ["DROP FUNCTION IF EXISTS indicators_bump_data_stamp()", f"DROP TABLE IF EXISTS {STAMP_TABLE}"]
    return create, drop


def create_stamp(apps, schema_editor):
    _run(schema_editor, 0)


def drop_stamp(apps, schema_editor):
    _run(schema_editor, 1)


def _run(schema_editor, which: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = _sqlite_triggers()[which]
    elif vendor == "postgresql":
        statements = _postgresql_triggers()[which]
    else:
        raise NotImplementedError(f"The index's data stamp has no triggers for {vendor}.")
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0009_figures_validated_by_their_officers"),
    ]

    operations = [
        migrations.RunPython(create_stamp, drop_stamp),
    ]
