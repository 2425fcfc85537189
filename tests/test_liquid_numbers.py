"""`round` rounds half away from zero and `date: "%s"` is epoch seconds, as on Ruby."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.numbers import ruby_round, with_epoch_seconds
from tests.conftest import build, jekyll_build, write_files

_CASES = (
    '{{ 0.5 | round }} {{ 2.675 | round: 2 }} {{ 2.5 | round }} {{ -2.5 | round }} {{ "3.45" | round: 1 }}'
    " {{ 7 | round }}"
)


def _reference(text: str, places: int) -> Fraction:
    """Half away from zero on the exact decimal `text`, by integer arithmetic."""
    exact = Fraction(text) * 10**places
    magnitude = math.floor(abs(exact) + Fraction(1, 2))
    return Fraction(magnitude if exact >= 0 else -magnitude, 10**places)


@given(st.decimals(min_value=-10_000, max_value=10_000, places=4, allow_nan=False), st.integers(0, 3))
def test_round_is_half_away_from_zero_on_the_written_decimal(number: object, places: int) -> None:
    text = str(number)
    expected = _reference(text, places)
    assert Fraction(str(ruby_round(text, places))) == expected
    assert Fraction(str(ruby_round(float(text), places))) == expected


@pytest.fixture
def machine_zone() -> Iterator[None]:
    before = os.environ.get("TZ")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
def test_epoch_seconds_never_read_the_machine_zone(zone: str, machine_zone: None) -> None:
    os.environ["TZ"] = zone
    time.tzset()
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    assert moment.strftime(with_epoch_seconds("%s %%s %Y", moment)) == "1704067200 %s 2024"


def test_round_and_epoch_seconds_print_what_jekyll_prints(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\ntimezone: America/New_York\n",
            "_posts/2024-01-01-r.html": (
                "---\ntitle: R\ndate: 2024-01-01 00:00:00 +0000\n---\n"
                + _CASES
                + ' {{ page.date | date: "%s %%s" }}\n'
            ),
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "out")
    expected = (tmp_path / "jekyll/2023/12/31/r.html").read_text(encoding="utf-8").strip()
    assert expected in (tmp_path / "out/2023/12/31/r.html").read_text(encoding="utf-8")
