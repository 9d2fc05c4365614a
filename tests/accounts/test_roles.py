import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from accounts.roles import (
    EDITOR,
    MUNICIPAL_CONTACT,
    PARTICIPANT,
    TRAINER,
    ensure_roles,
    has_role,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))

    assert {PARTICIPANT, TRAINER, MUNICIPAL_CONTACT, EDITOR} <= names


def test_editor_may_use_the_admin_and_edit_pages():
    editor = Group.objects.get(name=EDITOR)

    assert editor.permissions.filter(codename="access_admin").exists()
    assert set(
        GroupPagePermission.objects.filter(group=editor).values_list(
            "permission__codename", flat=True
        )
    ) >= {"add_page", "change_page", "publish_page"}


def test_participant_has_no_admin_permission():
    assert not Group.objects.get(name=PARTICIPANT).permissions.exists()


def test_ensure_roles_is_idempotent():
    before = Group.objects.count(), GroupPagePermission.objects.count()

    ensure_roles()
    ensure_roles()

    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before


def test_has_role():
    trainer = UserFactory(roles=[TRAINER])

    assert has_role(trainer, TRAINER)
    assert not has_role(trainer, PARTICIPANT)


def test_participant_cannot_reach_the_admin(client):
    client.force_login(UserFactory())

    response = client.get("/beheer/", follow=True)

    # Not a login form (they are logged in), and no redirect loop through allauth's login.
    assert response.status_code == 403
    assert response.redirect_chain[0][0].startswith("/beheer/login/")


def test_editor_reaches_the_admin_in_dutch(client):
    client.force_login(UserFactory(roles=[EDITOR]))

    response = client.get("/beheer/")

    assert response.status_code == 200
    assert "Dashboard" in response.text
    assert 'lang="nl"' in response.text


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get("/beheer/")

    assert response.status_code == 302


def test_my_leerkring_links_to_profile(client):
    client.force_login(UserFactory(first_name="Noor"))

    response = client.get(reverse("accounts:dashboard"))

    assert "Welkom, Noor." in response.text
    assert reverse("accounts:profile") in response.text
