"""Run the browser writer's own suite (tests/js/, Node's built-in runner) as part of pytest."""

from tests.reminders.js_suite import assert_js_suite_passes


def test_node_suite_passes():
    assert_js_suite_passes()
