import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.roles import PARTICIPANT, assign_role

PASSWORD = "een-Lang-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A participant whose email address is verified, so they can log in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"deelnemer{n}@example.nl")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"de Jong {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        for role in extracted or [PARTICIPANT]:
            assign_role(self, role)
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
