"""A script the process refuses is reported in /beheer/ on the block that is wrong, in Dutch:
through the model's validation and through Wagtail's edit view (HTTP POST)."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail import blocks as wagtail_blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.test.utils.form_data import rich_text

from exercises.models import ExercisePage
from exercises.scenario import AnswerKind
from tests.accounts.factories import UserFactory
from tests.exercises.factories import consent_exercise, home_page
from tests.exercises.scenarios import consent_scenario

pytestmark = pytest.mark.django_db


def _refused(scenario, **fields) -> dict:
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        consent_exercise(scenario=scenario, **fields)
    return refused.value.error_dict


def _without_argument(scenario):
    """The objection in the first consent round, with its argument left out."""
    first = scenario.consent_rounds[0]
    index, objection = next(
        (i, a) for i, a in enumerate(first.answers) if a.kind is AnswerKind.OBJECTION
    )
    answers = list(first.answers)
    answers[index] = dataclasses.replace(objection, text="")
    rounds = (dataclasses.replace(first, answers=tuple(answers)), *scenario.consent_rounds[1:])
    return dataclasses.replace(scenario, consent_rounds=rounds), index


def test_an_objection_without_argument_is_reported_on_its_answer_in_its_round():
    scenario, index = _without_argument(consent_scenario())

    errors = _refused(scenario)

    assert list(errors) == ["consent_rounds"]
    stream = errors["consent_rounds"][0]
    assert list(stream.block_errors) == [0]  # the first consent round
    answers = stream.block_errors[0].block_errors["answers"]
    assert list(answers.block_errors) == [index]  # that answer, and only that one
    message = answers.block_errors[index].block_errors["text"].messages[0]
    assert message.startswith("Dit blok loopt niet door het proces")
    assert "argument" in message


def test_a_question_round_out_of_circle_order_is_reported_on_the_turn_that_jumps_in():
    scenario = consent_scenario()
    questions = list(scenario.questions)
    questions[0], questions[1] = questions[1], questions[0]

    errors = _refused(dataclasses.replace(scenario, questions=tuple(questions)))

    stream = errors["question_round"][0]
    assert isinstance(stream, StreamBlockValidationError)
    assert list(stream.block_errors) == [0]  # Bram speaks before Anouk
    struct = stream.block_errors[0]
    assert isinstance(struct, StructBlockValidationError)
    assert "Bram" in struct.block_errors["persona"].messages[0]


def test_a_missing_reaction_is_reported_on_the_reaction_round():
    scenario = consent_scenario()

    errors = _refused(dataclasses.replace(scenario, reactions=scenario.reactions[:-1]))

    stream = errors["reaction_round"][0]
    assert stream.non_block_errors
    assert "Dit blok loopt niet door het proces" in stream.non_block_errors.as_data()[0].messages[0]


# Through the edit view


def _form_data(block, value, prefix: str) -> dict:
    """`value` of `block` as Wagtail's admin form posts it."""
    if isinstance(block, wagtail_blocks.StreamBlock):
        data = {f"{prefix}-count": len(value)}
        for i, child in enumerate(value):
            data |= {
                f"{prefix}-{i}-type": child.block_type,
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": i,
                f"{prefix}-{i}-id": child.id or "",
            }
            data |= _form_data(child.block, child.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, wagtail_blocks.ListBlock):
        items = list(value)
        data = {f"{prefix}-count": len(items)}
        for i, item in enumerate(items):
            data |= {f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": i, f"{prefix}-{i}-id": ""}
            data |= _form_data(block.child_block, item, f"{prefix}-{i}-value")
        return data
    if isinstance(block, wagtail_blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= _form_data(child, value.get(name), f"{prefix}-{name}")
        return data
    if isinstance(block, wagtail_blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    return {prefix: "" if value is None else str(value)}


def edit_form_data(page: ExercisePage) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "situation": rich_text(page.situation),
        "minimum_score": "",
    }
    for field in (
        "method",
        "driver",
        "shared_aim",
        "proposal",
        "proposer",
        "review_after_months",
        "dismissal_consequence",
        "learner_role",
        "learner_persona",
        "review_evidence",
        "review_consequence",
    ):
        data[field] = getattr(page, field)
    for name in (
        "personas",
        "question_round",
        "reaction_round",
        "consent_rounds",
        "review_options",
    ):
        stream = ExercisePage._meta.get_field(name).stream_block
        data |= _form_data(stream, getattr(page, name), name)
    return data


def test_the_edit_view_shows_the_error_on_the_answer_without_argument(client):
    home_page()
    page = consent_exercise(slug="buurtplein")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(page)
    ok = client.post(url, data)
    assert ok.status_code == 302  # the form data is complete: a valid script saves
    scenario, index = _without_argument(page.scenario())
    data[f"consent_rounds-0-value-answers-{index}-value-text"] = ""

    with translation.override("nl"):
        response = client.post(url, data, headers={"accept-language": "nl"})

    assert response.status_code == 200  # the form again, with errors
    form = response.context["form"]
    error = form.errors.as_data()["consent_rounds"][0]
    answers = error.block_errors[0].block_errors["answers"]
    assert list(answers.block_errors) == [index]
    message = answers.block_errors[index].block_errors["text"].messages[0]
    assert message.startswith("Dit blok loopt niet door het proces")
    assert "Dit blok loopt niet door het proces" in response.text  # shown with the block
    # And nothing was saved: the latest revision still has the argument.
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.consent_rounds[0].value["answers"][index]["text"]


def test_an_election_turn_out_of_circle_order_is_reported_on_its_nomination():
    from tests.exercises.factories import election_exercise
    from tests.exercises.scenarios import election_scenario

    scenario = election_scenario()
    nominations = list(scenario.nominations)
    nominations[0], nominations[1] = nominations[1], nominations[0]

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        election_exercise(scenario=dataclasses.replace(scenario, nominations=tuple(nominations)))

    stream = refused.value.error_dict["nominations"][0]
    assert list(stream.block_errors) == [0]
    message = stream.block_errors[0].block_errors["persona"].messages[0]
    assert message.startswith("Dit blok loopt niet door het proces")
