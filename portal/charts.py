"""Charts drawn on the server as inline SVG: geometry here, markup in templates/includes/_*_chart.html.

Every chart has a viewBox and no fixed size, so CSS scales it to the width of a phone; its text and marks
use SVG presentation attributes only (no style attributes, no script). A blank value is drawn as a gap,
never as zero. Each chart sits next to a table holding the same numbers for screen readers.
"""

import math
from dataclasses import dataclass, field

# Series colours and marks, told apart by shape and dash as well as by colour.
NATIONWIDE = {"key": "nationwide", "label": "Nationwide", "colour": "#8a1c4a", "marker": "circle", "dash": ""}
SEOUL = {"key": "seoul", "label": "Seoul", "colour": "#1a56db", "marker": "square", "dash": "6 4"}
CHART_MARKS = [
    {"colour": "#8a1c4a", "marker": "circle"},
    {"colour": "#1a56db", "marker": "square"},
    {"colour": "#1e6b3a", "marker": "triangle"},
    {"colour": "#7a5a00", "marker": "diamond"},
    {"colour": "#5d5866", "marker": "circle"},
]
# Marks as paths around (0, 0), placed with transform="translate(x y)".
MARKER_PATHS = {
    "circle": "M-5.5 0a5.5 5.5 0 1 0 11 0a5.5 5.5 0 1 0 -11 0z",
    "square": "M-5 -5h10v10h-10z",
    "triangle": "M0 -6.5L6 5h-12z",
    "diamond": "M0 -6.5L6.5 0L0 6.5L-6.5 0z",
}
RESULT_BARS = [
    ("won", "Won", "#1e6b3a"),
    ("nominated", "Nominated", "#b58105"),
    ("not_recorded", "No result recorded", "#8f8a99"),
]


def nice_step(top, max_ticks=6):
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving at most `max_ticks` intervals up to `top`."""
    if top <= 0:
        return 1
    raw = top / max_ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power


def shorten(text, length=48):
    """Labels are drawn above their marks and cannot wrap: cut long ones (the full text is in the table)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def fmt(number):
    """Coordinates rounded for compact markup."""
    return f"{number:.1f}".rstrip("0").rstrip(".")


@dataclass
class Series:
    key: str
    label: str
    colour: str
    marker: str
    dash: str
    points: list = field(default_factory=list)
    path: str = ""


# Audience share per episode


def share_chart(episodes):
    """A line chart of the nationwide and Seoul shares of `episodes` (in the episode table's order), or None
    when no share is known. Lines break at blank values and between regular episodes and specials."""
    episodes = list(episodes)
    values = [float(v) for e in episodes for v in (e.nationwide_share, e.seoul_share) if v is not None]
    if not values:
        return None
    width, height = 560, 340
    left, right, top, bottom = 58, 12, 44, 62
    plot_width, plot_height = width - left - right, height - top - bottom
    step = nice_step(max(values), max_ticks=5)
    y_max = step * math.ceil(max(values) / step)
    slot = plot_width / len(episodes)

    def x_of(index):
        return left + slot * (index + 0.5)

    def y_of(value):
        return top + plot_height * (1 - value / y_max)

    x_ticks = []
    label_every = 1 if slot >= 24 else math.ceil(24 / slot)
    for index, episode in enumerate(episodes):
        short = f"S{episode.number}" if episode.is_special else str(episode.number)
        x_ticks.append({"x": fmt(x_of(index)), "label": short, "shown": index % label_every == 0})
    y_ticks = []
    value = 0
    while value <= y_max + 1e-9:
        y_ticks.append({"y": fmt(y_of(value)), "label": f"{value:g}%"})
        value += step

    series = []
    for style, attribute in ((NATIONWIDE, "nationwide_share"), (SEOUL, "seoul_share")):
        line = Series(**{**style, "marker": MARKER_PATHS[style["marker"]]})
        segments, previous_kind = [[]], None
        for index, episode in enumerate(episodes):
            share = getattr(episode, attribute)
            if share is None or episode.kind != previous_kind:
                segments.append([])  # a blank, or the step from regular episodes to specials: a gap
            previous_kind = episode.kind
            if share is None:
                continue
            x, y = fmt(x_of(index)), fmt(y_of(float(share)))
            segments[-1].append(f"{x} {y}")
            line.points.append(
                {
                    "x": x,
                    "y": y,
                    "label": f"{episode.label}: {share:.3f}% {style['label'].lower()}",
                    "special": episode.is_special,
                }
            )
        # A lone point between gaps keeps its mark but has no line.
        line.path = " ".join("M" + " L".join(segment) for segment in segments if len(segment) > 1)
        series.append(line)

    special_indexes = [i for i, e in enumerate(episodes) if e.is_special]
    specials = None
    if special_indexes:
        first, last = special_indexes[0], special_indexes[-1]
        specials = {
            "x": fmt(left + slot * first),
            "y": top,
            "width": fmt(slot * (last - first + 1)),
            "height": plot_height,
        }
    legend = [
        {
            "x": fmt(left + 150 * i),
            "line_end": fmt(left + 150 * i + 28),
            "mark_x": fmt(left + 150 * i + 14),
            "text_x": fmt(left + 150 * i + 36),
            "series": line,
        }
        for i, line in enumerate(series)
    ]
    specials_legend = {"x": fmt(left + 300), "text_x": fmt(left + 322)} if specials else None
    blanks = []
    for e in episodes:
        missing = [
            name for name, v in (("nationwide", e.nationwide_share), ("Seoul", e.seoul_share)) if v is None
        ]
        if missing:
            blanks.append(f"{e.label.lower()} ({' and '.join(missing)})")
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "mid_x": fmt(left + plot_width / 2),
        "mid_y": fmt(top + plot_height / 2),
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "series": series,
        "specials": specials,
        "legend": legend,
        "specials_legend": specials_legend,
        "x_label_y": height - bottom + 22,
        "x_title_y": height - bottom + 50,
        "y_label_x": left - 8,
        "y_max_label": y_ticks[-1]["label"],
        "top_value": max(values),
        "blank_labels": blanks,
    }


