from django.db import migrations

INTRO = (
    "<p>Leerkring is de plek om sociocratie te leren én te oefenen: studiedagen, "
    "leergangen en e-learning over consentbesluitvorming, voor gemeenten en iedereen "
    "die samen beter wil besluiten.</p>"
)


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with our own home page as the site root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("courses.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="courses")
    locale = Locale.objects.first()
    homepage = HomePage.objects.create(
        title="Leerkring",
        draft_title="Leerkring",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=INTRO,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "Leerkring"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("courses.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
