"""A short load run: concurrent sessions changing years (and exporting) see no errors."""

import pytest

from benchmarks.load import run_load

pytestmark = pytest.mark.browser


def test_five_concurrent_sessions_for_fifteen_seconds_see_the_right_periods_and_no_errors():
    result = run_load(sessions=5, seconds=15, exports=True)
    assert result["errors"] == []
    assert result["moves_lost"] == 0  # every move reached that session's panel and URL
    assert result["changes"] >= 5 * 2  # every session kept changing years (each waits for its panel and URL)
    assert result["year_change_ms"]["p95"] is not None
