"""The review of an agreement (DOMAIN.md "review due"): the circle keeps, amends or drops it
by consent; the facilitator alone decides none of them."""

import pytest

from exercises import demo
from exercises.consent import Phase, ReviewOutcome, replay
from exercises.practice import (
    ALONE,
    Answer,
    EndingKind,
    Skill,
    StepKind,
    decide,
    ending,
    next_step,
)
from tests.exercises.walk import TODAY, play, play_naively

SCENARIO = demo.LOKET


def opened():
    return replay(SCENARIO.opening_events(today=TODAY))


def option_of(outcome):
    return str(next(i for i, o in enumerate(SCENARIO.review.options) if o.outcome is outcome))


def test_the_exercise_starts_with_the_earlier_agreement_due_for_review():
    state = opened()

    assert state.phase is Phase.REVIEW_DUE
    assert state.agreements[-1].version == 1
    assert state.agreements[-1].decided_on < TODAY
    step = next_step(SCENARIO, state, None)
    assert step.kind is StepKind.REVIEW
    assert [value for value, _label in step.options][0] == ALONE


def test_concluding_the_review_alone_is_refused_with_the_rule_and_its_source():
    state = opened()
    step = next_step(SCENARIO, state, None)

    outcome = decide(SCENARIO, state, step, Answer(choice=ALONE), today=TODAY)

    assert outcome.correct is False and outcome.events == ()
    assert outcome.error is not None and outcome.error.code == "review_proposal_missing"
    assert outcome.skill is Skill.REVIEW
    assert outcome.feedback == Skill.REVIEW.rule
    assert "consent" in Skill.REVIEW.rule and "gespreksleider alleen" in Skill.REVIEW.rule
    assert Skill.REVIEW.source.startswith("SKM")
    assert outcome.points == 0


def test_keeping_goes_through_a_review_round_and_is_concluded_by_consent():
    state = opened()
    step = next_step(SCENARIO, state, None)

    outcome = decide(
        SCENARIO, state, step, Answer(choice=option_of(ReviewOutcome.KEEP)), today=TODAY
    )
    after = replay([*SCENARIO.opening_events(today=TODAY), *outcome.events])

    assert after.phase is Phase.AGREED
    assert after.agreements[-1].version == 1
    assert after.agreements[-1].review_date > after.agreements[-2].review_date
    kinds = [e.kind for e in outcome.events]
    assert kinds[:2] == ["review_proposed", "round_started"]
    assert kinds[-1] == "review_concluded"
    assert outcome.correct is False  # the problem the review showed stays


def test_dropping_against_an_objection_does_not_conclude():
    state = opened()
    step = next_step(SCENARIO, state, None)

    outcome = decide(
        SCENARIO, state, step, Answer(choice=option_of(ReviewOutcome.DROP)), today=TODAY
    )

    assert "review_concluded" not in [e.kind for e in outcome.events]
    after = replay([*SCENARIO.opening_events(today=TODAY), *outcome.events])
    assert after.phase is Phase.REVIEW_DUE  # the circle looks for another outcome
    assert next_step(SCENARIO, after, None).kind is StepKind.REVIEW


def test_the_right_play_amends_the_agreement_and_the_naive_one_keeps_it():
    right = [after for _step, _outcome, after in play(SCENARIO, opened(), next_step)][-1]
    naive = [after for _step, _outcome, after in play_naively(SCENARIO, opened(), next_step)][-1]

    assert ending(SCENARIO, right).kind is EndingKind.REVIEW_AMENDED
    assert right.agreements[-1].version == 2 and right.agreements[-1].review_date > TODAY
    kept = ending(SCENARIO, naive)
    assert kept.kind is EndingKind.REVIEW_KEPT
    assert kept.consequence == SCENARIO.review.consequence != ""
    assert naive.agreements[-1].version == 1


def test_a_stored_scenario_with_a_review_reads_back_the_same():
    from exercises.scenario import scenario_from_dict

    assert scenario_from_dict(SCENARIO.to_dict()) == SCENARIO


def review_exercise():
    from tests.exercises.factories import consent_exercise

    return consent_exercise(scenario=SCENARIO)


@pytest.mark.django_db
def test_the_page_holds_the_review_as_the_author_wrote_it():
    page = review_exercise()

    assert page.scenario().review == SCENARIO.review
    page.full_clean()  # the script plays through to the amended agreement


@pytest.mark.django_db
def test_over_http_concluding_alone_is_refused_and_the_circle_amends(client):
    from django.urls import reverse

    from exercises.forms import DecisionForm
    from exercises.models import AttemptEvent, AttemptStatus
    from exercises.selectors import load_practice
    from exercises.services import start_attempt
    from tests.accounts.factories import UserFactory
    from tests.exercises.test_views import form_data

    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=review_exercise())
    client.force_login(participant)
    url = reverse("exercises:practice", args=[attempt.pk])

    page = client.get(url).text
    assert 'id="review-evidence"' in page and "verdubbeld" in page
    client.post(url, {"sequence": 1, "member": "", "choice": ALONE})
    html = client.get(url).text
    assert "gespreksleider alleen" in html
    refused = AttemptEvent.objects.get(attempt=attempt, sequence=1)
    assert refused.correct is False and refused.events == []

    for _ in range(60):
        if load_practice(attempt=attempt).step.kind is StepKind.DONE:
            break
        data = form_data(attempt)
        shown = DecisionForm(practice=load_practice(attempt=attempt)).initial
        if "review_date" in shown and "review_date" not in data:
            # What the form shows after a review: a new review date, counted from today.
            data["review_date"] = shown["review_date"].isoformat()
        assert client.post(url, data).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
    practice = load_practice(attempt=attempt)
    assert practice.ending.kind is EndingKind.REVIEW_AMENDED
    assert practice.state.agreements[-1].version == 2


@pytest.mark.django_db
def test_a_review_whose_right_outcome_is_to_drop_can_be_published():
    from dataclasses import replace

    options = tuple(
        replace(o, right=o.outcome is ReviewOutcome.DROP, answers=o.answers)
        for o in SCENARIO.review.options
    )
    drop = next(o for o in options if o.outcome is ReviewOutcome.DROP)
    consenting = tuple(replace(a, kind=demo.A.CONSENT, text="") for a in drop.answers)
    options = tuple(replace(o, answers=consenting) if o is drop else o for o in options)
    scenario = replace(SCENARIO, review=replace(SCENARIO.review, options=options))
    from tests.exercises.factories import consent_exercise

    page = consent_exercise(scenario=scenario)

    page.full_clean()
    assert replay(scenario.correct_path(today=TODAY)).phase is Phase.DROPPED
