import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PARTICIPANT
from certificates.models import Certificate
from certificates.services import correct_certificate, issue_certificate, revoke_certificate
from certificates.zip import zip_member_name
from cohorts.models import EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.certificates.factories import enrol_participant, make_completed_cohort, make_trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment, trainer):
    return issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)


def verify_url(code):
    return reverse("certificates:verify", kwargs={"code": code})


def status_of(response) -> str:
    html = response.content.decode()
    marker = 'data-status="'
    return html[html.index(marker) + len(marker) :].split('"', 1)[0]


# --- public verification --------------------------------------------------------------------


def test_a_valid_certificate_shows_name_course_dates_and_issuer_only(client, certificate):
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 200
    assert status_of(response) == "valid"
    html = response.content.decode()
    assert "Ingrid van der Meer" in html
    assert certificate.course_title in html
    assert "Leerkring" in html
    participant = certificate.participant
    assert participant.email not in html  # no other personal data
    assert str(certificate.uuid) not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_revoked_certificate_says_so_with_the_date_and_the_successor(
    client, certificate, trainer
):
    new = correct_certificate(certificate=certificate, by=trainer, reason="Naam", notify=False)
    response = client.get(verify_url(certificate.code))
    assert response.status_code == 200
    assert status_of(response) == "revoked"
    html = response.content.decode()
    assert timezone.localdate().strftime("%d-%m-%Y") in html
    assert verify_url(new.code) in html
    assert "Naam" not in html.split('id="certificate-status"')[1].split("</section>")[0]


def test_an_expired_certificate_says_so(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    response = client.get(verify_url(certificate.code))
    assert status_of(response) == "expired"


@pytest.mark.parametrize("code", ["LK-0000-0000-0000", "niet-een-code", "LK-7Q4M-X2PD-9KTU"])
def test_an_unknown_code_reveals_nothing(client, certificate, code):
    response = client.get(verify_url(code))
    assert response.status_code == 404
    assert status_of(response) == "unknown"
    html = response.content.decode()
    assert certificate.participant_name not in html
    assert certificate.course_title not in html


def test_a_sloppily_typed_code_goes_to_its_canonical_page(client, certificate):
    sloppy = certificate.code.lower().replace("-", "")
    response = client.get(verify_url(sloppy))
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)


def test_the_form_sends_a_typed_code_to_its_page(client, certificate):
    response = client.get(reverse("certificates:lookup"), {"code": certificate.code.lower()})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate.code)


