"""/beheer/: the list of certificates with filters, and revoking (with a reason).

Certificates are issued by trainers through the site and never edited or deleted here:
"editing" a certificate in the admin means revoking it, optionally with a corrected
successor, through the same services the site uses.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from certificates.models import Certificate, CertificateStatus
from certificates.services import CertificateError, correct_certificate, revoke_certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or deletes certificates in the admin; "change" means revoke."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CertificateStatus.choices, method="filter_status"
    )
    course_title = django_filters.AllValuesFilter(label=_("Course"))
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["status", "course_title", "issued_at"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == CertificateStatus.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        if value == CertificateStatus.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, expires_on__lt=today)
        if value == CertificateStatus.VALID:
            return queryset.valid()
        return queryset


class RevokeCertificateForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the certificate; not shown on the public verification page."),
    )
    correct = forms.BooleanField(
        label=_("Issue a corrected certificate in its place (with today's profile name)"),
        required=False,
    )

    class Meta:
        model = Certificate
        fields = []


class RevokeView(generic.EditView):
    page_title = _("Revoke certificate")
    submit_button_label = _("Revoke")
    submit_button_active_label = _("Revoking…")
    success_message = _("Certificate '%(object)s' revoked.")

    def save_instance(self):
        data = self.form.cleaned_data
        if data["correct"]:
            correct_certificate(
                certificate=self.object, by=self.request.user, reason=data["reason"]
            )
        else:
            revoke_certificate(certificate=self.object, by=self.request.user, reason=data["reason"])
        return Certificate.objects.get(pk=self.object.pk)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CertificateError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 400
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = RevokeView
    form_fields = []

    def get_form_class(self, for_update=False):
        return RevokeCertificateForm

    list_display = [
        "code",
        "participant_name",
        "course_title",
        DateColumn("issued_at", label=_("Issued")),
        Column("get_status_display", label=_("Status")),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["code", "participant_name", "course_title"]
    list_per_page = 50
    inspect_view_fields = [
        "code",
        "uuid",
        "participant_name",
        "course_title",
        "issued_at",
        "issued_by",
        "expires_on",
        "pdf_sha256",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "successor",
    ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificaten")
