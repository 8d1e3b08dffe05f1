"""Which calendar data a deadline was counted with: the holiday library's version and a
digest of the official-calendar data file. Stored in DeadlineSet so that a replay can
tell whether it runs under the same calendars."""

import hashlib
from functools import cache
from importlib import resources

import holidays

from services.sla.domain.calendars import DATA_FILE, BusinessCalendar


def calendar_version(calendar: BusinessCalendar) -> str:
    return f"{calendar.country}/holidays-{holidays.__version__}/official-{_data_digest()}"


@cache
def _data_digest() -> str:
    data = resources.files("services.sla.data").joinpath(DATA_FILE).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]
