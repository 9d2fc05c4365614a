"""Demo accounts for `manage.py load_demo`. Development only: the passwords are public."""

from dataclasses import dataclass

from accounts.models import JobTitle, User
from accounts.roles import EDITOR, MUNICIPAL_CONTACT, PARTICIPANT, TRAINER, assign_role


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    organisation: str = ""
    job_title: str = ""
    is_superuser: bool = False

    @property
    def description(self) -> str:
        if self.is_superuser:
            return "administrator (everything, including /beheer/)"
        return ", ".join(role.lower() for role in self.roles)


DEMO_ACCOUNTS = [
    DemoAccount(
        "beheer@leerkring.test", "leerkring-beheer", "Bea", "Beheer", (EDITOR,), is_superuser=True
    ),
    DemoAccount("trainer@leerkring.test", "leerkring-trainer", "Tineke", "van Dijk", (TRAINER,)),
    DemoAccount(
        "deelnemer@leerkring.test",
        "leerkring-deelnemer",
        "Daan",
        "de Boer",
        (PARTICIPANT,),
        organisation="Gemeente Utrecht",
        job_title=JobTitle.PROJECT_LEADER,
    ),
    DemoAccount(
        "gemeente@leerkring.test",
        "leerkring-gemeente",
        "Gerda",
        "Jansen",
        (MUNICIPAL_CONTACT,),
        organisation="Gemeente Zwolle",
        job_title=JobTitle.CIVIL_SERVANT,
    ),
]


def load_accounts() -> list[DemoAccount]:
    """Create (or reset) the demo accounts, verified so they can log in at once."""
    from allauth.account.models import EmailAddress

    for account in DEMO_ACCOUNTS:
        user, _created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "organisation": account.organisation,
                "job_title": account.job_title,
                "is_superuser": account.is_superuser,
                "is_staff": account.is_superuser,
            },
        )
        user.set_password(account.password)
        user.save()
        for role in account.roles:
            assign_role(user, role)
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
    return DEMO_ACCOUNTS
