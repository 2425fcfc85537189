"""A wall-clock time in the site's zone, resolved as Ruby's `Time.local` resolves it.

`Time.parse` reads a time without a zone it knows with `Time.local` (ruby/time.c
`time_arg`, `timelocalw`, `find_time_t`, Ruby 3.1). Three cases:

- a time the clocks show once or not at all (02:30 on a spring-forward night) is read
  with the offset before the change, so a skipped time lands an hour later;
- a time the clocks show twice (01:30 on a fall-back night) is the second one, in
  standard time (`find_time_t` checks two hours on and keeps the later reading);
- fields no clock ever shows, 24:00:00 and a leap second (`23:59:60`), have no reading
  to find: `find_time_t` searches for the last second before them, by its own sequence
  of guesses and halvings, and counts on from that second in its offset. Around a
  fall-back hour which of the two readings the search ends on depends on that sequence,
  so it is followed step by step here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

_DAY = 86_400
_TIME_T_MIN, _TIME_T_MAX = -(2**63), 2**63 - 1
_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)

#: A broken-down time as C's `struct tm` holds it (year, month 1-12, day, hour, minute,
#: second), compared field by field as time.c `tmcmp` compares (a tuple's order).
Fields = tuple[int, int, int, int, int, int]


class NoLocalTime(ValueError):
    """The search left the range of times Python can show (year 1 or 9999)."""


def local_moment(naive: datetime, zone: tzinfo) -> datetime:
    """A wall-clock time in `zone` as Ruby's `Time.local` resolves it (what `Time.parse`
    gives Jekyll): a time the clocks skip (02:30 on a spring-forward night) is read with
    the offset before the change, so it lands an hour later (03:30); a time the clocks
    show twice (01:30 on a fall-back night) is the second one, in standard time. Python's
    default (`fold=0`) takes the first of the two, an hour earlier than Jekyll."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset() or not _exists(second):
        return first
    return second


def _exists(moment: datetime) -> bool:
    """Whether the wall time `moment` shows is one its zone's clocks actually show."""
    try:
        back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    except (OverflowError, ValueError):
        return True
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def unshown_local_moment(target: Fields, zone: tzinfo) -> datetime:
    """`Time.local` of fields no clock shows (an hour of 24, a second of 60): time.c
    `find_time_t`'s search for the seconds around them, then its extrapolation from the
    last one before."""

    def shown(seconds: int) -> tuple[Fields, int]:
        try:
            moment = datetime.fromtimestamp(seconds, zone)
        except (OverflowError, OSError, ValueError):
            raise NoLocalTime(str(target)) from None
        fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
        return fields, moment.timetuple().tm_yday - 1

    low, high = _TIME_T_MIN, _TIME_T_MAX
    start = guess = _seconds_as_utc(_clamped(target))
    if shown(guess)[0] > target:
        high, guess = guess, guess - _DAY
    else:
        low, guess = guess, guess + _DAY
    if low < guess < high:
        if shown(guess)[0] > target:
            high = guess
        else:
            low = guess
    (low_fields, low_yday), (high_fields, _) = shown(low), shown(high)
    step = "from high"
    while low + 1 < high:
        if step == "from high":  # where the target would be if the offset were high's
            guess = high - (_seconds_as_utc(high_fields) - start)
            guess, step = (guess - 1 if guess == high else guess), "from low"
        elif step == "from low":
            guess = low + (start - _seconds_as_utc(low_fields))
            guess, step = (guess + 1 if guess == low else guess), "halve"
        else:
            guess = low  # halved below
        if not low < guess < high:
            guess = _c_div(low, 2) + _c_div(high, 2)
            guess = low + 1 if guess <= low else high - 1 if guess >= high else guess
            step = "from high"
        fields, yday = shown(guess)
        if fields > target:
            high, high_fields = guess, fields
        else:
            low, low_fields, low_yday = guess, fields, yday
    return datetime.fromtimestamp(low + _extrapolation(target, low_fields, low_yday), zone)


