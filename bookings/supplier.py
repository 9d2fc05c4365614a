"""Who sends the quote: our legal details, shown on every quote (page and PDF).

They come from the settings (LEERKRING_SUPPLIER, filled from the environment; see the
README), so the company's registration is changed in one place and never typed per quote.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Supplier:
    name: str
    address: str
    kvk_number: str
    vat_number: str
    iban: str
    email: str
    payment_days: int

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.replace(";", "\n").splitlines() if line]


def supplier() -> Supplier:
    details = settings.LEERKRING_SUPPLIER
    return Supplier(
        name=details["name"],
        address=details["address"],
        kvk_number=details["kvk_number"],
        vat_number=details["vat_number"],
        iban=details["iban"],
        email=details["email"],
        payment_days=int(details["payment_days"]),
    )
