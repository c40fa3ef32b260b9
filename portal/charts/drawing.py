"""Charts drawn on the server as inline SVG: geometry here, markup in templates/includes/_*_chart.html.

Every chart has a viewBox and no fixed size, so CSS scales it to the width of a phone; its text and marks
use SVG presentation attributes only (no style attributes, no script). A blank value is drawn as a gap,
never as zero. Each chart sits next to a table holding the same numbers for screen readers.

Text is drawn at 14–15 units, and at 20 on a phone (site.css), where a 560-unit chart is scaled to about
0.64. Layouts are measured at the larger size with `text_width()`, so labels, legend entries and axis
titles clear each other at either size; a line of text is placed by its centre (dy="0.35em").
"""

import math
from dataclasses import dataclass, field

from portal.display.numbers import percent

# Series colours and marks, told apart by shape and dash as well as by colour.
NATIONWIDE = {"key": "nationwide", "label": "Nationwide", "colour": "#8a1c4a", "marker": "circle", "dash": ""}
SEOUL = {"key": "seoul", "label": "Seoul", "colour": "#1a56db", "marker": "square", "dash": "6 4"}
# Fans' average rating, on an axis of its own (right, 0 to 10).
FANS = {"key": "fans", "label": "Fan rating", "colour": "#1e6b3a", "marker": "diamond", "dash": "2 4"}
FAN_SCALE = 10
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


LAYOUT_TEXT_SIZE = 20  # the phone size from site.css: the larger of the two
DESKTOP_TEXT_SIZE = 14  # the tick labels' size attribute, drawn as it is outside a phone
HALF_LINE = 12  # a centred line of text reaches this far above and below its centre at that size
LEGEND_ROW = 30  # from one row of legend entries to the next
LEGEND_GAP = 20  # between two legend entries on a row
PAD = 12

# Advance widths in em, rounded up from DejaVu Sans (Debian's default sans-serif, wider than most), so the
# estimate errs on the side of room.
_NARROW = set("fijlrtIJ!'’.,:;|/()[]- ·")
_WIDE = set("mwMW%@&")


def text_width(text, size=LAYOUT_TEXT_SIZE):
    """An upper estimate of how wide `text` is drawn at `size` units (no browser to measure it here)."""
    em = 0.0
    for ch in str(text):
        if ch in _NARROW:
            em += 0.42
        elif ch in _WIDE:
            em += 1.0
        elif ch.isascii() and (ch.isdigit() or ch.islower()):
            em += 0.65
        elif ch.isascii():
            em += 0.85 if not ch.isalpha() else 0.79
        else:
            em += 1.0  # accented Latin is narrower, Hangul is a full em: assume the widest
    return em * size