def _extrapolation(target: Fields, low: Fields, low_yday: int) -> int:
    """The seconds from the last shown time before `target` to it (time.c `find_time_t`,
    "Given argument has no corresponding time_t. Let's extrapolate.")."""
    year, low_year = target[0] - 1900, low[0] - 1900
    days = (
        (year - low_year) * 365
        + _c_div(year - 69, 4) - _c_div(year - 1, 100) + _c_div(year + 299, 400)
        - _c_div(low_year - 69, 4) + _c_div(low_year - 1, 100) - _c_div(low_year + 299, 400)
        + _year_day(target) - low_yday
    )  # fmt: skip
    return days * _DAY + (target[3] - low[3]) * 3600 + (target[4] - low[4]) * 60 + (target[5] - low[5])


def _clamped(target: Fields) -> Fields:
    """time.c `find_time_t`'s first guess: the fields, an hour past 23 made 23:59:60."""
    if target[3] > 23:
        return (*target[:3], 23, 59, 60)
    return target


def _seconds_as_utc(fields: Fields) -> int:
    """time.c `timegm_noleapsecond`: the fields read as UTC, each carried arithmetically."""
    year, _, _, hour, minute, second = fields
    tm_year = year - 1900
    yday = _year_day(fields)
    days = (
        yday + (tm_year - 70) * 365
        + _floor_div(tm_year - 69, 4) - _floor_div(tm_year - 1, 100) + _floor_div(tm_year + 299, 400)
    )  # fmt: skip
    return second + minute * 60 + hour * 3600 + days * _DAY


def _year_day(fields: Fields) -> int:
    """The 0-based day of the year of the fields' month and day (time.c `calc_tm_yday`)."""
    year, month, day = fields[0], fields[1], fields[2]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS_BEFORE_MONTH[month - 1] + (1 if leap and month > 2 else 0) + day - 1


def _c_div(a: int, b: int) -> int:
    """C's `/` on integers: the quotient cut toward zero."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


def _floor_div(a: int, b: int) -> int:
    """time.c's `DIV`: the quotient rounded down."""
    return a // b


def local_time_from_fields(
    year: int, month: int, day: int, hour: int, minute: int, second: int, zone: tzinfo
) -> datetime:
    """`Time.local` of checked fields (time.c `time_arg` has already moved a day past the
    month's end into the next month)."""
    if hour == 24 or second == 60:
        return unshown_local_moment((year, month, day, hour, minute, second), zone)
    return local_moment(datetime(year, month, day, hour, minute, second), zone)


class OutsideCalendar(ValueError):
    """A moment whose wall time in the site's zone is outside years 1-9999, the years
    Python's calendar holds (Ruby's holds any: Jekyll writes `/10000/01/01/`)."""


def shown_in(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` (aware) as `zone`'s clocks show it, as Ruby's `Time#localtime` shows it.

    The usual way goes through UTC, which fails where UTC's reading is outside years
    1-9999 but `zone`'s is not (0001-01-01 00:00 in Asia/Shanghai is year 0 in UTC): there
    the wall time is found by moving the written one by the difference of the offsets.
    Raises `OutsideCalendar` when the zone's reading itself is outside those years."""
    try:
        return moment.astimezone(UTC).astimezone(zone)
    except (OverflowError, ValueError):
        pass
    written = moment.replace(tzinfo=None)
    offset = moment.utcoffset() or timedelta()
    try:
        wall = written
        for _ in range(2):  # the zone's offset at the guess, then at the corrected guess
            wall = written + ((zone.utcoffset(wall) or timedelta()) - offset)
        shown = wall.replace(tzinfo=zone)
    except (OverflowError, ValueError):
        raise OutsideCalendar("outside years 1-9999 in the site's time zone") from None
    if shown != moment:
        raise OutsideCalendar("outside years 1-9999 in the site's time zone")
    return shown
