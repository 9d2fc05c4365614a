"""ProcessError: a stable code, a translatable template, and readable English."""

import pickle
import re

from exercises.consent import MESSAGES, ConsentAnswer, ProcessError, QuestionAsked
from exercises.consent.i18n import _

from .scenarios import answer, in_consent_round, prepared, refuse

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_every_code_has_its_own_message() -> None:
    assert len(set(MESSAGES.values())) == len(MESSAGES)


def test_every_message_formats_with_its_placeholders() -> None:
    for code, template in MESSAGES.items():
        params = {name: f"<{name}>" for name in PLACEHOLDER.findall(template)}

        text = str(ProcessError(code, **params))

        assert "%(" not in text, code
        assert all(value in text for value in params.values()), code


def test_error_carries_code_template_and_params() -> None:
    error = refuse(in_consent_round(), answer("bert", ConsentAnswer.CONSENT), "not_your_turn")

    assert error.message == "It is not %(member)s's turn: %(expected)s is next."
    assert error.params == {"member": "bert", "expected": "anna"}
    assert str(error) == "It is not bert's turn: anna is next."


def test_labels_are_translated_with_the_message() -> None:
    dutch = {
        "%(action)s is not possible in the %(phase)s phase.": (
            "%(action)s kan niet in de fase %(phase)s."
        ),
        "asking a question": "Een vraag stellen",
        "prepared": "voorbereid",
    }
    error = refuse(prepared(), QuestionAsked(actor="anna", question="?"), "wrong_phase")

    assert error.format(lambda text: dutch.get(text, text)) == (
        "Een vraag stellen kan niet in de fase voorbereid."
    )


def test_member_ids_are_not_translated() -> None:
    dutch = {
        "%(member)s is not a member of this circle.": "%(member)s is geen lid van deze kring.",
        "prepared": "voorbereid",
    }
    error = ProcessError("not_a_member", member="prepared")

    assert (
        error.format(lambda text: dutch.get(text, text)) == "prepared is geen lid van deze kring."
    )


def test_the_marker_returns_its_message() -> None:
    assert _("Consent") == "Consent"


def test_an_error_survives_pickling() -> None:
    error = ProcessError("members_open", members="dirk")

    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object

    assert (copy.code, copy.params, str(copy)) == (error.code, error.params, str(error))
