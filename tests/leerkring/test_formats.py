import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from leerkring.money import format_euro


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234.56"), "€\u00a01.234,56"),
        (Decimal("0"), "€\u00a00,00"),
        (1250, "€\u00a01.250,00"),
        (Decimal("1234567.891"), "€\u00a01.234.567,89"),
        (Decimal("-15.5"), "-€\u00a015,50"),
        (Decimal("0.005"), "€\u00a00,01"),
        (None, ""),
    ],
)
def test_money_is_written_the_dutch_way(amount, expected):
    assert format_euro(amount) == expected


def test_euro_filter_in_templates():
    rendered = Template("{% load leerkring_format %}{{ amount|euro }}").render(
        Context({"amount": Decimal("1234.5")})
    )

    assert rendered == "€\u00a01.234,50"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dates_are_day_month_year(language):
    with translation.override(language):
        rendered = Template("{{ day|date }} {{ moment|date:'DATETIME_FORMAT' }}").render(
            Context(
                {
                    "day": datetime.date(2026, 11, 23),
                    "moment": datetime.datetime(2026, 3, 5, 9, 30),
                }
            )
        )

    assert rendered == "23-11-2026 05-03-2026 09:30"
