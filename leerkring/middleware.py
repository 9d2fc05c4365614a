from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DutchFirstLocaleMiddleware:
    """Dutch for everyone unless they chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; our users are
    Dutch and government sites speak Dutch first, so only the explicit choice (the
    language cookie set by the switch) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class AdminContentSecurityPolicyMiddleware:
    """The Wagtail admin (/beheer/) under its own Content-Security-Policy.

    Wagtail 8 still runs inline scripts (panels, choosers, the sessions' "add" button) that
    carry no nonce, so the admin needs 'unsafe-inline' for scripts, and the policy must then
    leave out the nonce (a browser ignores 'unsafe-inline' when a nonce is present). The
    public site keeps settings.SECURE_CSP: scripts only from our origin or with the nonce.
    Must sit after ContentSecurityPolicyMiddleware, so it sees the response first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix is None:
            from django.urls import reverse

            self.prefix = reverse("wagtailadmin_home")
        # A view that chose its own policy (csp_override) keeps it.
        if request.path_info.startswith(self.prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response
