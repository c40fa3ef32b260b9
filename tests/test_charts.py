"""Charts drawn on the server: the audience-share lines, the singles' chart peaks and the awards bars, each as
inline SVG with labelled axes, gaps for unknown values and the same numbers in a table beside it."""

import re
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from portal.charts.drawing import (
    LAYOUT_TEXT_SIZE,
    nice_step,
    peaks_chart,
    result_bars,
    share_chart,
    text_width,
)
from shows.models import Episode, SongChartPeak

pytestmark = pytest.mark.django_db


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chart_svg(html, title_id):
    """The <svg> whose title has the given id."""
    for svg in re.findall(r"<svg class=\"chart-svg\".*?</svg>", html, re.S):
        if f'id="{title_id}"' in svg:
            return svg
    raise AssertionError(f"no chart {title_id}")


def translate(mark):
    x, y = re.search(r'transform="translate\(([\d.]+) ([\d.]+)\)"', mark).groups()
    return float(x), float(y)


def point_marks(svg):
    """{title: (x, y, is special)} of the data points."""
    marks = {}
    for mark in re.findall(r'<path class="point[^"]*"[^>]*><title>[^<]*</title></path>', svg):
        title = re.search(r"<title>([^<]*)</title>", mark).group(1)
        marks[title] = (*translate(mark), "point-special" in mark)
    return marks


def y_ticks(svg):
    """{'0%': y, '5%': y, …} from the value axis labels."""
    return {
        label: float(y)
        for y, label in re.findall(
            r'<text x="[\d.]+" y="([\d.]+)" dy="0.35em" text-anchor="end"[^>]*>([^<]+)</text>', svg
        )
    }


def table_shares(html):
    """{'Episode 8': ('16.143%', '17.886%'), …} from the episode table."""
    rows = {}
    table = html.split('<table class="data stack">')[1].split("</table>")[0]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        label = re.search(r'<th scope="row"><a [^>]*>([^<]+)</a>', row).group(1)
        shares = re.findall(r'<td class="num"[^>]*>(?:<span[^>]*>)?([^<]+)', row)[:2]
        rows[label] = tuple(shares)
    return rows


# Audience share


@pytest.mark.parametrize("url", ["/shows/queen-of-tears/", "/shows/queen-of-tears/episodes/"])
def test_share_chart_plots_every_known_share_and_matches_the_table(client, url):
    html = get_html(client, url)
    svg = chart_svg(html, "share-chart-title")
    assert 'role="img"' in svg and 'aria-labelledby="share-chart-title share-chart-desc"' in svg
    assert ">Episode (S = special)</text>" in svg and ">Audience share (%)</text>" in svg
    assert [label for label in y_ticks(svg)] == ["0%", "5%", "10%", "15%", "20%", "25%"]
    marks = point_marks(svg)
    nationwide = {t: m for t, m in marks.items() if t.endswith("nationwide")}
    seoul = {t: m for t, m in marks.items() if t.endswith("seoul")}
    assert len(nationwide) == 17 and len(seoul) == 16  # 18 episodes; three figures are blank
    assert "Episode 8: 16.143% nationwide" in marks and "Special 2: 4.070% seoul" in marks

    # The data table beside the chart holds the same figures, row by row.
    table = table_shares(html)
    assert len(table) == 18
    for title in marks:
        label, value, series = re.match(r"(.+): ([\d.]+%) (\w+)", title).groups()
        assert table[label][0 if series == "nationwide" else 1] == value, title

    # Points sit at their value on the axis.
    ticks = y_ticks(svg)
    zero, top = ticks["0%"], ticks["25%"]
    for title, (_x, y, _special) in marks.items():
        value = float(re.search(r": ([\d.]+)%", title).group(1))
        assert abs(y - (zero + (top - zero) * value / 25)) < 0.2, title


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        ("/shows/queen-of-tears/", ["Aired", "Nationwide", "Seoul", "Fans", "Comments"]),
        ("/episodes/", ["Show", "Aired", "Nationwide", "Seoul"]),
        (
            "/shows/queen-of-tears/soundtrack/",
            ["Part", "Artist", "Released", "KOR Circle", "KOR Songs", "US World", "WW"],
        ),
    ],
)
def test_tables_of_figures_name_every_cell_for_the_phone_layout(client, url, labels):
    # On a phone each row is stacked (site.css, table.stack), each figure under its column's name.
    table = get_html(client, url).split('<table class="data stack">')[1].split("</table>")[0]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S):
        assert re.findall(r'<td[^>]* data-label="([^"]+)"', row) == labels
        assert row.count("<td") == len(labels)


