"""Property tests have no time limit: the suite must pass on a loaded machine."""

import hypothesis


def test_the_suite_profile_drops_the_time_limits():
    current = hypothesis.settings()
    assert current.deadline is None
    assert hypothesis.HealthCheck.too_slow in current.suppress_health_check


def test_a_tests_own_settings_keep_the_profile_for_what_they_do_not_set():
    """As `@settings(max_examples=1000)` in tests/reminders/test_reminder_ics.py."""
    assert hypothesis.settings(max_examples=1000).deadline is None
