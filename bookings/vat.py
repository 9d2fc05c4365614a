"""VAT on a quote: amounts excl. VAT per line, VAT computed and rounded once per rate.

Rounding per line and then adding would drift by cents from what the accountant computes;
Dutch invoicing practice rounds the VAT of each rate's subtotal.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from courses.models import VatCategory

CENT = Decimal("0.01")

RATES: dict[str, Decimal] = {
    VatCategory.HIGH: Decimal("0.21"),
    VatCategory.LOW: Decimal("0.09"),
    VatCategory.EXEMPT: Decimal("0"),
}


@dataclass(frozen=True)
class RateTotal:
    category: str
    label: str
    rate: Decimal
    subtotal: Decimal
    vat: Decimal


@dataclass(frozen=True)
class QuoteTotals:
    per_rate: tuple[RateTotal, ...]
    subtotal: Decimal
    vat: Decimal
    total: Decimal


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def quote_totals(lines: Iterable[tuple[Decimal, str]]) -> QuoteTotals:
    """Totals for (amount excl. VAT, VAT category) pairs, in the order 21 %, 9 %, exempt."""
    subtotals: dict[str, Decimal] = {}
    for amount, category in lines:
        subtotals[category] = subtotals.get(category, Decimal("0")) + amount
    per_rate = tuple(
        RateTotal(
            category=category,
            label=str(VatCategory(category).label),
            rate=RATES[category],
            subtotal=to_cents(subtotals[category]),
            vat=to_cents(subtotals[category] * RATES[category]),
        )
        for category in RATES
        if category in subtotals
    )
    subtotal = sum((rate.subtotal for rate in per_rate), Decimal("0.00"))
    vat = sum((rate.vat for rate in per_rate), Decimal("0.00"))
    return QuoteTotals(per_rate=per_rate, subtotal=subtotal, vat=vat, total=subtotal + vat)