# Peak chart positions of singles


def peaks_chart(songs, charts):
    """A dot plot: one row per song, one mark per chart at the song's peak (log scale, no. 1 on the left).
    `song.peak_row` holds the song's peak (or None when unknown) for each of `charts`. None when no song
    charted anywhere."""
    positions = [p.position for s in songs for p in s.peak_row if p is not None and p.position]
    if not positions or not charts:
        return None
    width, left, right, top = 560, 16, 24, 44
    row_height, axis_space = 46, 58
    bottom_position = max(200, max(positions))
    log_max = math.log10(bottom_position)
    plot_width = width - left - right

    def x_of(position):
        return left + plot_width * (math.log10(position) / log_max)

    marks = [
        {
            "colour": CHART_MARKS[i % len(CHART_MARKS)]["colour"],
            "marker": MARKER_PATHS[CHART_MARKS[i % len(CHART_MARKS)]["marker"]],
            "label": chart.short_name,
            "name": chart.name,
        }
        for i, chart in enumerate(charts)
    ]
    rows = []
    for index, song in enumerate(songs):
        y = top + row_height * index
        dots = []
        for mark, peak in zip(marks, song.peak_row, strict=True):
            if peak is None or peak.position is None:
                continue  # unknown, or did not chart there: no mark
            dots.append(
                {
                    **mark,
                    "x": fmt(x_of(peak.position)),
                    "title": f"{song.title}: no. {peak.position} on {mark['name']}",
                }
            )
        rows.append(
            {
                "label": shorten(f"{song.part_label} · {song.title}", 40),
                "label_y": fmt(y + 16),
                "line_y": fmt(y + 32),
                "dots": dots,
                "note": "" if dots else missing_peaks_note(song.peak_row),
            }
        )
    plot_bottom = top + row_height * len(songs)
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= bottom_position]
    return {
        "width": width,
        "height": plot_bottom + axis_space,
        "left": left,
        "right": width - right,
        "top": top,
        "axis_y": plot_bottom + 4,
        "tick_label_y": plot_bottom + 22,
        "title_y": plot_bottom + 46,
        "mid_x": fmt(left + plot_width / 2),
        "ticks": [{"x": fmt(x_of(t)), "label": str(t)} for t in ticks],
        "marks": marks,
        "legend": legend_positions(marks, left + 8, 20, spacing=130),
        "rows": rows,
    }


def missing_peaks_note(peaks):
    if any(peak is not None for peak in peaks):
        return "did not chart"
    return "no chart positions recorded"


def legend_positions(items, start_x, y, spacing=112):
    return [{**item, "x": fmt(start_x + spacing * i), "y": y} for i, item in enumerate(items)]


# Won / nominated counts as bars


def result_bars(rows, limit=30):
    """Stacked horizontal bars, one per row, from dicts with 'label', 'won', 'nominated', 'not_recorded' (and
    optionally 'url'). Rows with no nominations are left out; the `limit` rows with most come first."""
    rows = [r for r in rows if r["won"] + r["nominated"] + r["not_recorded"] > 0]
    if not rows:
        return None
    rows.sort(key=lambda r: (-(r["won"] + r["nominated"] + r["not_recorded"]), -r["won"], r["label"]))
    shown = rows[:limit]
    width, left, right, top = 560, 16, 110, 44
    row_height, axis_space = 44, 56
    largest = max(r["won"] + r["nominated"] + r["not_recorded"] for r in shown)
    step = nice_step(largest, max_ticks=5)
    x_max = step * math.ceil(largest / step)
    plot_width = width - left - right
    scale = plot_width / x_max
    bars = []
    for index, row in enumerate(shown):
        y = top + row_height * index
        segments, x = [], left
        for key, label, colour in RESULT_BARS:
            count = row[key]
            if count:
                segments.append(
                    {
                        "x": fmt(x),
                        "width": fmt(count * scale),
                        "colour": colour,
                        "title": f"{count} {label.lower()}",
                    }
                )
                x += count * scale
        total = row["won"] + row["nominated"] + row["not_recorded"]
        bars.append(
            {
                **row,
                "short_label": shorten(row["label"]),
                "total": total,
                "label_y": fmt(y + 16),
                "bar_y": fmt(y + 23),
                "segments": segments,
                "total_x": fmt(x + 6),
                "total_y": fmt(y + 35),
            }
        )
    plot_bottom = top + row_height * len(shown)
    ticks = []
    value = 0
    while value <= x_max + 1e-9:
        ticks.append({"x": fmt(left + value * scale), "label": f"{value:g}"})
        value += step
    return {
        "width": width,
        "height": plot_bottom + axis_space,
        "left": left,
        "right": width - right,
        "top": top,
        "axis_y": plot_bottom,
        "tick_label_y": plot_bottom + 18,
        "title_y": plot_bottom + 42,
        "mid_x": fmt(left + plot_width / 2),
        "ticks": ticks,
        "bars": bars,
        "legend": legend_positions(
            [{"label": label, "colour": colour} for _key, label, colour in RESULT_BARS], left, 20, spacing=150
        ),
        "left_out": len(rows) - len(shown),
    }
