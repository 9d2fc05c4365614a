from django import template

from certificates.selectors import certificates_of

register = template.Library()


@register.simple_tag(takes_context=True)
def my_certificates(context):
    """The signed-in participant's certificates, for "My Leerkring" (one query)."""
    user = context["request"].user
    return certificates_of(user=user) if user.is_authenticated else []
