"""The benchmark report: medians, ratios ours / bare, and the targets met or missed."""

from bench.run import Measures, Sample, render_markdown, report_data


def measures(cold, warm, preview):
    m = Measures()
    for seconds in cold:
        m.add("cold", Sample(wall=seconds, cpu=seconds * 0.9, rss_mib=80.0))
    for seconds in warm:
        m.add("warm", Sample(wall=seconds, cpu=seconds * 0.9, rss_mib=80.0))
    for seconds in preview:
        m.add("preview", seconds)
    return m


def test_medians_ratios_and_targets():
    bare = measures(cold=[10.0, 12.0, 30.0], warm=[4.0, 4.0, 5.0], preview=[3.0, 3.2, 3.1])
    ours = measures(cold=[10.5, 11.0, 40.0], warm=[5.0, 5.2, 9.0], preview=[0.3, 0.4, 0.2])
    data = report_data(1000, 3, {"bare": bare, "ours": ours}, (1.0, 1.0, 1.0))
    cold = next(r for r in data["rows"] if r["measure"] == "cold build, s")
    assert (cold["bare"], cold["ours"], cold["ratio"]) == (12.0, 11.0, 0.917)
    assert data["targets"]["cold build, ours / bare (wall)"]["met"]
    assert data["targets"]["warm build / our cold build (wall)"] == {
        "value": 0.473, "limit": 0.5, "met": True,
    }  # fmt: skip
    assert data["targets"]["dev server edit to page, ours, s"]["value"] == 0.3
    text = render_markdown(data)
    assert "| cold build, s | 12.00 | 11.00 | 0.92× |" in text
    assert "publish" in text and "n/a" in text


def test_a_missed_target_is_marked():
    bare = measures(cold=[10.0], warm=[4.0], preview=[3.0])
    ours = measures(cold=[12.0], warm=[7.0], preview=[1.5])
    data = report_data(1000, 1, {"bare": bare, "ours": ours}, (1.0, 1.0, 1.0))
    assert not data["targets"]["cold build, ours / bare (wall)"]["met"]
    assert "| **no** |" in render_markdown(data)
