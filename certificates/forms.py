from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.codes import normalise_code


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code at the bottom right of the certificate, e.g. LK-7Q4M-X2PD-9KTA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a Leerkring verification code. Check it: a code looks like "
                    "LK-7Q4M-X2PD-9KTA (letters and digits in groups of four)."
                )
            )
        return code


class RevokeForm(forms.Form):
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
