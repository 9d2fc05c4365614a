from django.core.management.base import BaseCommand

from accounts.roles import ensure_roles


class Command(BaseCommand):
    help = "Create the roles (Deelnemer, Trainer, Gemeentecontact, Redacteur) with permissions."

    def handle(self, *args, **options):
        groups = ensure_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles in place: {', '.join(groups)}"))
