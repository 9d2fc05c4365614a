from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import load_accounts
from accounts.roles import ensure_roles
from courses.demo import ensure_home_page


class Command(BaseCommand):
    help = "Load the demo content and demo accounts. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        ensure_roles()
        ensure_home_page()
        accounts = load_accounts()

        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write("")
        self.stdout.write("Demo accounts (development only):")
        for account in accounts:
            self.stdout.write(
                f"  {account.email:<28} password: {account.password:<22} {account.description}"
            )
        self.stdout.write("")
        self.stdout.write("Site: http://127.0.0.1:8000/   Beheer: http://127.0.0.1:8000/beheer/")
