from dataclasses import replace
from datetime import date

from scout.calendar import availability, daylight, public_holiday
from scout.model import Catalogue, Coordinates


def test_mexican_public_holidays_come_from_the_maintained_calendar() -> None:
    assert public_holiday(date(2024, 9, 16))  # Independence Day
    assert public_holiday(date(2024, 10, 1))  # transfer of federal power, every six years
    assert public_holiday(date(2024, 11, 18))  # Revolution Day, third Monday of November
    assert public_holiday(date(2024, 9, 17)) is None
    assert public_holiday(date(2025, 10, 1)) is None


def test_daylight_in_guadalajara_in_late_september() -> None:
    # Sunrise about 06:43 and sunset about 18:48 local time (UTC-6) on 23 Sep 2024.
    rise, fall = daylight(Coordinates(20.6767, -103.3475), date(2024, 9, 23), "America/Mexico_City")
    assert 6 * 60 + 38 <= rise <= 6 * 60 + 48
    assert 18 * 60 + 43 <= fall <= 18 * 60 + 53


def test_tijuana_follows_us_daylight_saving() -> None:
    # On 1 Nov 2024 Tijuana is still on PDT (sunset about 17:55); on 4 Nov, on PST (about 16:52).
    tijuana = Coordinates(32.5325, -117.0189)
    before = daylight(tijuana, date(2024, 11, 1), "America/Tijuana")[1]
    after = daylight(tijuana, date(2024, 11, 4), "America/Tijuana")[1]
    assert before - after > 50


def test_office_is_closed_on_weekends_and_holidays(catalogue: Catalogue) -> None:
    office = catalogue.place("bc-film-commission")
    monday = availability(office, date(2024, 9, 23), "America/Tijuana")
    assert monday.windows == ((9 * 60, 17 * 60),)
    saturday = availability(office, date(2024, 9, 28), "America/Tijuana")
    assert not saturday.is_open and saturday.reason and "Saturday" in saturday.reason
    holiday = availability(office, date(2024, 9, 16), "America/Tijuana")
    assert not holiday.is_open and holiday.reason and "holiday" in holiday.reason


def test_exterior_place_is_limited_to_daylight(catalogue: Catalogue) -> None:
    beach = catalogue.place("rosarito")
    assert beach.exterior
    (window,) = availability(beach, date(2024, 9, 23), "America/Tijuana").windows
    assert 6 * 60 + 30 <= window[0] <= 7 * 60 and 18 * 60 + 30 <= window[1] <= 19 * 60
    indoors = replace(beach, exterior=False)
    assert availability(indoors, date(2024, 9, 23), "America/Tijuana").windows == ((0, 24 * 60),)
