from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
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

# Wagtail serves every other path from the page tree.
urlpatterns.append(path("", include(wagtail_urls)))
