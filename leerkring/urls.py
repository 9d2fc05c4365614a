from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import login_redirects
from courses import routing
from leerkring import health
from privacy import views as privacy_views

urlpatterns = [
    path("gezond/", health.health, name="health"),
    # Wagtail's own login and password-reset views skip allauth (verification, rate limits,
    # second factor); they only forward to allauth's. Listed before the includes that
    # define them, so these win.
    path("beheer/login/", login_redirects.to_login, name="leerkring_admin_login"),
    re_path(r"^beheer/password_reset/", login_redirects.to_password_reset),
    path("_util/login/", login_redirects.to_login, name="leerkring_frontend_login"),
    path("privacyverklaring/", privacy_views.statement, name="privacy"),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
    path("mijn/gegevens/mijn-data/", include("personal_data.urls")),
    path("mijn/", include("accounts.urls")),
    path("oefenen/", include("exercises.urls")),
    path("certificaat/", include("certificates.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("incompany/", include("bookings.urls")),
    path("", include("courses.urls")),
    path("", include("cohorts.urls")),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, through our serve view, which finds a
# page in a fixed number of queries (courses.routing); Wagtail's other URLs as they are.
urlpatterns += [
    path("", include([p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

# Django's own error pages, closing the database connection they used (leerkring.error_pages).
handler400 = "leerkring.error_pages.bad_request"
handler403 = "leerkring.error_pages.permission_denied"
handler404 = "leerkring.error_pages.page_not_found"
handler500 = "leerkring.error_pages.server_error"
