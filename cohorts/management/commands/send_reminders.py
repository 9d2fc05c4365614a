from django.core.management.base import BaseCommand

from cohorts.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Email a reminder to participants whose cohort starts within 3 days. Run daily."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