def test_blank_shares_are_gaps_not_zeros(client):
    svg = chart_svg(get_html(client, "/shows/queen-of-tears/"), "share-chart-title")
    marks = point_marks(svg)
    assert not any(title.startswith("Episode 1:") for title in marks)  # both figures blank
    assert "Episode 16: 24.850% nationwide" in marks and not any(
        t.startswith("Episode 16:") and "seoul" in t for t in marks
    )
    assert "0.000%" not in svg
    # Each line is drawn in pieces: no segment reaches across a blank (or from the finale into the specials).
    paths = dict(re.findall(r'<g class="series-(\w+)"><path d="([^"]+)"', svg))
    x_of = {title.split(":")[0]: x for title, (x, _y, _s) in marks.items()}
    for key, first, last in [("nationwide", "Episode 2", "Episode 16"), ("seoul", "Episode 2", "Episode 15")]:
        pieces = paths[key].split("M")[1:]
        assert len(pieces) == 2, key  # the regular run and the specials
        start = float(pieces[0].split()[0])
        end = float(pieces[0].split("L")[-1].split()[0])
        assert abs(start - x_of[first]) < 0.1 and abs(end - x_of[last]) < 0.1, key
    assert (
        "Gaps mark figures not given in our sources: episode 1 (nationwide and Seoul), episode 16 (Seoul)."
        in svg
    )


def test_specials_are_marked(client):
    svg = chart_svg(get_html(client, "/shows/queen-of-tears/episodes/"), "share-chart-title")
    specials = [title for title, (_x, _y, special) in point_marks(svg).items() if special]
    assert sorted(specials) == [
        "Special 1: 5.027% nationwide",
        "Special 1: 5.586% seoul",
        "Special 2: 3.896% nationwide",
        "Special 2: 4.070% seoul",
    ]
    assert '<rect x="' in svg and 'fill="#f3edf7"' in svg and ">Specials</text>" in svg
    assert ">S1</text>" in svg and ">S2</text>" in svg and ">16</text>" in svg


def test_the_chart_follows_the_episode_filter(client):
    html = get_html(client, "/shows/queen-of-tears/episodes/?aired_after=2024-04-01&aired_before=2024-04-30")
    marks = point_marks(chart_svg(html, "share-chart-title"))
    assert {title.split(":")[0] for title in marks} == {f"Episode {n}" for n in range(9, 17)}


def test_no_chart_without_known_shares(client, qot):
    Episode.objects.filter(show=qot).update(nationwide_share=None, seoul_share=None)
    html = get_html(client, "/shows/queen-of-tears/episodes/")
    assert "share-chart-title" not in html and "n/a" in html


def test_an_isolated_known_value_still_gets_a_mark():
    episodes = [
        SimpleNamespace(
            number=n,
            kind="regular",
            is_special=False,
            label=f"Episode {n}",
            nationwide_share=v,
            seoul_share=None,
        )
        for n, v in [(1, Decimal("5")), (2, None), (3, Decimal("7")), (4, Decimal("8"))]
    ]
    chart = share_chart(episodes)
    [nationwide] = chart["series"]  # no Seoul figure at all: no Seoul line
    assert [p["label"] for p in nationwide.points] == [
        "Episode 1: 5% nationwide",
        "Episode 3: 7% nationwide",
        "Episode 4: 8% nationwide",
    ]
    assert nationwide.path.count("M") == 1  # episode 1 alone has no line, only its mark
    assert [item["label"] for item in chart["legend"]] == ["Nationwide"]
    assert chart["subject"] == "nationwide"


def test_a_series_without_data_has_no_legend_entry(client):
    # Episode 16 has no Seoul figure: the chart of that day draws and names the nationwide line only.
    html = get_html(client, "/shows/queen-of-tears/episodes/?aired_after=2024-04-28&aired_before=2024-04-28")
    svg = chart_svg(html, "share-chart-title")
    assert ">Nationwide</text>" in svg and ">Seoul</text>" not in svg and 'class="series-seoul"' not in svg
    assert "Audience share per episode, nationwide</title>" in svg
    assert ">Seoul</text>" in chart_svg(get_html(client, "/shows/queen-of-tears/"), "share-chart-title")


