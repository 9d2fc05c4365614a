from django.core.management.base import BaseCommand

from cohorts.services.group import send_go_no_go_emails


class Command(BaseCommand):
    help = (
        "On a cohort's go/no-go date, email its trainers (and an in-company contact) the numbers "
        "and a link to decide. Run daily; a cohort is mailed once."
    )

    def handle(self, *args, **options):
        sent = send_go_no_go_emails()
        self.stdout.write(f"{sent} cohort(s) emailed.")
