from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from certificates.codes import normalise_code
from certificates.forms import CodeForm, RevokeForm
from certificates.models import Certificate
from certificates.permissions import can_issue_for_cohort, can_manage_certificate
from certificates.ratelimit import allow_lookup
from certificates.selectors import (
    certificate_by_code,
    certificates_of,
    cohort_certificate_rows,
    valid_certificates_of_cohort,
)
from certificates.services import (
    CertificateError,
    correct_certificate,
    issue_certificate,
    issue_elearning_certificate,
    revoke_certificate,
)
from certificates.tasks import issue_cohort_certificates
from certificates.zip import cohort_zip_bytes
from cohorts.models import Cohort, Enrolment
from courses.models import CoursePage

# --- public verification -------------------------------------------------------------------


def lookup(request):
    """The form to type a code; a valid-looking code goes to its verification page."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return TemplateResponse(request, "certificates/lookup.html", {"form": form})


@never_cache
def verify(request, code):
    if not allow_lookup(request):
        return TemplateResponse(request, "certificates/too_many.html", status=429)
    canonical = normalise_code(code)
    if canonical and canonical != code:
        return redirect("certificates:verify", code=canonical)
    certificate = certificate_by_code(code) if canonical else None
    response = TemplateResponse(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "code": code, "form": CodeForm()},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- participants ----------------------------------------------------------------------------


@login_required
def my_certificates(request):
    return TemplateResponse(
        request, "certificates/mine.html", {"certificates": certificates_of(user=request.user)}
    )


def _visible_certificate(request, uuid) -> Certificate:
    """The participant's own certificate, or one the user manages; anything else is 404."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__cohort", "successor"), uuid=uuid
    )
    if certificate.participant_id == request.user.pk:
        return certificate
    if can_manage_certificate(request.user, certificate):
        return certificate
    raise Http404


@login_required
def download(request, uuid):
    certificate = _visible_certificate(request, uuid)
    if certificate.is_revoked:
        # A revoked certificate is not handed out as if it were valid.
        return TemplateResponse(
            request, "certificates/revoked.html", {"certificate": certificate}, status=410
        )
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificaat-{certificate.code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def request_elearning_view(request, course_id):
    """A participant who finished an e-learning course asks for its certificate."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        certificate = issue_elearning_certificate(participant=request.user, course=course)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your certificate %(code)s is ready.") % {"code": certificate.code},
        )
    return redirect("certificates:mine")


# --- trainers ----------------------------------------------------------------------------------


def _trained_cohort(request, cohort_id) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    if not can_issue_for_cohort(request.user, cohort):
        raise Http404
    return cohort


@login_required
def cohort_certificates(request, cohort_id):
    cohort = _trained_cohort(request, cohort_id)
    rows = cohort_certificate_rows(cohort=cohort)
    for row in rows:
        # One form per row, each with its own element ids.
        row.revoke_form = RevokeForm(auto_id=f"revoke-{row.enrolment.pk}-%s")
    return TemplateResponse(request, "certificates/cohort.html", {"cohort": cohort, "rows": rows})


@login_required
@require_POST
def issue_for_cohort_view(request, cohort_id):
    cohort = _trained_cohort(request, cohort_id)
    issue_cohort_certificates.enqueue(cohort.pk, request.user.pk)
    messages.success(
        request,
        _(
            "The certificates are being issued. Participants receive an email with a link; "
            "refresh this page to see the result."
        ),
    )
    return redirect("certificates:cohort", cohort_id=cohort.pk)


@login_required
@require_POST
def issue_one_view(request, cohort_id, enrolment_id):
    cohort = _trained_cohort(request, cohort_id)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("participant", "cohort__course"),
        pk=enrolment_id,
        cohort=cohort,
    )
    try:
        certificate = issue_certificate(enrolment=enrolment, issued_by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Certificate %(code)s is issued to %(name)s.")
            % {"code": certificate.code, "name": certificate.participant_name},
        )
    return redirect("certificates:cohort", cohort_id=cohort.pk)


@login_required
def cohort_zip(request, cohort_id):
    cohort = _trained_cohort(request, cohort_id)
    content = cohort_zip_bytes(valid_certificates_of_cohort(cohort=cohort))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="certificaten-uitvoering-{cohort.pk}.zip"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def revoke(request, uuid):
    certificate = _visible_certificate(request, uuid)
    if not can_manage_certificate(request.user, certificate):
        raise Http404
    form = RevokeForm(request.POST)
    back = (
        redirect("certificates:cohort", cohort_id=certificate.enrolment.cohort_id)
        if certificate.enrolment_id
        else redirect("certificates:verify", code=certificate.code)
    )
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking; it is kept with the certificate."))
        return back
    try:
        if form.cleaned_data["correct"]:
            new = correct_certificate(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                _("Certificate %(old)s is revoked and replaced by %(new)s.")
                % {"old": certificate.code, "new": new.code},
            )
        else:
            revoke_certificate(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("Certificate %(code)s is revoked.") % {"code": certificate.code}
            )
    except CertificateError as error:
        messages.error(request, error.message)
    return back
