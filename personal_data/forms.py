from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """Confirmed with the password, and with the authenticator app's code where it is on."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    withdraw_certificates = forms.BooleanField(
        label=_("Also revoke my certificates"),
        required=False,
        help_text=_(
            "Without this, your certificates stay verifiable with your name as it is printed "
            "on them. With it, their verification page says they were withdrawn at your "
            "request, without your name."
        ),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if self.totp is None:
            del self.fields["code"]
        else:
            self.fields["code"].required = True

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        if self.totp is not None and not TOTP(self.totp).validate_code(code):
            raise forms.ValidationError(_("This code is not correct. Enter the current code."))
        return code
