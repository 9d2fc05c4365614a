"""What the practice templates show, built from an attempt's replayed state."""

from django.utils.text import capfirst
from django.utils.translation import gettext

from exercises.consent import (
    ConsentAnswerGiven,
    DecisionState,
    ElectionState,
    Phase,
    ProcessError,
    QuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    event_from_dict,
)
from exercises.forms import DecisionForm
from exercises.practice import Skill, StepKind, choice_label, consent_contribution, learner_of
from exercises.scenario import FACILITATOR, ConsentScenario, QuestionKind
from exercises.selectors import Practice

# The event fields that carry what was said, in the order they are looked for.
_SPOKEN_FIELDS = ("question", "answer", "reaction", "text", "reason", "nominee", "candidate")


def display_name(member: str, learner: str = "") -> str:
    """Who acted, as the participant reads it: they facilitate, or play `learner`."""
    if not learner:
        return gettext("You (facilitator)") if member == FACILITATOR else member
    if member == FACILITATOR:
        return gettext("Facilitator")
    if member == learner:
        return gettext("You (%(name)s)") % {"name": member}
    return member


def learner(practice: Practice) -> dict | None:
    """The persona the participant plays, with what they know of their own position."""
    name = learner_of(practice.scenario)
    persona = practice.scenario.persona(name) if name else None
    if persona is None:
        return None
    reaction = practice.scenario.reaction_of(name)
    return {
        "name": persona.name,
        "role": persona.role,
        "interests": persona.interests,
        "goal": persona.goal,
        "is_proposer": name == getattr(practice.scenario, "proposer", ""),
        "reaction": reaction.text if reaction else "",
    }


def practice_context(*, practice: Practice, form=None, error: str | None = None) -> dict:
    state, scenario, step = practice.state, practice.scenario, practice.step
    done = step.kind is StepKind.DONE
    if form is None and not done:
        form = DecisionForm(practice=practice)
    return {
        "practice": practice,
        "attempt": practice.attempt,
        "scenario": scenario,
        "state": state,
        "step": step,
        "is_election": isinstance(state, ElectionState),
        "phase_label": capfirst(gettext(state.phase.label)),
        "circle": circle(practice),
        "contribution": contribution(practice),
        "feedback": feedback(practice.last),
        "error": error,
        "form": form,
        "transcript": transcript(practice),
        "summary": practice.summary if done else None,
        "ending": practice.ending if done else None,
        "written": written(practice) if done else [],
        "hint": step.hint,
        "learner": learner(practice),
        "meanwhile": meanwhile(practice),
    }


def history_context(*, practice: Practice) -> dict:
    return {
        "practice": practice,
        "ending": practice.ending,
        "summary": practice.summary,
        "decisions": [
            feedback(row)
            for row in practice.decisions
            if row.step != StepKind.START and not row.by_script
        ],
        "transcript": transcript(practice),
    }


def circle(practice: Practice) -> list[dict]:
    state, step = practice.state, practice.step
    current = state.current_round
    spoken = set(current.spoken) if current else set()
    proposer = getattr(state, "proposer", None)
    candidate = getattr(state, "candidate", None)
    return [
        {
            "name": persona.name,
            "role": persona.role,
            "interests": persona.interests,
            "is_turn": persona.name == step.member,
            "has_spoken": persona.name in spoken,
            "is_proposer": persona.name == proposer,
            "is_candidate": persona.name == candidate,
        }
        for persona in practice.scenario.personas
    ]


def contribution(practice: Practice) -> dict | None:
    """What the member who has the floor says now."""
    state, scenario, step = practice.state, practice.scenario, practice.step
    member = step.member
    if member is None:
        return None
    text, passes = "", False
    if step.kind is StepKind.QUESTION and isinstance(scenario, ConsentScenario):
        script = scenario.question_of(member)
        text = script.text if script else ""
        passes = script is not None and script.kind is QuestionKind.PASS
    elif step.kind is StepKind.REACTION:
        script = scenario.reaction_of(member)
        text = script.text if script else ""
    elif step.kind is StepKind.CONSENT_ANSWER:
        script = consent_contribution(scenario, state, member)
        text = script.text if script else ""
    elif step.kind is StepKind.OWN_TURN and isinstance(scenario, ConsentScenario):
        question, reaction = scenario.question_of(member), scenario.reaction_of(member)
        if state.phase is Phase.PICTURE_FORMING and question is not None:
            text = question.text if question.kind is not QuestionKind.PASS else ""
            passes = question.kind is QuestionKind.PASS
        elif reaction is not None:
            text = reaction.text
    elif step.kind is StepKind.PROPOSER_ANSWER:
        waiting = next(
            (q for q in state.questions if q.member == member and q.answer is None), None
        )
        text = waiting.text if waiting else ""
    elif step.kind is StepKind.MEMBER_CONSENT:
        return None  # the participant decides what they say
    elif step.kind in (StepKind.TEST_OBJECTION, StepKind.AMEND, StepKind.CLARIFY):
        objection = next((o for o in state.objections if o.member == member), None)
        text = objection.argument if objection else ""
    elif step.kind in (StepKind.REASON, StepKind.CHANGE):
        script = scenario.nomination_of(member)
        if script is not None:
            text = script.reason if step.kind is StepKind.REASON else script.change_reason
    return {"member": member, "text": text, "passes": passes}


