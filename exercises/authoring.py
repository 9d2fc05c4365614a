"""Scenario dataclasses written out as exercise page fields (for demo content and tests)."""

from exercises.scenario import ConsentScenario, ElectionScenario, Persona


def _personas(personas: tuple[Persona, ...]) -> list:
    return [
        (
            "persona",
            {
                "name": p.name,
                "role": p.role,
                "interests": p.interests,
                "goal": p.goal,
                "temperament": p.temperament,
                "reactions": [
                    {"situation": r.situation.value, "text": r.text} for r in p.reactions
                ],
            },
        )
        for p in personas
    ]


def _answer(a) -> dict:
    return {
        "persona": a.persona,
        "kind": a.kind.value,
        "text": a.text,
        "feedback": a.feedback,
        "test_feedback": a.test_feedback,
        "test_answers": "\n".join(a.test_answers),
        "question_key_elements": "\n".join(a.question_key_elements),
        "model_question": a.model_question,
    }


def consent_page_fields(scenario: ConsentScenario) -> dict:
    return {
        "title": scenario.title,
        "method": scenario.method.value,
        "driver": scenario.driver,
        "shared_aim": scenario.shared_aim,
        "proposal": scenario.proposal,
        "proposer": scenario.proposer,
        "review_after_months": scenario.review_after_months,
        "dismissal_consequence": scenario.dismissal_consequence,
        "learner_role": scenario.learner_role.value,
        "learner_persona": scenario.learner if scenario.learner != scenario.proposer else "",
        **_review_fields(scenario.review),
        "personas": _personas(scenario.personas),
        "question_round": [
            (
                "turn",
                {
                    "persona": q.persona,
                    "kind": q.kind.value,
                    "text": q.text,
                    "answer": q.answer,
                    "feedback": q.feedback,
                },
            )
            for q in scenario.questions
        ],
        "reaction_round": [
            ("turn", {"persona": r.persona, "text": r.text, "feedback": r.feedback})
            for r in scenario.reactions
        ],
        "consent_rounds": [
            (
                "round",
                {
                    "answers": [_answer(a) for a in r.answers],
                    "amendments": [
                        {"text": a.text, "integrates": a.integrates, "feedback": a.feedback}
                        for a in r.amendments
                    ],
                    "key_elements": "\n".join(r.key_elements),
                    "rubric": r.rubric,
                    "refer_to": r.refer_to,
                },
            )
            for r in scenario.consent_rounds
        ],
    }


def _review_fields(review) -> dict:
    if review is None:
        return {}
    return {
        "review_evidence": review.evidence,
        "review_consequence": review.consequence,
        "review_options": [
            (
                "option",
                {
                    "outcome": o.outcome.value,
                    "persona": o.member,
                    "text": o.text,
                    "right": o.right,
                    "feedback": o.feedback,
                    "answers": [_answer(a) for a in o.answers],
                },
            )
            for o in review.options
        ],
    }


def election_page_fields(scenario: ElectionScenario) -> dict:
    return {
        "title": scenario.title,
        "role": scenario.role,
        "role_description": scenario.role_description,
        "tasks": "\n".join(scenario.tasks),
        "qualities": "\n".join(scenario.qualities),
        "term_months": scenario.term_months,
        "personas": _personas(scenario.personas),
        "nominations": [
            (
                "nomination",
                {
                    "persona": n.persona,
                    "nominee": n.nominee or "",
                    "reason": n.reason,
                    "changes": n.changes,
                    "new_nominee": n.new_nominee or "",
                    "change_reason": n.change_reason,
                },
            )
            for n in scenario.nominations
        ],
        "candidate": scenario.candidate,
        "candidate_feedback": scenario.candidate_feedback,
        "wrong_candidate_feedback": scenario.wrong_candidate_feedback,
        "reason_key_elements": "\n".join(scenario.reason_key_elements),
        "consent_answers": [("answer", _answer(a)) for a in scenario.consent_answers],
    }
