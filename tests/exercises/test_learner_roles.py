"""The participant plays a member or the proposer: their own turns are theirs, the script
facilitates and plays everyone else (each step stored, so the attempt replays); an objection
without an argument is refused with the rule and its source; a concern is told from an
objection; a proposer answers clarifying questions. And the facilitator's own clarifying
question to the objector, judged like a written amendment."""

from dataclasses import replace

import pytest
from django.urls import reverse

from exercises import demo
from exercises.consent import Phase, event_from_dict, replay
from exercises.models import AttemptEvent, AttemptStatus
from exercises.practice import (
    Answer,
    EndingKind,
    PracticeError,
    StepKind,
    learners_step,
    next_step,
)
from exercises.rehearsal import rehearse
from exercises.scenario import LearnerRole, scenario_from_dict
from exercises.selectors import load_practice
from exercises.services import give_trainer_feedback, record_decision, start_attempt
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import make_trainer
from tests.exercises.factories import consent_exercise
from tests.exercises.walk import TODAY, right_answer

pytestmark = pytest.mark.django_db

JOYCE = demo.MARKTPLEIN_ALS_JOYCE
IRIS = demo.GROENE_ZOOM_ALS_INDIENER
ARGUMENT = (
    "Als de markt tien weken naar de Kerkstraat gaat, zonder stroom en water, verdwijnt de "
    "ontmoeting op het plein waar onze doelstelling om draait."
)


def answer(attempt, participant, **given):
    practice = load_practice(attempt=attempt)
    values = {"member": practice.step.member or "", **given}
    return record_decision(
        attempt=attempt,
        participant=participant,
        expected_sequence=practice.next_sequence,
        answer=Answer(**values),
    )


def play_right_until(attempt, participant, kind: StepKind):
    """Decide right (as `right_answer` does) until the participant faces a `kind` step."""
    for _ in range(200):
        practice = load_practice(attempt=attempt)
        if practice.step.kind in (kind, StepKind.DONE):
            return practice
        right = right_answer(practice.scenario, practice.state, practice.step)
        record_decision(
            attempt=attempt,
            participant=participant,
            expected_sequence=practice.next_sequence,
            answer=right,
        )
    raise AssertionError(f"never reached {kind}")


@pytest.mark.parametrize("scenario", demo.ROLE_SCENARIOS, ids=lambda s: s.title)
def test_as_a_member_or_proposer_right_and_naive_play_differ_in_log_ending_and_score(scenario):
    right = rehearse(scenario, today=TODAY)
    naive = rehearse(scenario, today=TODAY, naive=True)

    assert right.error == naive.error == ""
    # What was said differs: a swallowed objection, or a defence instead of an answer.
    assert [e.to_dict() for e in right.events] != [e.to_dict() for e in naive.events]
    assert right.ending.kind is EndingKind.AGREED
    assert naive.ending.kind is not right.ending.kind
    assert right.percent == 100
    assert naive.percent < 70
    # Only the participant's own steps are scored; the script's are not.
    state = replay(scenario.opening_events(today=TODAY))
    assert not learners_step(scenario, next_step(scenario, state, None))


def test_the_role_demos_have_different_shapes():
    assert JOYCE.learner_role is LearnerRole.MEMBER
    assert IRIS.learner_role is LearnerRole.PROPOSER
    # Joyce holds an argued objection on version 1; Iris's proposal meets an objection on
    # version 1 and another on the amended version, which she works out in her own words.
    assert JOYCE.consent_round(1).answer_of(JOYCE.learner).kind is demo.A.OBJECTION
    assert [bool(r.qualified_objectors) for r in IRIS.consent_rounds[:2]] == [True, True]
    assert all(r.key_elements for r in IRIS.consent_rounds[:2])


