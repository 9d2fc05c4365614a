"""All PDFs of a cohort in one ZIP, for the trainer."""

import io
import zipfile

from django.utils.text import slugify

from certificates.models import Certificate


def zip_member_name(certificate: Certificate) -> str:
    return f"{slugify(certificate.participant_name) or 'deelnemer'}-{certificate.code}.pdf"


def cohort_zip_bytes(certificates: list[Certificate]) -> bytes:
    buffer = io.BytesIO()
    # PDFs are compressed already; storing them keeps the ZIP quick to make.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(zip_member_name(certificate), pdf.read())
    return buffer.getvalue()
