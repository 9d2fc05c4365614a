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
from exercises.explain import SHOWN_AFTER_THE_STEP, Explained, explain, next_step_hint, right_move
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
    explained = explain(practice)
    last = practice.last
    return {
        "practice": practice,
        "attempt": practice.attempt,
        "scenario": scenario,
        "state": state,
        "step": step,
        "is_election": isinstance(state, ElectionState),
        "phase_label": capfirst(gettext(state.phase.label)),
        "circle": circle(practice),
        "round": round_in_progress(practice),
        "contribution": contribution(practice),
        "feedback": feedback(last, explained.get(last.sequence) if last else None),
        "error": error,
        "form": form,
        "transcript": transcript(practice),
        "summary": practice.summary if done else None,
        "ending": practice.ending if done else None,
        "written": written(practice, explained) if done else [],
        "hint": hint(practice),
        "closing_round": closing_round(practice, explained) if done else [],
        "learner": learner(practice),
        "meanwhile": meanwhile(practice),
    }


def history_context(*, practice: Practice) -> dict:
    explained = explain(practice)
    return {
        "practice": practice,
        "ending": practice.ending,
        "summary": practice.summary,
        "decisions": [
            feedback(row, explained.get(row.sequence))
            for row in practice.decisions
            if row.step != StepKind.START and not row.by_script
        ],
        "transcript": transcript(practice),
    }


def hint(practice: Practice) -> str:
    """After two misses: what comes next and why, with the step named."""
    step = practice.step
    if not step.hint or step.kind is not StepKind.CHOOSE:
        return step.hint
    pointer = next_step_hint(practice.scenario, practice.state)
    if not pointer:
        return step.hint
    move = right_move(practice.scenario, practice.state)
    return gettext("%(why)s The next step: %(step)s.") % {"why": pointer, "step": move.label}


def closing_round(practice: Practice, explained: dict[int, Explained]) -> list:
    """What each member said in the closing round, with their rating of the meeting."""
    return [
        said
        for view in explained.values()
        for said in view.said
        if said.kind == "meeting_evaluated"
    ]


def circle(practice: Practice) -> list[dict]:
    """The members in the order they speak in the round in progress (else as seated)."""
    state, step = practice.state, practice.step
    current = state.current_round
    spoken = set(current.spoken) if current else set()
    proposer = getattr(state, "proposer", None)
    candidate = getattr(state, "candidate", None)
    personas = list(practice.scenario.personas)
    if current is not None:
        seat = {name: index for index, name in enumerate(current.order)}
        personas.sort(key=lambda persona: seat.get(persona.name, len(seat)))
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
        for persona in personas
    ]


def round_in_progress(practice: Practice) -> dict | None:
    """The round whose turns the circle shows: its name and how far it has come."""
    current = practice.state.current_round
    if current is None or practice.step.kind is StepKind.DONE:
        return None
    return {
        "kind": current.kind.value,
        "label": capfirst(gettext(current.kind.label)),
        "spoken": len(current.spoken),
        "total": len(current.order),
    }


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


def feedback(row, explained: Explained | None = None) -> dict | None:
    """A stored decision as the participant reads it back."""
    if row is None or row.step == StepKind.START:
        return None
    explained = explained or Explained()
    error = ""
    if row.error_code and not (row.error_code == "wrong_phase" and explained.next_step):
        # "Not possible in this phase" is said better by where the meeting stands.
        error = ProcessError(row.error_code, **row.error_params).format(gettext)
    skill = Skill(row.skill) if row.skill else None
    rule = ""
    if skill and row.correct is not None:
        rule = (explained.rule if skill is Skill.ORDER else "") or skill.rule
    choice = ""
    # A member's consent-round turn is a choice (consent, concern, objection) and words.
    if row.correct is not None and (not row.answer_text or row.step == StepKind.MEMBER_CONSENT):
        choice = explained.choice or choice_label(row.choice)
    expected = ""
    if row.correct is False and row.expected:
        expected = explained.expected or choice_label(row.expected)
    said_now = [
        s
        for s in explained.said
        if s.kind in SHOWN_AFTER_THE_STEP and s.kind != "meeting_evaluated"
    ]
    shown = {
        "pk": row.pk,
        "sequence": row.sequence,
        "step": row.step,
        "member": row.member,
        "as_step": {"kind": row.step, "member": row.member},
        "correct": row.correct,
        "choice": choice,
        "expected": expected,
        "next_step": explained.next_step,
        "said": explained.said,
        "said_now": said_now,
        "text": row.feedback,
        "error": error,
        "answer_text": row.answer_text,
        "model_answer": row.model_answer,
        "reaction": row.reaction,
        "hint": row.hint,
        "points": row.points,
        "weight": row.weight,
        "rule": rule,
        "source": skill.source if skill and row.correct is not None else "",
        "trainer_feedback": row.trainer_feedback,
    }
    # Only a decision with something to say gets a feedback bar (never an empty one).
    shown["has_content"] = row.correct is not None or any(
        shown[key]
        for key in ("text", "error", "reaction", "answer_text", "said_now", "trainer_feedback")
    )
    return shown


def written(practice: Practice, explained: dict[int, Explained] | None = None) -> list[dict]:
    """The participant's own words with the model answer and any trainer feedback."""
    explained = explained or {}
    return [
        feedback(row, explained.get(row.sequence)) for row in practice.decisions if row.answer_text
    ]


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