def test_the_script_facilitates_until_the_members_own_turn_and_stores_each_step():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=JOYCE))

    practice = load_practice(attempt=attempt)
    # The script presented, started the question round and handled Samira's and Henk's turns.
    assert practice.step.kind is StepKind.OWN_TURN
    assert practice.step.member == "Joyce de Wit"
    rows = list(attempt.decisions.order_by("sequence"))
    assert rows[0].step == StepKind.START
    assert all(row.by_script and row.correct is None and row.weight == 0 for row in rows[1:])
    assert [row.member for row in rows if row.step == StepKind.QUESTION] == [
        "Samira El Amrani",
        "Henk Visser",
    ]
    # Replaying the stored rows gives the state the participant sees.
    events = [event_from_dict(data) for row in rows for data in row.events]
    assert replay(practice.events).log == replay(events).log
    assert practice.state.phase is Phase.PICTURE_FORMING


def test_an_objection_without_an_argument_is_refused_with_the_rule_and_its_source():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=JOYCE))
    play_right_until(attempt, participant, StepKind.MEMBER_CONSENT)
    before = AttemptEvent.objects.filter(attempt=attempt).count()

    for no_argument in ("", "Ik ben ertegen."):
        with pytest.raises(PracticeError) as refused:
            answer(attempt, participant, choice="objection", text=no_argument)
        message = str(refused.value.message)
        assert "SKM" in message and "S3" in message
        assert "argument" in message.lower()

    assert AttemptEvent.objects.filter(attempt=attempt).count() == before


def test_a_member_who_objects_with_an_argument_is_heard_and_the_objection_integrated():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=JOYCE))
    play_right_until(attempt, participant, StepKind.MEMBER_CONSENT)

    row = answer(attempt, participant, choice="objection", text=ARGUMENT)

    assert row.correct is True and row.points == row.weight == 2
    assert row.answer_text == ARGUMENT
    practice = load_practice(attempt=attempt)
    # The script tested her objection with her and the circle and resolved it: version 2.
    objection = next(o for o in practice.state.all_objections if o.member == "Joyce de Wit")
    assert objection.argument == ARGUMENT
    assert objection.verdict == "qualified"
    assert practice.state.version == 2
    assert practice.step.kind is StepKind.MEMBER_CONSENT  # her answer on version 2

    answer(attempt, participant, choice="consent", text="")
    attempt.refresh_from_db()
    final = load_practice(attempt=attempt)
    assert attempt.status == AttemptStatus.FINISHED
    assert final.ending.kind is EndingKind.AGREED
    assert final.summary.percent == 100
    # Only her own two answers are scored.
    assert [r.step for r in final.decisions if r.correct is not None] == [
        StepKind.MEMBER_CONSENT,
        StepKind.MEMBER_CONSENT,
    ]


def test_a_member_who_voices_a_concern_for_an_objection_sees_the_harm_stay():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=JOYCE))
    play_right_until(attempt, participant, StepKind.MEMBER_CONSENT)

    row = answer(attempt, participant, choice="concern", text="Ik maak me zorgen om de markt.")

    assert row.correct is False and row.points == 0 and row.expected == "objection"
    attempt.refresh_from_db()
    practice = load_practice(attempt=attempt)
    assert attempt.status == AttemptStatus.FINISHED
    assert practice.state.version == 1  # nothing was integrated
    assert practice.ending.kind is EndingKind.AGREED_OBJECTION_UNSPOKEN
    assert practice.ending.consequence == JOYCE.dismissal_consequence


def test_a_member_whose_position_is_a_concern_is_right_not_to_object():
    henk = replace(JOYCE, learner="Henk Visser")
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=henk))
    play_right_until(attempt, participant, StepKind.MEMBER_CONSENT)

    objected = answer(
        attempt, participant, choice="objection", text="Ik vrees overlast bij de waterspeelplek."
    )

    assert objected.correct is False and objected.expected == "concern"
    # The script tests it: no overwegend bezwaar, it stays as a concern.
    practice = load_practice(attempt=attempt)
    tested = next(o for o in practice.state.all_objections if o.member == "Henk Visser")
    assert tested.verdict == "not_qualified" and tested.kept_as_concern


