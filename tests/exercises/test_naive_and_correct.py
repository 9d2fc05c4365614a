"""The participant's decisions change what happens: for every demo scenario, a naive and a
correct play-through give different logs, different endings and different scores."""

import pytest

from exercises import demo
from exercises.consent import replay
from exercises.practice import EndingKind, Skill, ending, next_step, review_options
from exercises.scenario import ConsentScenario
from tests.exercises.walk import TODAY, play, play_naively

SCENARIOS = (*demo.CONSENT_SCENARIOS, *demo.ELECTION_SCENARIOS, *demo.REVIEW_SCENARIOS)
WORDS_NEVER_USED = ("gegrond", "besloten")


def played(scenario, player):
    state = replay(scenario.opening_events(today=TODAY))
    outcomes = []
    for _step, outcome, after in player(scenario, state, next_step):
        outcomes.append(outcome)
        state = after
    weight = sum(o.weight for o in outcomes if o.correct is not None)
    points = sum(o.points for o in outcomes)
    return state, outcomes, round(100 * points / weight)


def kinds_and_actors(state):
    return [(entry.kind, entry.actor) for entry in state.log]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.title)
def test_naive_and_correct_play_differ_in_log_ending_and_score(scenario):
    right, _outcomes, right_score = played(scenario, play)
    naive, naive_outcomes, naive_score = played(scenario, play_naively)

    assert kinds_and_actors(right) != kinds_and_actors(naive)
    assert ending(scenario, right).kind != ending(scenario, naive).kind
    assert right_score == 100
    assert naive_score < 70  # below the default minimum for completion
    assert any(o.correct is False for o in naive_outcomes)


@pytest.mark.parametrize("scenario", demo.CONSENT_SCENARIOS, ids=lambda s: s.title)
def test_a_dismissed_objection_stays_dismissed_and_returns_later(scenario):
    naive, outcomes, _score = played(scenario, play_naively)

    result = ending(scenario, naive)
    assert result.kind is EndingKind.AGREED_OBJECTION_DISMISSED
    assert result.consequence == scenario.dismissal_consequence != ""
    # The objector's argument is recorded as a concern with the agreement, not integrated.
    objector = next(o.member for o in naive.all_objections if o.kept_as_concern)
    assert objector in {c.member for c in naive.agreement.concerns}
    assert naive.agreement.version == 1
    # In the slotronde the objector disengages, in the words the author wrote.
    closing = naive.rounds[-1]
    turn = closing.turn_of(objector)
    persona = scenario.persona(objector)
    assert turn.text == persona.reaction(demo.S.CLOSING_AFTER_DISMISSAL) != ""
    # And the integration that never happened is scored at the end.
    assert outcomes[-1].skill is Skill.INTEGRATION and outcomes[-1].correct is False


def test_the_scenarios_have_the_shapes_the_course_needs():
    assert len(demo.CONSENT_SCENARIOS) >= 5
    assert len(demo.ELECTION_SCENARIOS) >= 2
    rounds = [r for s in demo.CONSENT_SCENARIOS for r in s.consent_rounds]
    two_objections = [
        r
        for r in rounds
        if sum(a.kind in (demo.A.OBJECTION, demo.A.PREFERENCE) for a in r.answers) >= 2
    ]
    assert two_objections
    assert any(
        s.consent_rounds[1].qualified_objectors
        for s in demo.CONSENT_SCENARIOS
        if len(s.consent_rounds) > 1
    )  # an objection on the amended version
    assert any(r.refer_to for r in rounds)  # one that is referred
    assert any(
        a.kind is demo.A.PREFERENCE for s in demo.ELECTION_SCENARIOS for a in s.consent_answers
    )
    texts = " ".join(s.title + s.driver + s.proposal for s in demo.CONSENT_SCENARIOS).lower()
    assert "raad" in texts and "participatietraject" in texts


def test_the_right_amendment_is_not_always_at_the_same_position():
    positions = [
        next(i for i, a in enumerate(r.amendments) if a.integrates)
        for s in demo.CONSENT_SCENARIOS
        for r in s.consent_rounds
        if any(a.integrates for a in r.amendments)
    ]

    assert len(set(positions)) >= 3
    # The review's right proposal sits where no scenario's right amendment does.
    for scenario in demo.REVIEW_SCENARIOS:
        options = review_options(scenario)
        right = next(i for i, (value, _label) in enumerate(options) if value == choice(scenario))
        assert right not in positions


def choice(scenario):
    return str(next(i for i, o in enumerate(scenario.review.options) if o.right))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.title)
def test_the_scenarios_use_the_words_of_the_method(scenario):
    text = repr(scenario.to_dict()).lower()

    for word in WORDS_NEVER_USED:
        assert word not in text
    if isinstance(scenario, ConsentScenario):
        assert "overwegend bezwaar" in text
