from django.core.management.base import BaseCommand

from cohorts.services.enrolment import expire_offers


class Command(BaseCommand):
    help = "Pass expired waiting-list offers on to the next in line. Run every few minutes."

    def handle(self, *args, **options):
        expired = expire_offers()
        self.stdout.write(f"{expired} expired offer(s) passed on.")
