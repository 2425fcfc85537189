from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sitegen.dates import DateParseError, parse_date

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_offset_in_text_is_honoured_and_shown_in_site_zone() -> None:
    moment = parse_date("2022-05-27 23:48:36 -0500", SHANGHAI)
    assert moment.isoformat() == "2022-05-28T12:48:36+08:00"


def test_text_without_offset_is_read_in_site_zone() -> None:
    assert parse_date("2021-12-08 10:46:18", SHANGHAI).utcoffset() == timedelta(hours=8)
    assert parse_date("2021-12-08 10:46:18", SHANGHAI).hour == 10


def test_yaml_naive_datetime_is_read_in_site_zone() -> None:
    moment = parse_date(datetime(2021, 12, 1, 13, 33, 50), SHANGHAI)
    assert moment.isoformat() == "2021-12-01T13:33:50+08:00"


def test_aware_datetime_is_converted_to_site_zone() -> None:
    moment = parse_date(datetime(2022, 1, 1, 20, 0, tzinfo=UTC), SHANGHAI)
    assert (moment.day, moment.hour) == (2, 4)


def test_plain_date_is_midnight_in_site_zone() -> None:
    assert parse_date(date(2022, 5, 27), SHANGHAI).isoformat() == "2022-05-27T00:00:00+08:00"


@pytest.mark.parametrize(
    "text", ["2022-05-27T16:48:36+08:00", "2022-05-27 16:48 +08:00", "2022-05-27 08:48:36Z"]
)
def test_other_common_spellings(text: str) -> None:
    assert parse_date(text, SHANGHAI).isoformat() == (
        "2022-05-27T16:48:36+08:00" if "36" in text else "2022-05-27T16:48:00+08:00"
    )


@pytest.mark.parametrize("value", ["+0800", "yesterday", "2022-13-40 10:00:00", 12345, ["2022-01-01"]])
def test_unreadable_dates_raise(value: object) -> None:
    with pytest.raises(DateParseError):
        parse_date(value, SHANGHAI)
