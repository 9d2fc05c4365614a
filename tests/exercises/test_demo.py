import pytest
from django.core.management import call_command

from courses.models import CoursePage
from exercises.consent import replay
from exercises.demo import (
    CONSENT_SCENARIOS,
    ELECTION_SCENARIOS,
    REVIEW_SCENARIOS,
    ROLE_SCENARIOS,
)
from exercises.models import ElectionExercisePage, ExercisePage
from tests.exercises.walk import TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "scenario",
    [*CONSENT_SCENARIOS, *ELECTION_SCENARIOS, *REVIEW_SCENARIOS, *ROLE_SCENARIOS],
    ids=lambda s: s.title,
)
def test_each_demo_scenario_plays_through_the_engine(scenario):
    state = replay(scenario.correct_path(today=TODAY))

    assert state.phase in ("agreed", "elected", "referred")


def test_load_demo_attaches_the_exercises_to_the_courses_once():
    call_command("load_demo")
    call_command("load_demo")

    # Five decisions, one review, and two in which the participant plays a member or proposer.
    assert ExercisePage.objects.count() == 8
    assert ElectionExercisePage.objects.count() == 2
    study_day = CoursePage.objects.get(slug="studiedag-sociocratie-voor-gemeenten")
    s3 = CoursePage.objects.get(slug="sociocratie-3-0-introductie")
    assert ExercisePage.objects.child_of(study_day).count() == 7
    roles = ExercisePage.objects.exclude(learner_role="facilitator")
    assert sorted(p.learner_role for p in roles) == ["member", "proposer"]
    assert {p.scenario().learner for p in roles} == {s.learner for s in ROLE_SCENARIOS}
    review = ExercisePage.objects.get(slug="oefening-evaluatie-loket-burgerzaken")
    assert review.scenario().review is not None
    assert ElectionExercisePage.objects.child_of(study_day).count() == 2
    assert ExercisePage.objects.child_of(s3).get().method == "s3"
    assert all(page.live for page in ExercisePage.objects.all())