def fit(text, width, size=LAYOUT_TEXT_SIZE):
    """`text` cut (with an ellipsis) to fit `width` units; the full text is in the table."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def legend_layout(items, *, x, y, right, swatch, box=16):
    """Legend entries placed left to right at their measured widths (a swatch `swatch` units wide, then the
    label), wrapping onto a new row before one would pass `right`. Adds 'x', 'y' (the row's centre),
    'box_y' (the top of a `box`-high swatch) and 'text_x' to each item; returns (items, last row's centre)."""
    placed, cursor = [], x
    for item in items:
        entry_width = swatch + text_width(item["label"])
        if cursor > x and cursor + entry_width > right:
            cursor, y = x, y + LEGEND_ROW
        placed.append(
            {**item, "x": fmt(cursor), "y": fmt(y), "box_y": fmt(y - box / 2), "text_x": fmt(cursor + swatch)}
        )
        cursor += entry_width + LEGEND_GAP
    return placed, y


def label_step(slot, labels, size=LAYOUT_TEXT_SIZE, multiple_of=1):
    """Label every n-th of evenly spaced slots (n = 1, 2, 4, 5, 10, …, a multiple of `multiple_of`) so that
    the widest label at `size` and a gap of 0.4 em fit in n slots."""
    needed = (max(text_width(label, size) for label in labels) + 0.4 * size) / slot
    for step in (1, 2, 4, 5, 10, 20, 25, 50, 100):
        if step >= needed and step % multiple_of == 0:
            return step
    return multiple_of * math.ceil(needed / multiple_of)


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
    when no share is known. Lines break at blank values and between regular episodes and specials; a series
    with no known value at all is left out, legend entry included.

    When fans have rated some of the episodes (`fan_average`, from EpisodeQuerySet.with_fan_ratings()), their
    average rating is drawn too, against an axis of its own on the right, from 0 to 10."""
    episodes = list(episodes)
    with_fans = any(getattr(e, "fan_average", None) is not None for e in episodes)
    columns = [
        (style, attribute)
        for style, attribute in ((NATIONWIDE, "nationwide_share"), (SEOUL, "seoul_share"))
        if any(getattr(e, attribute) is not None for e in episodes)
    ]
    if not columns:
        return None
    values = [
        float(getattr(e, attribute))
        for e in episodes
        for _style, attribute in columns
        if getattr(e, attribute) is not None
    ]
    step = nice_step(max(values), max_ticks=5)
    y_max = step * math.ceil(max(values) / step)
    tick_values = [step * i for i in range(round(y_max / step) + 1)]
    tick_labels = [f"{value:g}%" for value in tick_values]

    width = 560
    # From the top: the legend, the value axis title (level, above its tick labels), the plot, the episode
    # labels and the episode axis title.
    left = PAD + math.ceil(max(text_width(label) for label in tick_labels)) + 8
    fan_ticks = list(range(0, FAN_SCALE + 1, 2)) if with_fans else []
    right = PAD + math.ceil(text_width(str(FAN_SCALE))) + 8 if with_fans else PAD
    plot_width, plot_height = width - left - right, 234
    special_indexes = [i for i, e in enumerate(episodes) if e.is_special]
    legend_items = [{"label": style["label"], "series": style["key"]} for style, _attribute in columns]
    if with_fans:
        legend_items.append({"label": FANS["label"], "series": FANS["key"]})
    if special_indexes:
        legend_items.append({"label": "Specials", "series": ""})
    legend, last_row = legend_layout(legend_items, x=PAD, y=18, right=width - PAD, swatch=36)
    y_title_y = last_row + LEGEND_ROW
    top = y_title_y + HALF_LINE + 4 + HALF_LINE
    bottom = top + plot_height
    slot = plot_width / len(episodes)

    def x_of(index):
        return left + slot * (index + 0.5)

    def y_of(value):
        return top + plot_height * (1 - value / y_max)

    short_labels = [f"S{e.number}" if e.is_special else str(e.number) for e in episodes]
    # Wide, every episode may have its label; on a phone (larger text) only every n-th keeps it, the others
    # are "minor" and hidden there by site.css.
    every = label_step(slot, short_labels, size=DESKTOP_TEXT_SIZE)
    every_on_phone = label_step(slot, short_labels, multiple_of=every)
    x_ticks = [
        {
            "x": fmt(x_of(index)),
            "label": short,
            "shown": index % every == 0,
            "minor": index % every_on_phone != 0,
        }
        for index, short in enumerate(short_labels)
    ]
    y_ticks = [{"y": fmt(y_of(v)), "label": label} for v, label in zip(tick_values, tick_labels, strict=True)]

    series = []
    for style, attribute in columns:
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
                    "label": f"{episode.label}: {percent(share)} {style['label'].lower()}",
                    "special": episode.is_special,
                }
            )
        # A lone point between gaps keeps its mark but has no line.
        line.path = " ".join("M" + " L".join(segment) for segment in segments if len(segment) > 1)
        series.append(line)
    if with_fans:
        series.append(fan_series(episodes, x_of, lambda value: top + plot_height * (1 - value / FAN_SCALE)))
    by_key = {line.key: line for line in series}
    for item in legend:
        item["series"] = by_key.get(item["series"])
        item["line_end"] = fmt(float(item["x"]) + 28)
        item["mark_x"] = fmt(float(item["x"]) + 14)

    specials = None
    if special_indexes:
        first, last = special_indexes[0], special_indexes[-1]
        specials = {
            "x": fmt(left + slot * first),
            "y": top,
            "width": fmt(slot * (last - first + 1)),
            "height": plot_height,
        }
    keys = [style["key"] for style, _attribute in columns]
    blanks = []
    for e in episodes:
        missing = [
            name
            for name, v in (("nationwide", e.nationwide_share), ("Seoul", e.seoul_share))
            if v is None and name.lower() in keys
        ]
        if missing:
            blanks.append(f"{e.label.lower()} ({' and '.join(missing)})")
    subject = {("nationwide",): "nationwide", ("seoul",): "in Seoul"}.get(
        tuple(keys), "nationwide and in Seoul"
    )
    return {
        "width": width,
        "height": bottom + 66,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": bottom,
        "subject": subject,
        "mid_x": fmt(left + plot_width / 2),
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "series": series,
        "specials": specials,
        "legend": legend,
        "x_label_y": bottom + 20,
        "x_title_y": bottom + 50,
        "y_title_x": PAD,
        "y_title_y": fmt(y_title_y),
        "y_label_x": left - 8,
        "y_max_label": y_ticks[-1]["label"],
        "top_value": max(values),
        "blank_labels": blanks,
        "fan_ticks": [
            {"y": fmt(top + plot_height * (1 - value / FAN_SCALE)), "label": str(value)}
            for value in fan_ticks
        ],
        "fan_label_x": width - right + 8,
        "fan_title_x": width - PAD,
        "fan_votes": sum(getattr(e, "fan_votes", 0) or 0 for e in episodes),
        "fan_rated": sum(1 for e in episodes if getattr(e, "fan_average", None) is not None),
    }


def fan_series(episodes, x_of, y_of):
    """The fans' average rating per episode as a line (gaps where nobody rated, or between kinds)."""
    line = Series(**{**FANS, "marker": MARKER_PATHS[FANS["marker"]]})
    segments, previous_kind = [[]], None
    for index, episode in enumerate(episodes):
        average = getattr(episode, "fan_average", None)
        if average is None or episode.kind != previous_kind:
            segments.append([])
        previous_kind = episode.kind
        if average is None:
            continue
        x, y = fmt(x_of(index)), fmt(y_of(float(average)))
        segments[-1].append(f"{x} {y}")
        votes = f"{episode.fan_votes} rating{'s' * (episode.fan_votes != 1)}"
        line.points.append(
            {
                "x": x,
                "y": y,
                "label": f"{episode.label}: fans rate it {float(average):.1f} of 10 ({votes})",
                "special": episode.is_special,
            }
        )
    line.path = " ".join("M" + " L".join(segment) for segment in segments if len(segment) > 1)
    return line


# Charts of rows along a value axis at the bottom: peak positions, result bars


def value_axis_frame(*, width, left, right, top, axis_y, title, title_gap, mid_x, ticks, legend):
    """What a row chart's legend and value axis are drawn from (includes/_value_axis.html): the size, the
    plot's edges (`right` is the margin), the axis line with its tick labels and, `title_gap` below them,
    its title."""
    return {
        "width": width,
        "height": axis_y + 18 + title_gap + HALF_LINE + 6,
        "left": left,
        "right": width - right,
        "top": top,
        "axis_y": axis_y,
        "tick_label_y": axis_y + 18,
        "title": title,
        "title_y": axis_y + 18 + title_gap,
        "mid_x": mid_x,
        "ticks": ticks,
        "legend": legend,
    }


# Peak chart positions of singles


def peaks_chart(songs, charts):
    """A dot plot: one row per song, one mark per chart at the song's peak (log scale, no. 1 on the left).
    `song.peak_row` holds the song's peak (or None when unknown) for each of `charts`. None when no song
    charted anywhere."""
    positions = [p.position for s in songs for p in s.peak_row if p is not None and p.charted]
    if not positions or not charts:
        return None
    width, left = 560, 16
    row_height = 46
    bottom_position = max(200, max(positions))
    log_max = math.log10(bottom_position)
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= bottom_position]
    # The last tick's label is centred on the plot's right edge: leave it room.
    right = max(24, math.ceil(text_width(ticks[-1]) / 2) + 4)
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
    legend, last_row = legend_layout(marks, x=left + 7, y=18, right=width - PAD, swatch=10)
    top = last_row + HALF_LINE + 4
    rows = []
    for index, song in enumerate(songs):
        y = top + row_height * index
        dots = []
        for mark, peak in zip(marks, song.peak_row, strict=True):
            if peak is None or not peak.charted:
                continue  # unknown, or did not chart there: no mark
            dots.append(
                {
                    **mark,
                    "x": fmt(x_of(peak.position)),
                    "title": f"{song.title}: no. {peak.position} on {mark['name']}",
                }
            )
        note = "" if dots else missing_peaks_note(song.peak_row)
        label = shorten(f"{song.part_label} · {song.title}", 40)
        available = width - left - PAD - (text_width(f" – {note}") if note else 0)
        rows.append(
            {
                "label": fit(label, available),
                "label_y": fmt(y + 13),
                "line_y": fmt(y + 33),
                "dots": dots,
                "note": note,
            }
        )
    plot_bottom = top + row_height * len(songs)
    # Ticks crowd at the right of a log scale: drop a label that would touch the one before it.
    shown, previous_end = [], -math.inf
    for tick in ticks:
        x = x_of(tick)
        half = text_width(tick) / 2
        if x - half >= previous_end + 8:
            shown.append({"x": fmt(x), "label": str(tick)})
            previous_end = x + half
    return {
        **value_axis_frame(
            width=width,
            left=left,
            right=right,
            top=top,
            axis_y=plot_bottom + 4,
            title="Peak position (no. 1 at the left, log scale)",
            title_gap=30,
            mid_x=fmt(width / 2),
            ticks=shown,
            legend=legend,
        ),
        "marks": marks,
        "rows": rows,
    }


def missing_peaks_note(peaks):
    if any(peak is not None for peak in peaks):
        return "did not chart"
    return "no chart positions recorded"


# Won / nominated counts as bars


def result_bars(rows, limit=30):
    """Stacked horizontal bars, one per row, from dicts with 'label' and the counts of
    NominationQuerySet.result_counts() ('total', 'won', 'nominated', 'not_recorded'). Rows with no
    nominations are left out; the `limit` rows with most come first."""
    rows = sorted((r for r in rows if r["total"]), key=lambda r: (-r["total"], -r["won"], r["label"]))
    if not rows:
        return None
    shown = [
        {**row, "total_label": f"{row['total']} ({row['won']} won)" if row["won"] else f"{row['total']}"}
        for row in rows[:limit]
    ]
    width, left = 560, 16
    # Each row: its label on a line of its own, then the bar with its total after it, clear of the label.
    row_height = 56
    right = math.ceil(max(text_width(row["total_label"]) for row in shown)) + 6 + PAD
    legend, last_row = legend_layout(
        [{"label": label, "colour": colour} for _key, label, colour in RESULT_BARS],
        x=left,
        y=18,
        right=width - PAD,
        swatch=20,
        box=14,
    )
    top = last_row + HALF_LINE + 4
    largest = max(row["total"] for row in shown)
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
        bars.append(
            {
                **row,
                "short_label": fit(shorten(row["label"]), width - left - PAD),
                "label_y": fmt(y + 12),
                "bar_y": fmt(y + 33),
                "segments": segments,
                "total_x": fmt(x + 6),
                "total_y": fmt(y + 40),
            }
        )
    plot_bottom = top + row_height * len(shown)
    ticks = []
    value = 0
    while value <= x_max + 1e-9:
        ticks.append({"x": fmt(left + value * scale), "label": f"{value:g}"})
        value += step
    return {
        **value_axis_frame(
            width=width,
            left=left,
            right=right,
            top=top,
            axis_y=plot_bottom,
            title="Nominations",
            title_gap=28,
            mid_x=fmt(left + plot_width / 2),
            ticks=ticks,
            legend=legend,
        ),
        "bars": bars,
        "left_out": len(rows) - len(shown),
    }