def episodes_with_shares(count, seoul=None, specials=0):
    return [
        SimpleNamespace(
            number=n if n <= count else n - count,
            kind="special" if n > count else "regular",
            is_special=n > count,
            label=f"Episode {n}",
            nationwide_share=Decimal("10"),
            seoul_share=seoul,
        )
        for n in range(1, count + specials + 1)
    ]


def legend_rows(legend):
    """{row: [(left, right), …]}: each entry from its swatch to the end of its label at the phone size."""
    rows = {}
    for item in legend:
        right = float(item["text_x"]) + text_width(item["label"])
        rows.setdefault(item["y"], []).append((float(item["x"]), right))
    return rows


def assert_apart(spans, gap=8):
    for (_left, right), (next_left, _right) in pairwise(spans):
        assert next_left >= right + gap, spans


def test_legend_entries_are_spaced_by_their_measured_width():
    chart = share_chart(episodes_with_shares(16, seoul=Decimal("11"), specials=2))
    assert [item["label"] for item in chart["legend"]] == ["Nationwide", "Seoul", "Specials"]
    rows = legend_rows(chart["legend"])
    assert len(rows) == 1  # they fit on one row
    for spans in rows.values():
        assert_apart(spans)
        assert spans[-1][1] <= chart["width"]

    charts = [SimpleNamespace(short_name=f"A Long Chart Name {i}", name=f"Chart {i}") for i in range(5)]
    songs = [SimpleNamespace(title="Song", part_label="Part 1", peak_row=[SongChartPeak(position=3)] * 5)]
    rows = legend_rows(peaks_chart(songs, charts)["legend"])
    assert len(rows) > 1  # too many for one row: wrapped, not squeezed
    for spans in rows.values():
        assert_apart(spans)
        assert spans[-1][1] <= 560


@pytest.mark.parametrize("count", [8, 16, 40, 120])
def test_crowded_episode_labels_are_thinned_on_a_phone_only(count):
    ticks = share_chart(episodes_with_shares(count, specials=2))["x_ticks"]
    # Wide (14-unit text) the labels shown, and on a phone (20-unit text) the ones not marked minor, keep
    # a gap between neighbours.
    for size, visible in [
        (14, [t for t in ticks if t["shown"]]),
        (LAYOUT_TEXT_SIZE, [t for t in ticks if t["shown"] and not t["minor"]]),
    ]:
        xs = [float(t["x"]) for t in visible]
        widest = max(text_width(t["label"], size) for t in visible)
        assert min(b - a for a, b in pairwise(xs)) >= widest + 0.4 * size, (count, size)
    assert ticks[0]["shown"] and not ticks[0]["minor"]
    if count == 16:
        assert all(t["shown"] for t in ticks)
        assert [t["label"] for t in ticks if not t["minor"]] == [
            "1",
            "3",
            "5",
            "7",
            "9",
            "11",
            "13",
            "15",
            "S1",
        ]


def test_the_value_axis_title_sits_above_its_labels_and_long_labels_are_cut():
    chart = share_chart(episodes_with_shares(3))
    # Level, on a line of its own between the legend and the top tick label, and clear of the tick labels.
    assert float(chart["y_title_y"]) + 12 <= chart["top"] - 12
    assert float(chart["y_title_y"]) - 12 >= float(chart["legend"][-1]["y"]) + 12
    assert chart["y_label_x"] - max(text_width(t["label"]) for t in chart["y_ticks"]) >= 12

    long_name = "A ceremony with a very long name indeed " * 3
    row = {"label": long_name, "total": 41, "won": 1, "nominated": 0, "not_recorded": 40}
    [bar] = result_bars([row])["bars"]
    assert bar["short_label"].endswith("…") and text_width(bar["short_label"]) <= 560 - 16 - 12
    assert float(bar["total_x"]) + text_width(bar["total_label"]) <= 560


def test_tick_steps_are_round():
    assert nice_step(24.85, 5) == 5
    assert nice_step(15, 5) == 5
    assert nice_step(3, 5) == 1
    assert nice_step(120, 5) == 25