def test_the_proposer_answers_clarifying_questions_and_a_defence_shows_at_the_end():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=IRIS))
    practice = play_right_until(attempt, participant, StepKind.PROPOSER_ANSWER)
    asker = practice.step.member
    question = IRIS.question_of(asker)
    assert dict(practice.step.options)["answer"] == question.answer
    # The right answer does not sit first for every asker.
    assert [value for value, _label in practice.step.options] != ["answer", "defend", "promise"]

    row = answer(attempt, participant, choice="defend")

    assert row.correct is False and row.expected == "answer"
    state = load_practice(attempt=attempt).state
    assert next(q for q in state.questions if q.member == asker).answer != question.answer
    for _ in range(200):
        practice = load_practice(attempt=attempt)
        if practice.step.kind is StepKind.DONE:
            break
        record_decision(
            attempt=attempt,
            participant=participant,
            expected_sequence=practice.next_sequence,
            answer=right_answer(practice.scenario, practice.state, practice.step),
        )
    assert practice.ending.kind is EndingKind.AGREED_PICTURE_NOT_SHARED


def test_an_attempt_stored_before_learner_roles_still_replays():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    play_right_until(attempt, participant, StepKind.CONSENT_ANSWER)
    # The scenario snapshot as it was stored before: no learner, no question rubric.
    stored = dict(attempt.scenario)
    stored.pop("learner")
    for consent_round in stored["consent_rounds"]:
        for item in consent_round["answers"]:
            item.pop("question_key_elements")
            item.pop("model_question")
    attempt.scenario = stored
    attempt.save(update_fields=["scenario"])
    AttemptEvent.objects.filter(attempt=attempt).update(by_script=False)

    practice = load_practice(attempt=attempt)

    assert scenario_from_dict(stored).learner == ""
    assert practice.step.kind is StepKind.CONSENT_ANSWER
    assert practice.state.phase is Phase.DECISION_FORMING


