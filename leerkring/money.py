from decimal import ROUND_HALF_UP, Decimal


def format_euro(amount: Decimal | int | float | str | None) -> str:
    """`€ 1.234,56`, the way Dutch invoices write money, whatever the interface language."""
    if amount is None or amount == "":
        return ""
    cents = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, fraction = f"{abs(cents):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€\u00a0{grouped},{fraction}"
