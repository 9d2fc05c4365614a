from django import template

from certificates.eligibility import elearning_eligibility
from certificates.selectors import certificates_of, elearning_certificate_of

register = template.Library()


@register.simple_tag(takes_context=True)
def my_certificates(context):
    """The signed-in participant's certificates, for "My Leerkring" (one query)."""
    user = context["request"].user
    return certificates_of(user=user) if user.is_authenticated else []


@register.simple_tag(takes_context=True)
def elearning_certificate(context, course):
    """For a finished e-learning course: the certificate in force, or whether (and why not)
    the participant can get one now. Used on the course page and "My Leerkring"."""
    user = context["request"].user
    certificate = elearning_certificate_of(user=user, course=course)
    eligibility = None
    if certificate is None and user.is_authenticated:
        eligibility = elearning_eligibility(participant=user, course=course)
    return {"certificate": certificate, "eligibility": eligibility}
