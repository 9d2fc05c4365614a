"""Certificate PDFs made before they had a private storage lay under MEDIA_ROOT, which
/media/ serves: move them into the "certificates" storage (outside MEDIA_ROOT)."""

from django.core.files.storage import storages
from django.db import migrations


def move_pdfs(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    public, private = storages["default"], storages["certificates"]
    for name in Certificate.objects.exclude(pdf="").values_list("pdf", flat=True).iterator():
        if public.exists(name) and not private.exists(name):
            with public.open(name, "rb") as source:
                private.save(name, source)
        if public.exists(name) and private.exists(name):
            public.delete(name)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [migrations.RunPython(move_pdfs, migrations.RunPython.noop)]
