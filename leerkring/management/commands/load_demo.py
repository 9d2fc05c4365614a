from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import load_accounts
from accounts.roles import ensure_roles
from bookings.demo import load_bookings
from certificates.demo import load_demo_certificates
from cohorts.demo import load_completed_cohort, load_demo_cohorts
from courses.demo import ensure_home_page, load_catalogue
from exercises.demo import load_exercises
from leerkring.notifications import notifications_off
from privacy.demo import load_privacy_page


class Command(BaseCommand):
    help = "Load the demo content and demo accounts. Safe to run again."

    def handle(self, *args, **options):
        # Demo people are not real: whatever the demo does, nobody gets an email.
        with notifications_off():
            accounts = self.load()
        self.report(accounts)

    def load(self):
        # Not one transaction: enrol() is always the outermost one (it holds a cohort's lock),
        # and every step here is safe to run again, so a failed load is finished by rerunning.
        ensure_roles()
        home = ensure_home_page()
        accounts = load_accounts()
        load_catalogue()
        load_exercises()  # after the catalogue: exercises hang under its courses
        load_demo_cohorts()
        load_completed_cohort()
        load_demo_certificates()  # after the cohorts: certificates of completed ones
        load_bookings()
        load_privacy_page(home)
        return accounts

    def report(self, accounts):
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write("")
        self.stdout.write("Demo accounts (development only):")
        for account in accounts:
            self.stdout.write(
                f"  {account.email:<28} password: {account.password:<22} {account.description}"
            )
        self.stdout.write("")
        site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")  # BASE_URL: `make run PORT=…` sets it
        self.stdout.write(f"Site: {site}/   Beheer: {site}/beheer/")