def feedback(row) -> dict | None:
    """A stored decision as the participant reads it back."""
    if row is None or row.step == StepKind.START:
        return None
    error = ""
    if row.error_code:
        error = ProcessError(row.error_code, **row.error_params).format(gettext)
    skill = Skill(row.skill) if row.skill else None
    return {
        "pk": row.pk,
        "sequence": row.sequence,
        "step": row.step,
        "member": row.member,
        "correct": row.correct,
        "choice": choice_label(row.choice)
        if row.correct is not None and (not row.answer_text or row.step == StepKind.MEMBER_CONSENT)
        else "",
        "expected": choice_label(row.expected) if row.correct is False and row.expected else "",
        "text": row.feedback,
        "error": error,
        "answer_text": row.answer_text,
        "model_answer": row.model_answer,
        "reaction": row.reaction,
        "hint": row.hint,
        "points": row.points,
        "weight": row.weight,
        "rule": skill.rule if skill and row.correct is not None else "",
        "source": skill.source if skill and row.correct is not None else "",
        "trainer_feedback": row.trainer_feedback,
    }


def written(practice: Practice) -> list[dict]:
    """The participant's own words with the model answer and any trainer feedback."""
    return [feedback(row) for row in practice.decisions if row.answer_text]


def meanwhile(practice: Practice) -> list[dict]:
    """What the script did since the participant's own last decision (when they play a
    member or the proposer), as transcript lines."""
    rows = []
    for row in reversed(practice.decisions):
        if not row.by_script:
            break
        rows.append(row)
    if not rows:
        return []
    events = [event_from_dict(data) for row in reversed(rows) for data in row.events]
    return event_lines([None, *events], learner_of(practice.scenario))


def event_lines(events, learner: str = "") -> list[dict]:
    """Events as lines of a transcript (the opening event left out)."""
    return [
        {"actor": display_name(e.actor, learner), "action": gettext(e.action), "said": _said(e)}
        for e in list(events)[1:]
    ]


def _said(event) -> str:
    if isinstance(event, TurnPassed):
        return ""
    if isinstance(event, ConsentAnswerGiven):
        return f"{choice_label(event.answer.value)}{': ' + event.text if event.text else ''}"
    if isinstance(event, QuestionAnswered):
        return f"{event.asker}: {event.answer}"
    if isinstance(event, TestQuestionAsked) and event.text:
        return event.text
    for field in (*_SPOKEN_FIELDS, "keep_or_change", "verdict"):
        value = getattr(event, field, None)
        if isinstance(value, str) and value:
            return value
    return ""


def transcript(practice: Practice) -> list[dict]:
    """The log so far, line by line: who did what and what they said."""
    state = practice.state
    lines = []
    for entry in state.log[1:]:
        event = entry.event
        if isinstance(state, ElectionState) and not state.nominations_complete:
            if event.kind == "nomination_made":
                continue  # nominations stay hidden until everyone has written one
        said = ""
        for field in _SPOKEN_FIELDS:
            value = getattr(event, field, None)
            if isinstance(value, str) and value:
                said = value
                break
        if isinstance(event, ConsentAnswerGiven):
            said = f"{choice_label(event.answer.value)}{': ' + event.text if event.text else ''}"
        if isinstance(event, QuestionAnswered):
            said = f"{event.asker}: {event.answer}"
        if isinstance(event, TurnPassed):
            said = ""
        if isinstance(event, TestQuestionAsked) and event.text:
            said = event.text  # the facilitator's own words
        lines.append(
            {
                "actor": display_name(event.actor, learner_of(practice.scenario)),
                "action": gettext(event.action),
                "said": said,
                "version": entry.version if isinstance(state, DecisionState) else None,
            }
        )
    return lines
