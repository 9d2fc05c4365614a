"""The one error the engine raises, with messages fit to show and to translate."""

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from .i18n import _

# One message per code. Placeholders use %(name)s so Django can do
# `gettext(err.message) % err.params`.
MESSAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Starting and replaying
        "no_events": _("There are no events to replay."),
        "not_a_start_event": _("A process must start with a prepared proposal or a defined role."),
        "already_started": _("This process has already started."),
        "unknown_event_kind": _("Unknown event kind: %(kind)s."),
        "malformed_event": _("The stored event of kind %(kind)s could not be read."),
        "event_not_for_process": _("%(action)s is not part of this process."),
        # The circle
        "circle_empty": _("The circle needs at least one member."),
        "member_id_blank": _("Every member of the circle needs an id."),
        "circle_has_duplicates": _("%(member)s appears more than once in the circle."),
        "facilitator_missing": _("The process needs a facilitator."),
        "proposer_missing": _("The proposal needs a proposer."),
        "not_a_member": _("%(member)s is not a member of this circle."),
        "only_facilitator": _("Only the facilitator can do this: %(action)s."),
        "only_proposer": _("Only the proposer can do this: %(action)s."),
        "not_allowed_to_amend": _(
            "Only the proposer or the facilitator can write down a new version."
        ),
        # Phases and rounds
        "wrong_phase": _("%(action)s is not possible in the %(phase)s phase."),
        "round_kind_not_in_process": _("A %(round)s is not part of this process."),
        "round_not_complete": _("The %(round)s is not complete yet: %(members)s still to speak."),
        "no_round_in_progress": _("No round is in progress."),
        "consent_round_already_held": _(
            "A consent round on version %(version)s has already been held."
        ),
        "start_with_not_member": _("The round cannot start with %(member)s: not in the circle."),
        "start_with_answers_last": _(
            "The round cannot start with %(member)s, who answers last in this round."
        ),
        "already_had_turn": _("%(member)s has already had a turn in this round."),
        "not_your_turn": _("It is not %(member)s's turn: %(expected)s is next."),
        "pass_not_allowed": _("Passing is not allowed in the %(round)s."),
        # Preparing and presenting
        "driver_empty": _("Describe the driver: what happens and what is needed."),
        "shared_aim_empty": _("Name the shared aim the proposal serves."),
        "proposal_empty": _("The proposal text cannot be empty."),
        "driver_already_checked": _("The driver has already been checked."),
        "driver_not_checked": _(
            "The circle must check the driver before the proposal is presented."
        ),
        # Picture forming and opinion forming
        "question_empty": _("Ask a question, or pass."),
        "no_open_question": _("%(member)s has no unanswered question."),
        "answer_empty": _("The answer cannot be empty."),
        "questions_unanswered": _("The proposer has not yet answered %(members)s."),
        "reaction_empty": _("Give a reaction, or pass."),
        # Amending
        "amendment_unchanged": _("The new version must differ from version %(version)s."),
        "no_suggestion_yet": _("Resolve the objection first: the objector suggests an amendment."),
        "suggestion_empty": _("The suggested amendment cannot be empty."),
        "objector_suggests_first": _(
            "The objector speaks first: %(members)s, suggest how to resolve the objection."
        ),
        # Consent round
        "concern_needs_text": _("Describe the concern."),
        "objection_needs_argument": _(
            "An objection needs an argument: how does the proposal harm the shared aim?"
        ),
        # Testing objections
        "no_untested_objection": _("%(member)s has no untested objection on this version."),
        "test_question_already_asked": _("The test question has already been asked: %(question)s"),
        "test_question_not_asked": _("Ask the test question first: %(question)s"),
        "test_questions_open": _(
            "Test the objection with the objector and the circle first. Still to be asked and "
            "answered: %(questions)s"
        ),
        "objector_not_heard": _(
            "%(member)s, who objects, has not answered a test question yet: test the objection "
            "with the objector."
        ),
        "tested_without_circle": _(
            "The objection is tested with the circle, not by the facilitator alone: let "
            "%(members)s take part."
        ),
        "verdict_needs_reason": _("Record why the objection is or is not a paramount objection."),
        "no_standing_objection": _("%(member)s has no objection that can be withdrawn."),
        "qualified_objection_not_a_concern": _(
            "A qualified objection must be resolved; only an objection that is not qualified can "
            "stay as a concern."
        ),
        # Agreement and review
        "already_agreed": _("This proposal has already been agreed."),
        "process_closed": _("This process has ended: %(phase)s."),
        "no_consent_round": _("No consent round has been held on version %(version)s."),
        "members_open": _("Not everyone has answered: %(members)s still open."),
        "objections_untested": _("The objections of %(members)s have not been tested yet."),
        "objection_stands": _("The objection of %(members)s stands and must be resolved first."),
        "responsibility_incomplete": _("Every task needs a person and a description."),
        "review_date_not_after_decision": _("The review date must lie after the decision date."),
        "review_not_due": _("The review is not due before %(review_date)s."),
        "next_review_date_required": _("Keeping the agreement needs a new review date."),
        "next_review_date_too_early": _("The new review date must lie after %(review_date)s."),
        "deferral_needs_owner": _("A deferred proposal needs someone who picks it up again."),
        "deferral_needs_date": _("A deferral needs the date of the meeting and a later date."),
        "deferral_not_in_future": _(
            "The date to pick the proposal up again must lie in the future."
        ),
        "referral_needs_circle": _("Name the higher circle the decision is referred to."),
        "referral_needs_reason": _("Say why the circle cannot resolve the objection itself."),
        "referral_without_objection": _(
            "Only an objection the circle cannot resolve is referred to the higher circle."
        ),
        "review_proposal_missing": _(
            "The circle decides on the review by consent: first propose keeping, amending or "
            "dropping the agreement."
        ),
        "review_proposal_pending": _("A proposal for the review is already on the table."),
        "review_needs_consent": _(
            "The circle decides on the review by consent, never the facilitator alone: hold "
            "the consent round on the proposal first."
        ),
        "review_not_consented": _(
            "The circle did not consent to this outcome of the review: %(members)s objected."
        ),
        "review_outcome_differs": _(
            "The circle consented to %(consented)s, not to another outcome."
        ),
        "review_amend_by_proposal": _(
            "An amendment at review is proposed as a new version and goes to a consent round."
        ),
        "checkin_empty": _("Say how you arrive, or pass."),
        "rating_out_of_range": _("Rate the meeting from 1 to 10."),
        "evaluation_empty": _("Name one thing to keep or change."),
        "opening_round_too_late": _("The opening round comes before anything else."),
        "closing_round_too_early": _("The closing round comes at the end of the meeting."),
        "closing_round_held": _("The closing round has already been held."),
        # Election
        "role_name_empty": _("Name the role."),
        "term_ends_before_start": _("The term must end after it starts."),
        "role_needs_task": _("Describe at least one task of the role."),
        "role_needs_quality": _("Name at least one quality the role needs."),
        "review_date_before_term": _("The review date lies within or after the term."),
        "nominee_not_member": _("%(nominee)s is not a member of this circle."),
        "nominee_blank": _("Name a nominee, or nominate nobody."),
        "reason_required": _("Say why: whom you nominate and for what reasons."),
        "change_needs_reason": _("Say why you change your nomination."),
        "nomination_unchanged": _("%(member)s already nominates %(nominee)s."),
        "nomination_unchanged_nobody": _("%(member)s already nominates nobody."),
        "proposal_needs_reasons": _("Propose a candidate on the strength of the reasons given."),
        "candidate_not_nominated": _("%(candidate)s has not been nominated."),
        "candidate_already_proposed": _("%(candidate)s has already been proposed."),
        "same_candidate_without_change": _(
            "Propose another candidate, or amend the role before proposing %(candidate)s again."
        ),
        "role_unchanged": _("The amended role must differ from the current one."),
        "no_candidate": _("No candidate has been proposed."),
        "no_consent_round_on_candidate": _("No consent round has been held on %(candidate)s."),
        "only_candidate": _("Only the candidate, %(candidate)s, can do this: %(action)s."),
        "already_elected": _("%(candidate)s has already been elected."),
    }
)

# Parameters that carry a label marked with _() and should be translated with the message.
LABEL_PARAMS: Final = frozenset({"action", "phase", "round"})


def _untranslated(text: str) -> str:
    return text


class ProcessError(Exception):
    """A step the sociocratic process does not allow, with a reason a user can read."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.message = MESSAGES[code]
        self.params = params
        super().__init__(self.format())

    def format(self, translate: Callable[[str], str] = _untranslated) -> str:
        """The message with its parameters filled in, e.g. `err.format(gettext)`."""
        params = {
            name: translate(value) if name in LABEL_PARAMS and isinstance(value, str) else value
            for name, value in self.params.items()
        }
        return translate(self.message) % params

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword parameters would otherwise be lost when the error is pickled.
        return (_rebuild_error, (self.code, self.params))


def _rebuild_error(code: str, params: dict[str, object]) -> ProcessError:
    return ProcessError(code, **params)