def test_a_member_plays_through_http_and_is_refused_an_objection_without_argument(client):
    participant = UserFactory()
    exercise = consent_exercise(scenario=JOYCE)
    client.force_login(participant)
    client.post(reverse("exercises:start", args=[exercise.pk]))
    attempt = participant.exercise_attempts.get()
    page = client.get(reverse("exercises:practice", args=[attempt.pk]))
    assert "Joyce de Wit" in page.text and 'id="learner-role"' in page.text
    # What the script did before her turn: Henk's question, answered by Samira.
    assert 'id="meanwhile"' in page.text
    assert JOYCE.question_of("Henk Visser").text in page.text
    practice = play_right_until(attempt, participant, StepKind.MEMBER_CONSENT)
    data = {"sequence": practice.next_sequence, "member": "Joyce de Wit", "choice": "objection"}

    refused = client.post(
        reverse("exercises:practice", args=[attempt.pk]),
        {**data, "text": "Nee."},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 200
    assert "SKM" in refused.text and "message--error" in refused.text
    assert load_practice(attempt=attempt).next_sequence == practice.next_sequence

    response = client.post(
        reverse("exercises:practice", args=[attempt.pk]), {**data, "text": ARGUMENT}
    )
    assert response.status_code == 302
    after = client.get(reverse("exercises:practice", args=[attempt.pk]))
    assert ARGUMENT[:40] in after.text  # in the transcript, as what she said
    assert load_practice(attempt=attempt).state.version == 2


# The facilitator's own clarifying question to the objector (the referral scenario has one).


def test_the_facilitators_clarifying_question_is_judged_and_shown_with_a_model_question():
    participant = UserFactory()
    attempt = start_attempt(
        participant=participant, exercise=consent_exercise(scenario=demo.MILIEUSTRAAT)
    )
    practice = play_right_until(attempt, participant, StepKind.CLARIFY)
    objector = practice.step.member
    script = demo.MILIEUSTRAAT.consent_round(1).answer_of(objector)

    missed = answer(attempt, participant, choice="next", text="Is dit niet gewoon uw voorkeur?")

    assert missed.correct is False and missed.events == [] and missed.points == 0
    assert missed.model_answer == script.model_question
    assert missed.answer_text.startswith("Is dit niet")

    asked = answer(
        attempt,
        participant,
        choice="next",
        text="Sander, wat gaat er mis voor onze doelstelling als we buiten het budget gaan?",
    )

    assert asked.correct is True and asked.points == asked.weight
    kinds = [event["kind"] for event in asked.events]
    assert kinds == ["test_question_asked", "test_question_answered"]
    assert asked.events[0]["text"].startswith("Sander, wat gaat er mis")
    # Then the verdict step; the question about the aim is not asked a second time.
    practice = load_practice(attempt=attempt)
    assert practice.step.kind is StepKind.TEST_OBJECTION
    record_decision(
        attempt=attempt,
        participant=participant,
        expected_sequence=practice.next_sequence,
        answer=right_answer(practice.scenario, practice.state, practice.step),
    )
    objection = load_practice(attempt=attempt).state.all_objections[0]
    assert objection.verdict == "qualified"
    assert len(objection.asked) == 3

    # A trainer reviews the question like any other free-text answer.
    trainer = make_trainer()
    give_trainer_feedback(
        trainer=trainer, attempt=attempt, sequence=asked.sequence, text="Goed: open en concreet."
    )
    asked.refresh_from_db()
    assert asked.trainer_feedback == "Goed: open en concreet."


def test_after_two_missed_questions_the_model_question_is_offered_and_earns_nothing():
    participant = UserFactory()
    attempt = start_attempt(
        participant=participant, exercise=consent_exercise(scenario=demo.MILIEUSTRAAT)
    )
    play_right_until(attempt, participant, StepKind.CLARIFY)
    for _ in range(2):
        answer(attempt, participant, choice="next", text="Waarom doet u zo moeilijk?")

    practice = load_practice(attempt=attempt)
    assert practice.step.kind is StepKind.CLARIFY and not practice.step.free_text
    assert practice.step.hint
    model = demo.MILIEUSTRAAT.consent_round(1).answer_of(practice.step.member).model_question
    assert practice.step.options == (("next", model),)
    assert model in practice.step.hint  # shown with the hint, before it is asked

    row = answer(attempt, participant, choice="next")
    assert row.correct is True and row.points == 0


def test_a_trainer_reviews_the_clarifying_question_and_the_participant_sees_it(client):
    from cohorts.models import EnrolmentStatus
    from tests.cohorts.factories import fill, make_cohort
    from tests.courses.factories_pages import make_course

    trainer = make_trainer()
    course = make_course()
    exercise = consent_exercise(parent=course, scenario=demo.MILIEUSTRAAT)
    (participant,) = [
        e.participant
        for e in fill(make_cohort(course=course, trainer=trainer), 1)
        if e.status == EnrolmentStatus.ENROLLED
    ]
    attempt = start_attempt(participant=participant, exercise=exercise)
    play_right_until(attempt, participant, StepKind.CLARIFY)
    question = "Sander, wat gaat er mis voor onze doelstelling als dit buiten de begroting valt?"
    asked = answer(attempt, participant, choice="next", text=question)
    client.force_login(trainer)

    page = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk]))
    assert question in page.text
    assert demo.MILIEUSTRAAT.consent_round(1).answer_of("Sander Post").model_question in page.text
    client.post(
        reverse("exercises:trainer_attempt", args=[attempt.pk]),
        {"sequence": asked.sequence, "feedback": "Open gevraagd, en naar de doelstelling."},
    )

    client.force_login(participant)
    mine = client.get(reverse("exercises:practice", args=[attempt.pk]))
    assert question in mine.text
    assert "Open gevraagd, en naar de doelstelling." in mine.text


