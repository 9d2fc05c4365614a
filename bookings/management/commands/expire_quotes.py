from django.core.management.base import BaseCommand

from bookings.services import expire_quotes


class Command(BaseCommand):
    help = "Expire sent quotes past their validity date (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        count = expire_quotes()
        self.stdout.write(f"{count} quote(s) expired.")
