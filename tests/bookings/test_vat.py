from decimal import Decimal

from bookings.vat import quote_totals
from courses.models import VatCategory


def test_totals_per_rate_and_overall():
    totals = quote_totals(
        [
            (Decimal("2450.00"), VatCategory.HIGH),
            (Decimal("100.00"), VatCategory.LOW),
            (Decimal("35.00"), VatCategory.EXEMPT),
        ]
    )

    assert [(r.category, r.subtotal, r.vat) for r in totals.per_rate] == [
        (VatCategory.HIGH, Decimal("2450.00"), Decimal("514.50")),
        (VatCategory.LOW, Decimal("100.00"), Decimal("9.00")),
        (VatCategory.EXEMPT, Decimal("35.00"), Decimal("0.00")),
    ]
    assert totals.subtotal == Decimal("2585.00")
    assert totals.vat == Decimal("523.50")
    assert totals.total == Decimal("3108.50")


def test_vat_is_rounded_once_on_the_rate_total_not_per_line():
    # Three lines of € 0,10 at 21 %: per line 0,021 → 0,02 each = 0,06; on the total 0,063 → 0,06.
    # Seven lines of € 0,05 at 21 %: per line 0,0105 → 0,01 each = 0,07; on 0,35 → 0,0735 → 0,07.
    # Ten lines of € 0,07: per line 0,0147 → 0,01 = 0,10; on 0,70 → 0,147 → 0,15.
    totals = quote_totals([(Decimal("0.07"), VatCategory.HIGH)] * 10)

    assert totals.vat == Decimal("0.15")


def test_empty_quote_has_zero_totals():
    totals = quote_totals([])

    assert totals.per_rate == ()
    assert totals.total == Decimal("0.00")
