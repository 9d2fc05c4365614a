import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from accounts.roles import EDITOR, PARTICIPANT, TRAINER, has_role

pytestmark = pytest.mark.django_db


def test_load_demo_creates_verified_accounts_with_roles_and_prints_them(capsys):
    call_command("load_demo")

    out = capsys.readouterr().out
    assert "trainer@leerkring.test" in out
    assert "leerkring-trainer" in out
    trainer = User.objects.get(email="trainer@leerkring.test")
    assert has_role(trainer, TRAINER)
    assert trainer.check_password("leerkring-trainer")
    assert has_role(User.objects.get(email="deelnemer@leerkring.test"), PARTICIPANT)
    admin = User.objects.get(email="beheer@leerkring.test")
    assert admin.is_superuser and has_role(admin, EDITOR)
    assert EmailAddress.objects.filter(verified=True).count() == User.objects.count()


def test_load_demo_twice_gives_the_same_result():
    call_command("load_demo")
    first = sorted(User.objects.values_list("email", "first_name", "organisation"))

    call_command("load_demo")

    assert sorted(User.objects.values_list("email", "first_name", "organisation")) == first
    assert EmailAddress.objects.count() == len(first)


def test_demo_participant_can_log_in(client):
    call_command("load_demo")

    response = client.post(
        "/account/login/", {"login": "deelnemer@leerkring.test", "password": "leerkring-deelnemer"}
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
