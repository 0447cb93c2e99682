"""The benchmark report: medians, ratios ours / bare, and the targets met or missed."""

from bench.run import (
    PAGES,
    Measures,
    Sample,
    cold_wall_target,
    peak_mib_target,
    render_markdown,
    render_scaling,
    report_data,
)


def measures(cold, warm, preview, edit=(), rss_mib=80.0):
    m = Measures()
    for name, values in (("cold", cold), ("warm", warm), ("edit", edit)):
        for seconds in values:
            m.add(name, Sample(wall=seconds, cpu=seconds * 0.9, rss_mib=rss_mib))
    for seconds in preview:
        m.add("preview", seconds)
    return m


def test_medians_ratios_and_targets():
    bare = measures(
        cold=[10.0, 12.0, 30.0], warm=[4.0, 4.0, 5.0], preview=[3.0, 3.2, 3.1], edit=[5, 6, 7]
    )
    pages = measures(
        cold=[7.5, 8.0, 40.0], warm=[3.0, 3.2, 9.0], preview=(), edit=[1, 2, 9], rss_mib=300.0
    )
    # With the search index: slower, and not what issue 14's targets are checked on.
    ours = measures(cold=[16.0, 17.0, 90.0], warm=[3.0], preview=[0.3, 0.4, 0.2], edit=[8.0])
    data = report_data(1000, 3, {"bare": bare, "ours": ours, PAGES: pages}, (1.0, 1.0, 1.0))
    cold = next(r for r in data["rows"] if r["measure"] == "cold build, s")
    assert (cold["bare"], cold["ours"], cold["ratio"]) == (12.0, 8.0, 0.667)
    indexed = next(r for r in data["rows"] if r["measure"] == "cold build with the search index, s")
    assert (indexed["ours"], indexed["ratio"]) == (17.0, 1.417)
    assert data["targets"]["search index: our cold build / without it (wall)"] == {
        "value": 2.125, "limit": 1.2, "met": False,
    }  # fmt: skip
    assert data["targets"]["cold build peak memory, MiB"] == {
        "value": 300.0, "limit": 276, "met": False,
    }  # fmt: skip
    assert data["targets"]["cold build, ours / bare (wall)"] == {
        "value": 0.667, "limit": 0.7, "met": True,
    }  # fmt: skip
    assert data["targets"]["warm build / our cold build (wall)"] == {
        "value": 0.4, "limit": 0.5, "met": True,
    }  # fmt: skip
    assert data["targets"]["dev server edit to page, ours, s"]["value"] == 0.3
    assert data["targets"]["rebuild after one edit, ours / bare (wall)"] == {
        "value": 0.333, "limit": 0.3, "met": False,
    }  # fmt: skip
    text = render_markdown(data)
    assert "| cold build, s | 12.00 | 8.00 | 0.67× |" in text
    assert "| cold build per article, ms | 12.00 | 8.00 | 0.67× |" in text
    assert "publish" in text and "serial (workers 1)" in text and "n/a" in text


def test_the_cold_build_must_halve_bare_pelican_from_4000_articles():
    assert cold_wall_target(1000) == 0.7
    assert cold_wall_target(3999) == 0.7
    assert cold_wall_target(4000) == 0.5
    assert cold_wall_target(10000) == 0.5


def test_the_peak_memory_limit_is_set_at_4000_articles_and_grows_in_proportion_above():
    assert peak_mib_target(1000) == peak_mib_target(4000) == 276
    assert peak_mib_target(10000) == 690


def test_cost_per_article_across_sizes():
    reports = []
    for count, bare_s, pages_s in ((1000, 30.0, 15.0), (4000, 120.0, 56.0)):
        bare = measures(cold=[bare_s], warm=[1.0], preview=[1.0])
        pages = measures(cold=[pages_s], warm=[1.0], preview=())
        ours = measures(cold=[pages_s * 2], warm=[1.0], preview=[0.5])
        all_three = {"bare": bare, "ours": ours, PAGES: pages}
        reports.append(report_data(count, 1, all_three, (1.0, 1.0, 1.0)))
    text = render_scaling(reports)
    assert "| 1000 | 30.00 | 15.00 | 0.50× | 30.00 |" in text
    assert "| 4000 | 30.00 | 14.00 | 0.47× | 28.00 |" in text


def test_a_missed_target_is_marked():
    bare = measures(cold=[10.0], warm=[4.0], preview=[3.0])
    pages = measures(cold=[12.0], warm=[7.0], preview=())
    ours = measures(cold=[14.0], warm=[7.0], preview=[1.5])
    data = report_data(1000, 1, {"bare": bare, "ours": ours, PAGES: pages}, (1.0, 1.0, 1.0))
    assert not data["targets"]["cold build, ours / bare (wall)"]["met"]
    assert "| **no** |" in render_markdown(data)
