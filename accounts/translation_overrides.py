"""allauth's Dutch says "Aanmelden" and "Afmelden"; the rest of the site says "Inloggen" and
"Uitloggen", as Dutch government sites do. Listing the strings here puts them in our own
catalogue (locale/nl), which Django prefers over allauth's."""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Sign Up"),
]
