"""Exercise pages: where they live, that the admin can add them, that they render, and that a
script the process cannot play through is refused with the engine's reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CoursePage, HomePage, LessonPage
from exercises.consent import ProcessError
from exercises.models import ElectionExercisePage, ExercisePage
from exercises.scenario import AnswerKind, ConsentContribution, ConsentRound
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise, election_exercise
from tests.exercises.scenarios import consent_scenario, election_scenario

pytestmark = pytest.mark.django_db

rules = WagtailPageTestCase()


@pytest.mark.parametrize("page_type", [ExercisePage, ElectionExercisePage])
def test_exercises_live_under_a_course_or_standalone_under_the_home_page(page_type):
    rules.assertCanCreateAt(CoursePage, page_type)
    rules.assertCanCreateAt(HomePage, page_type)
    rules.assertCanNotCreateAt(LessonPage, page_type)
    rules.assertAllowedSubpageTypes(page_type, {})


@pytest.mark.parametrize("page_type", [ExercisePage, ElectionExercisePage])
def test_the_admin_offers_the_exercise_form(client, page_type):
    admin = UserFactory(is_superuser=True, is_staff=True)
    course = make_course()
    client.force_login(admin)
    app, model = page_type._meta.app_label, page_type._meta.model_name

    response = client.get(reverse("wagtailadmin_pages:add", args=[app, model, course.pk]))

    assert response.status_code == 200
    assert 'name="personas"' in response.text or 'id="personas"' in response.text


@pytest.mark.parametrize("make", [consent_exercise, election_exercise])
def test_exercise_pages_render_for_visitors(client, make):
    page = make(parent=make_course())

    response = client.get(page.url)

    assert response.status_code == 200
    assert "exercises/exercise_page.html" in [t.name for t in response.templates]
    assert "<h1>" in response.text


def test_a_script_whose_objection_is_never_integrated_is_refused():
    scenario = consent_scenario()
    first = scenario.consent_rounds[0]
    unresolvable = ConsentRound(answers=first.answers, amendments=first.amendments[:1])

    with pytest.raises(ValidationError):
        consent_exercise(scenario=consent_scenario(consent_rounds=(unresolvable,)))

    assert not ExercisePage.objects.exists()


def test_a_scripted_objection_without_argument_is_refused():
    scenario = consent_scenario()
    answers = (
        *scenario.consent_rounds[1].answers[:2],
        ConsentContribution("Chantal", AnswerKind.OBJECTION, ""),
    )
    rounds = (scenario.consent_rounds[0], ConsentRound(answers=answers))

    with pytest.raises(ValidationError) as refused:
        consent_exercise(scenario=consent_scenario(consent_rounds=rounds))

    reason = ProcessError("objection_needs_argument").format(gettext)
    # On the answer without argument, in the second consent round.
    stream = refused.value.error_dict["consent_rounds"][0]
    answers = stream.block_errors[1].block_errors["answers"]
    assert reason in answers.block_errors[2].block_errors["text"].messages[0]
    assert not ExercisePage.objects.exists()


def test_a_persona_missing_from_a_round_is_refused():
    scenario = consent_scenario()
    with pytest.raises(ValidationError):
        consent_exercise(scenario=consent_scenario(reactions=scenario.reactions[:2]))


def test_an_election_script_with_an_objection_that_stands_does_not_play_through():
    scenario = election_scenario()
    answers = (
        *scenario.consent_answers[:2],
        ConsentContribution("Chantal", AnswerKind.OBJECTION, "Ik heb geen tijd."),
    )

    with pytest.raises(ValidationError) as refused:
        election_exercise(scenario=election_scenario(consent_answers=answers))

    assert "overwegend" in str(refused.value) or "bezwaar" in str(refused.value)


def test_an_election_script_with_a_preference_voiced_as_an_objection_plays_through():
    scenario = election_scenario()
    answers = (
        *scenario.consent_answers[:2],
        ConsentContribution("Chantal", AnswerKind.PREFERENCE, "Ik had liever Bram gehad."),
    )

    page = election_exercise(scenario=election_scenario(consent_answers=answers))

    assert page.pk