def test_charts_scale_to_the_page_and_need_no_script_or_inline_style(client):
    for url, title_id in [
        ("/shows/queen-of-tears/", "share-chart-title"),
        ("/shows/queen-of-tears/soundtrack/", "peaks-chart-title"),
        ("/shows/queen-of-tears/awards/", "result-bars-title"),
        ("/awards/", "result-bars-title"),
    ]:
        svg = chart_svg(get_html(client, url), title_id)
        opening = svg.split(">", 1)[0]
        assert "viewBox=" in opening and " width=" not in opening and " height=" not in opening, url
        assert "style=" not in svg and "<script" not in svg and "<style" not in svg, url
    css = Path(settings.BASE_DIR, "portal/static/css/site.css").read_text()
    assert ".chart-svg { display: block; width: 100%; height: auto;" in css


# Soundtrack peaks


def test_soundtrack_chart_marks_each_peak_per_chart(client, qot):
    html = get_html(client, "/shows/queen-of-tears/soundtrack/")
    svg = chart_svg(html, "peaks-chart-title")
    dots = re.findall(r'<path class="peak"[^>]*><title>([^<]+)</title>', svg)
    known = SongChartPeak.objects.filter(song__show=qot, position__isnull=False).count()
    assert len(dots) == known
    for title in [
        "Love You With All My Heart: no. 6 on KOR Circle",
        "Love You With All My Heart: no. 8 on KOR Songs",
        "Love You With All My Heart: no. 4 on US World",
        "Love You With All My Heart: no. 184 on WW",
        "The Reason of My Smiles: no. 93 on KOR Circle",
    ]:
        assert title in dots, title
    assert "Part 11 · More Than Enough – did not chart" in svg  # no mark, not a mark at zero
    for label in [
        ">1</text>",
        ">10</text>",
        ">100</text>",
        ">Peak position (no. 1 at the left, log scale)</text>",
    ]:
        assert label in svg
    # No. 4 is drawn left of no. 184 (no. 1 on the left).
    xs = {
        title: translate(mark)[0]
        for mark, title in re.findall(r'(<path class="peak"[^>]*>)<title>([^<]+)</title>', svg)
    }
    assert (
        xs["Love You With All My Heart: no. 4 on US World"] < xs["Love You With All My Heart: no. 184 on WW"]
    )
    # The table beside it has the same positions.
    row = html.split('id="song-love-you-with-all-my-heart"')[1].split("</tr>")[0]
    assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', row) == ["6", "8", "4", "184"]


def test_soundtrack_chart_follows_the_filter(client):
    html = get_html(client, "/shows/queen-of-tears/soundtrack/?part=4")
    svg = chart_svg(html, "peaks-chart-title")
    assert svg.count('<g class="peak-row">') == 1 and "Part 4 · Love You With All My Heart" in svg


# Awards bars


def bars(svg):
    """{label: {'won': n, 'nominated': n, 'no result recorded': n}} from the bar segments' titles."""
    found = {}
    for label, count, result in re.findall(r"<title>([^<:]+): (\d+) ([^<]+)</title>", svg):
        found.setdefault(label, {})[result] = int(count)
    return found


def test_awards_page_draws_won_and_nominated_counts_per_ceremony(client):
    html = get_html(client, "/awards/")
    svg = chart_svg(html, "result-bars-title")
    found = bars(svg)
    assert len(found) == 25
    assert found["APAN Star Awards"] == {"no result recorded": 15}
    assert found["Korea Drama Awards"] == {"won": 1, "no result recorded": 13}
    assert sum(c.get("won", 0) for c in found.values()) == 4
    assert sum(sum(c.values()) for c in found.values()) == 69
    assert ">Nominations</text>" in svg and ">Won</text>" in svg and ">Nominated</text>" in svg
    assert (
        '<a href="/awards/apan-star-awards/">APAN Star Awards</a> <span class="meta">15 nominations' in html
    )


def test_show_awards_page_has_bars_per_ceremony_and_year(client):
    svg = chart_svg(get_html(client, "/shows/queen-of-tears/awards/"), "result-bars-title")
    found = bars(svg)
    assert found["Korea Drama Awards 2024"] == {"won": 1, "no result recorded": 13}
    assert sum(sum(c.values()) for c in found.values()) == 69


def test_ceremony_page_has_bars_per_year(client):
    svg = chart_svg(get_html(client, "/awards/korea-drama-awards/"), "result-bars-title")
    assert bars(svg) == {"2024": {"won": 1, "no result recorded": 13}}
