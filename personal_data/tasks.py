from django.tasks import task

from personal_data.services import build_export


@task
def build_data_export(export_id: int) -> bool:
    return build_export(export_id=export_id) is not None