# Authoring the role


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"learner_role": "member", "learner_persona": ""}, "learner_persona", "Kies het lid"),
        (
            {"learner_role": "member", "learner_persona": "Samira El Amrani"},
            "learner_persona",
            "Dit is de indiener",
        ),
        (
            {"learner_role": "member", "learner_persona": "Joyce"},
            "learner_persona",
            "staat niet in de cast",
        ),
        ({"learner_role": "proposer"}, "learner_role", "evaluatie"),
    ],
)
def test_the_learner_role_is_checked_when_the_author_saves(fields, field, words):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    scenario = demo.LOKET if fields["learner_role"] == "proposer" else demo.MARKTPLEIN
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        consent_exercise(scenario=scenario, **fields)

    assert words in refused.value.error_dict[field][0].messages[0]


def test_the_page_makes_the_scenario_with_the_learner():
    member = consent_exercise(scenario=JOYCE, slug="joyce")
    proposer = consent_exercise(scenario=IRIS, slug="iris")
    facilitator = consent_exercise(scenario=demo.MARKTPLEIN, slug="gespreksleider")

    assert (member.learner_role, member.learner_persona) == ("member", "Joyce de Wit")
    assert member.scenario().learner == "Joyce de Wit"
    assert (proposer.learner_role, proposer.learner_persona) == ("proposer", "")
    assert proposer.scenario().learner == IRIS.proposer
    assert facilitator.scenario().learner == ""


def test_play_this_scenario_shows_the_member_played_right_and_keeping_the_peace():
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    page = consent_exercise(scenario=JOYCE)

    html = page.serve_preview(request, "play").render().content.decode()

    assert 'data-ending="agreed"' in html
    assert 'data-ending="agreed_objection_unspoken"' in html


def test_the_proposer_sees_the_question_and_three_answers(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise(scenario=IRIS))
    practice = play_right_until(attempt, participant, StepKind.PROPOSER_ANSWER)
    client.force_login(participant)

    page = client.get(reverse("exercises:practice", args=[attempt.pk]))

    asker = practice.step.member
    assert IRIS.question_of(asker).text in page.text
    assert page.text.count('name="choice"') == 3
    assert 'id="learner-role"' in page.text


# Whatever the participant chooses in their own turns, the script carries the meeting to an
# end, and nothing is agreed with an objection that was not tested.


@pytest.mark.django_db(False)
@pytest.mark.parametrize("scenario", demo.ROLE_SCENARIOS, ids=lambda s: s.title)
def test_any_choices_of_the_participant_reach_an_end_with_every_objection_tested(scenario):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from exercises.consent import ProcessError, apply
    from exercises.practice import Decision, decide
    from exercises.rehearsal import script_turns

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def play(data):
        state = replay(scenario.opening_events(today=TODAY))
        last = None
        for _ in range(60):
            for _step, _answer, outcome in script_turns(scenario, state, last, today=TODAY):
                for event in outcome.events:
                    state = apply(state, event)
                last = Decision(step=_step.kind, choice=_answer.choice, correct=True)
            step = next_step(scenario, state, last)
            if step.kind is StepKind.DONE:
                break
            right = right_answer(scenario, state, step)
            choice = data.draw(st.sampled_from([v for v, _label in step.options] or ["next"]))
            text = data.draw(st.sampled_from([right.text, ARGUMENT, ""]))
            try:
                outcome = decide(
                    scenario,
                    state,
                    step,
                    Answer(choice=choice, member=right.member, text=text),
                    today=TODAY,
                )
            except (PracticeError, ProcessError):
                # Refused (e.g. an objection without argument): nothing changes; then the right one.
                outcome = decide(scenario, state, step, right, today=TODAY)
            for event in outcome.events:
                state = apply(state, event)
            last = Decision(step=step.kind, choice=choice, correct=outcome.correct)
        else:
            raise AssertionError("the meeting did not end")
        assert state.phase in (Phase.AGREED, Phase.REFERRED)
        assert not state.untested_objections
        assert all(o.verdict is not None or o.withdrawn for o in state.all_objections)

    play()