def test_the_form_refuses_what_cannot_be_a_code(client):
    response = client.get(reverse("certificates:lookup"), {"code": "hallo"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_the_lookup_page_renders_empty(client):
    response = client.get(reverse("certificates:lookup"))
    assert response.status_code == 200
    assert b'id="certificate-lookup"' in response.content


def test_guessing_is_rate_limited_per_client(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = (3, 600)
    codes = ["LK-0000-0000-0001", "LK-0000-0000-0002", "LK-0000-0000-0003"]
    assert [client.get(verify_url(code)).status_code for code in codes] == [404, 404, 404]
    blocked = client.get(verify_url(certificate.code))
    assert blocked.status_code == 429
    assert certificate.participant_name not in blocked.content.decode()
    other_client = client_class_for(client)(REMOTE_ADDR="203.0.113.9")
    assert other_client.get(verify_url(certificate.code)).status_code == 200


def client_class_for(client):
    from django.test import Client

    return lambda **defaults: Client(**defaults)


# --- participant downloads --------------------------------------------------------------------


def test_a_participant_downloads_their_own_pdf(client, certificate):
    client.force_login(certificate.participant)
    response = client.get(reverse("certificates:download", args=[certificate.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificaat-{certificate.code}.pdf" in response["Content-Disposition"]
    with certificate.pdf.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_another_participants_certificate_is_not_found(client, certificate):
    client.force_login(UserFactory())
    response = client.get(reverse("certificates:download", args=[certificate.uuid]))
    assert response.status_code == 404


def test_downloading_needs_a_login(client, certificate):
    response = client.get(reverse("certificates:download", args=[certificate.uuid]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_revoked_pdf_is_no_longer_handed_out(client, certificate, trainer):
    revoke_certificate(certificate=certificate, by=trainer, reason="Ten onrechte")
    client.force_login(certificate.participant)
    response = client.get(reverse("certificates:download", args=[certificate.uuid]))
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")


def test_my_certificates_lists_only_my_own(client, certificate, cohort, trainer):
    other = issue_certificate(enrolment=enrol_participant(cohort), issued_by=trainer, notify=False)
    client.force_login(certificate.participant)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert f'id="certificate-{certificate.uuid}"' in html
    assert str(other.uuid) not in html
    assert reverse("certificates:download", args=[certificate.uuid]) in html


def test_my_leerkring_has_a_my_certificates_section(client, certificate):
    client.force_login(certificate.participant)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'id="certificates"' in html
    assert reverse("certificates:download", args=[certificate.uuid]) in html


def test_a_revoked_certificate_is_listed_without_download(client, certificate, trainer):
    revoke_certificate(certificate=certificate, by=trainer, reason="Fout")
    client.force_login(certificate.participant)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert f'id="certificate-{certificate.uuid}"' in html
    assert reverse("certificates:download", args=[certificate.uuid]) not in html


def test_my_certificates_takes_the_same_queries_for_one_or_many(
    client, cohort, trainer, django_assert_max_num_queries
):
    participant = UserFactory()
    client.force_login(participant)

    def page():
        response = client.get(reverse("certificates:mine"))
        assert response.status_code == 200
        return response

    for size in (1, 5):
        while Certificate.objects.filter(participant=participant).count() < size:
            course_cohort = make_completed_cohort(trainer=trainer)
            enrolment = course_cohort.enrolments.create(
                participant=participant, status=EnrolmentStatus.COMPLETED
            )
            issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)
        with django_assert_max_num_queries(12):
            page()


# --- trainers -----------------------------------------------------------------------------------


def test_the_trainer_sees_the_cohort_with_reasons(client, cohort, trainer, certificate):
    waiting = enrol_participant(cohort, status=EnrolmentStatus.ENROLLED)
    client.force_login(trainer)
    response = client.get(reverse("certificates:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert certificate.code in html
    assert f'id="enrolment-{waiting.pk}"' in html
    rows = {row.enrolment.pk: row for row in response.context["rows"]}
    assert not rows[waiting.pk].eligibility.eligible


def test_the_cohort_page_takes_the_same_queries_for_small_and_large_cohorts(
    client, trainer, django_assert_max_num_queries
):
    client.force_login(trainer)
    for size in (2, 6):
        cohort = make_completed_cohort(trainer=trainer)
        for _ in range(size):
            issue_certificate(enrolment=enrol_participant(cohort), issued_by=trainer, notify=False)
        with django_assert_max_num_queries(20):
            assert client.get(reverse("certificates:cohort", args=[cohort.pk])).status_code == 200


@pytest.mark.parametrize("who", ["participant", "other trainer", "anonymous"])
def test_others_cannot_see_or_issue_for_a_cohort(client, cohort, enrolment, who):
    if who == "participant":
        client.force_login(enrolment.participant)
    elif who == "other trainer":
        client.force_login(make_trainer())
    urls = [
        ("get", reverse("certificates:cohort", args=[cohort.pk])),
        ("get", reverse("certificates:cohort_zip", args=[cohort.pk])),
        ("post", reverse("certificates:issue_cohort", args=[cohort.pk])),
        ("post", reverse("certificates:issue_one", args=[cohort.pk, enrolment.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == (302 if who == "anonymous" else 404), url
    assert not Certificate.objects.exists()


def test_the_trainer_issues_for_the_cohort_in_the_background(
    client, cohort, trainer, django_capture_on_commit_callbacks
):
    enrolments = [enrol_participant(cohort) for _ in range(2)]
    enrol_participant(cohort, status=EnrolmentStatus.NO_SHOW)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:issue_cohort", args=[cohort.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:cohort", args=[cohort.pk])
    assert {c.enrolment for c in Certificate.objects.all()} == set(enrolments)


def test_the_trainer_issues_for_one_participant(client, cohort, trainer, enrolment):
    client.force_login(trainer)
    response = client.post(reverse("certificates:issue_one", args=[cohort.pk, enrolment.pk]))
    assert response.status_code == 302
    assert Certificate.objects.get().enrolment == enrolment
    client.post(reverse("certificates:issue_one", args=[cohort.pk, enrolment.pk]))
    assert Certificate.objects.count() == 1


def test_an_enrolment_of_another_cohort_is_not_found(client, trainer, cohort):
    elsewhere = enrol_participant(make_completed_cohort(trainer=make_trainer()))
    client.force_login(trainer)
    response = client.post(reverse("certificates:issue_one", args=[cohort.pk, elsewhere.pk]))
    assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_the_trainer_downloads_all_valid_pdfs_as_a_zip(client, cohort, trainer, certificate):
    second = issue_certificate(enrolment=enrol_participant(cohort), issued_by=trainer, notify=False)
    revoked = issue_certificate(
        enrolment=enrol_participant(cohort), issued_by=trainer, notify=False
    )
    revoke_certificate(certificate=revoked, by=trainer, reason="Fout")
    client.force_login(trainer)
    response = client.get(reverse("certificates:cohort_zip", args=[cohort.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(zip_member_name(c) for c in [certificate, second])
    for member in [certificate, second]:
        with member.pdf.open("rb") as handle:
            assert archive.read(zip_member_name(member)) == handle.read()


def test_the_trainer_can_download_a_pdf_of_their_cohort(client, certificate, trainer):
    client.force_login(trainer)
    response = client.get(reverse("certificates:download", args=[certificate.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    response.close()


def test_the_trainer_revokes_with_a_reason(client, certificate, trainer, cohort):
    client.force_login(trainer)
    url = reverse("certificates:revoke", args=[certificate.uuid])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = client.post(url, {"reason": "Niet aanwezig geweest"})
    assert response["Location"] == reverse("certificates:cohort", args=[cohort.pk])
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == trainer


def test_the_trainer_can_revoke_and_correct_in_one_step(client, certificate, trainer):
    participant = certificate.participant
    participant.certificate_name = "I. van der Meer"
    participant.save()
    client.force_login(trainer)
    client.post(
        reverse("certificates:revoke", args=[certificate.uuid]),
        {"reason": "Naamcorrectie", "correct": "on"},
    )
    certificate.refresh_from_db()
    assert certificate.successor.participant_name == "I. van der Meer"


def test_a_participant_cannot_revoke(client, certificate):
    client.force_login(certificate.participant)
    response = client.post(
        reverse("certificates:revoke", args=[certificate.uuid]), {"reason": "Weg"}
    )
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_participant_role_user_cannot_open_trainer_pages_by_guessing_ids(client, cohort):
    client.force_login(UserFactory(roles=[PARTICIPANT]))
    assert client.get(reverse("certificates:cohort", args=[cohort.pk + 1000])).status_code == 404
