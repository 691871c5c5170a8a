"""The council's entry settings refuse a bad value at start-up, naming the setting."""

from tests.test_settings import start


def test_a_bank_holiday_that_is_not_a_date_stops_start_up():
    result = start(ENTRY_BANK_HOLIDAYS="2025-12-25,Boxing Day")
    assert result.returncode != 0
    assert "ENTRY_BANK_HOLIDAYS must list dates such as 2025-12-25" in result.stderr


def test_a_horizon_of_no_months_stops_start_up():
    result = start(ENTRY_HORIZON_MONTHS="0")
    assert result.returncode != 0
    assert "ENTRY_HORIZON_MONTHS must be at least 1" in result.stderr
