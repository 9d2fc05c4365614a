"""Authors write and test scenarios in /beheer/: errors in Dutch on the block that is wrong,
a "Play this scenario" preview before publishing, duplicating, and a trainers' section."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.blocks import StreamBlockValidationError

from exercises import demo
from exercises.models import ExerciseIndexPage, ExercisePage, ensure_trainer_section
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import make_trainer
from tests.exercises.factories import consent_exercise
from tests.exercises.scenarios import consent_scenario

pytestmark = pytest.mark.django_db


def test_a_persona_outside_the_cast_is_reported_in_dutch_on_its_block():
    scenario = consent_scenario()
    questions = list(scenario.questions)
    questions[1] = dataclasses.replace(questions[1], persona="Bran")  # a typo
    scenario = dataclasses.replace(scenario, questions=tuple(questions))

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        consent_exercise(scenario=scenario)

    error = refused.value.error_dict["question_round"][0]
    assert isinstance(error, StreamBlockValidationError)
    assert list(error.block_errors) == [1]  # the second block, and only that one
    message = error.block_errors[1].block_errors["persona"].messages[0]
    assert message.startswith("“Bran” staat niet in de cast")


def test_a_proposer_outside_the_cast_is_reported_on_the_field():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        consent_exercise(scenario=consent_scenario(proposer="Iemand"))

    assert "proposer" in refused.value.error_dict


def test_a_new_consent_round_adds_no_required_empty_blocks():
    block = ExercisePage._meta.get_field("consent_rounds").stream_block.child_blocks["round"]

    assert list(block.get_default()["answers"]) == []
    assert list(block.get_default()["amendments"]) == []


def test_play_this_scenario_previews_both_facilitators_before_publishing():
    admin = UserFactory(is_superuser=True, is_staff=True)
    page = consent_exercise(scenario=demo.MARKTPLEIN)

    assert "play" in dict(page.preview_modes)
    html = page.serve_preview(_request(admin), "play").render().content.decode()

    assert 'data-ending="agreed"' in html
    assert 'data-ending="agreed_objection_dismissed"' in html
    assert "Joyce komt niet meer naar de wijkkring" in html


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_preview_shows_where_a_broken_script_stops():
    scenario = consent_scenario()
    page = consent_exercise(scenario=scenario)
    page.question_round[1].value["persona"] = "Niemand"

    html = page.serve_preview(_request(UserFactory()), "play").render().content.decode()

    assert "message--error" in html


def test_a_scenario_is_duplicated_with_its_script():
    page = consent_exercise(scenario=demo.MARKTPLEIN)

    copy = page.copy(update_attrs={"slug": "kopie-marktplein", "title": "Kopie"})

    copy = ExercisePage.objects.get(pk=copy.pk)
    assert copy.scenario().consent_rounds == page.scenario().consent_rounds
    assert copy.scenario().personas == page.scenario().personas


def test_trainers_may_author_exercises_in_their_section_only(client):
    from tests.exercises.factories import home_page

    home_page()
    section = ensure_trainer_section()
    assert ensure_trainer_section() == section  # safe to run again
    trainer = make_trainer()
    client.force_login(trainer)
    app, model = "exercises", "exercisepage"

    inside = client.get(reverse("wagtailadmin_pages:add", args=[app, model, section.pk]))
    outside = client.get(reverse("wagtailadmin_pages:add", args=[app, model, home_page().pk]))

    assert inside.status_code == 200
    assert outside.status_code in (302, 403)
    assert ExerciseIndexPage.objects.count() == 1
