from django.core.management.base import BaseCommand

from personal_data.services import apply_retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise what has outlived its purpose: intakes, evaluation texts and "
        "cancelled enrolments of old cohorts, never-verified accounts, old access log entries, "
        "expired data exports. "
        "Run daily; safe to run again."
    )

    def handle(self, *args, **options):
        result = apply_retention()
        for name, count in vars(result).items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count}")
