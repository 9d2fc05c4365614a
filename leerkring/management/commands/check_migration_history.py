"""Say clearly when the local database was made by migrations that no longer exist.

Before a release the migrations may be rewritten (there is no production data yet). A
developer's old ``db.sqlite3`` then holds a history Django cannot continue from, and
``migrate`` fails with a stack trace; this command, run by ``make run`` before ``migrate``,
says what to do instead.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.exceptions import InconsistentMigrationHistory
from django.db.migrations.loader import MigrationLoader

ADVICE = (
    "De lokale database is gemaakt met migraties die niet meer bestaan ({detail}). "
    "Verwijder hem en begin opnieuw: `make clean && make run` (of verwijder db.sqlite3). "
    "/ The local database was made by migrations that no longer exist: delete it and run "
    "`make run` again."
)


class Command(BaseCommand):
    help = "Fail with clear advice when the database's migration history no longer matches."

    def handle(self, *args, **options):
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        vanished = sorted(
            f"{app}.{name}"
            for app, name in loader.applied_migrations
            if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
        )
        if vanished:
            raise CommandError(ADVICE.format(detail=", ".join(vanished)))
        try:
            loader.check_consistent_history(connection)
        except InconsistentMigrationHistory as error:
            raise CommandError(ADVICE.format(detail=error)) from error
