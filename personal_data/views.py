from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from personal_data.forms import DeleteAccountForm
from personal_data.models import DataExport
from personal_data.services import (
    PersonalDataError,
    delete_account,
    downloadable_export,
    request_export,
)
from privacy.models import AccessAction
from privacy.services import record_access


@login_required
def overview(request):
    exports = DataExport.objects.filter(user=request.user)[:5]
    return render(request, "personal_data/overview.html", {"exports": exports})


@login_required
@require_POST
def export_request(request):
    request_export(user=request.user)
    messages.success(
        request,
        _(
            "We are gathering your data. You will receive an email with a download link; "
            "the link works for 7 days."
        ),
    )
    return redirect("personal_data:overview")


@never_cache
@login_required
def export_download(request, export_uuid):
    export = downloadable_export(user=request.user, export_uuid=export_uuid)
    if export is None:
        raise Http404
    record_access(
        actor=request.user,
        action=AccessAction.OWN_DATA_EXPORTED,
        subjects=[request.user],
        obj=export,
    )
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"leerkring-gegevens-{export.ready_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def account_delete(request):
    if request.method == "POST":
        # Guessing the password with a borrowed session meets allauth's re-authentication limit.
        limited = ratelimit.consume_or_429(request, action="reauthenticate", user=request.user)
        if limited is not None:
            return limited
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(
                user=request.user,
                withdraw_certificates=form.cleaned_data["withdraw_certificates"],
            )
        except PersonalDataError as error:
            messages.error(request, error.message)
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for learning with us.")
            )
            return redirect("/")
    return render(request, "personal_data/delete.html", {"form": form})
