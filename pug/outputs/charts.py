"""The analyst report's charts, written directly as SVG text.

Each function returns the markup of one <svg> to inline in an HTML page: no plotting library, no script, no font file
and no external reference, and a chart takes well under a millisecond to write. Every text is XML-escaped here
(labels are region, kecamatan and OPD names, i.e. user input). No element has an id, so any number of charts can
share a page. Sizes are CSS pixels. The browser's font is not known when the SVG is written, so text widths are
estimated (generously) to leave room for labels.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

FONT_SIZE = 10
TEXT_COLOUR, TITLE_COLOUR, AXIS_COLOUR, GRID_COLOUR = "#1f2937", "#4b5563", "#9ca3af", "#eef0f3"
VALUE_LABEL_COLOUR, TARGET_TICK_COLOUR, OTHER_COLOUR = "#1e3a8a", "#111827", "#d1d5db"


# --------------------------------------------------------------------------------------------------- numbers and text

def number(value: float, decimals: int, *, trim_zeros: bool = False) -> str:
    """A value with thousands separators and `decimals` decimals; trim_zeros drops trailing zeros (1.50 -> 1.5)."""
    text = f"{value:,.{decimals}f}"
    if trim_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_WIDE, _NARROW = re.compile(r"[A-Z0-9mw%@]"), re.compile(r"[ .,:;'!|()\[\]ijlt]")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of the width of `text` in sans-serif: capitals and digits wide, i, l and spaces narrow."""
    return size * (0.6 * len(text) + 0.1 * len(_WIDE.findall(text)) - 0.26 * len(_NARROW.findall(text)))


def _shortened(text: str, limit: float, size: float = FONT_SIZE) -> str:
    """`text`, cut with an ellipsis to fit `limit` pixels."""
    if text_width(text, size) <= limit:
        return text
    while text and text_width(text + "…", size) > limit:
        text = text[:-1]
    return text + "…"


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: float = FONT_SIZE,
          colour: str = TEXT_COLOUR, limit: float | None = None) -> str:
    """A line of text whose middle is at height y; cut to `limit` pixels, with the whole text as its tooltip."""
    shown = content if limit is None else _shortened(content, limit, size)
    tooltip = f"<title>{escape(content)}</title>" if shown != content else ""
    return (f'<text x="{x:.1f}" y="{y + 0.35 * size:.1f}" font-size="{size}" fill="{colour}" text-anchor="{anchor}">'
            f"{escape(shown)}{tooltip}</text>")


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"{dashes}/>')


def _rect(x: float, y: float, width: float, height: float, colour: str, opacity: float = 1) -> str:
    faded = f' fill-opacity="{opacity}"' if opacity != 1 else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{colour}"{faded}/>'


def _circle(x: float, y: float, radius: float, colour: str, *, hollow: bool = False) -> str:
    if hollow:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="white" stroke="{colour}" stroke-width="1.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}"/>'


def _path(points: list[tuple[float, float]], colour: str, width: float, dash: str = "") -> str:
    """A polyline through `points` (nothing for fewer than two)."""
    if len(points) < 2:
        return ""
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    corners = " L".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<path d="M{corners}" fill="none" stroke="{colour}" stroke-width="{width}"{dashes}/>'


def _svg(width: float, height: float, label: str, parts: list[str]) -> str:
    width, height = math.ceil(width), math.ceil(height)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">'
            f'<rect width="{width}" height="{height}" fill="white"/>{"".join(parts)}</svg>')


# --------------------------------------------------------------------------------------------------- scales

@dataclass(frozen=True)
class _Scale:
    """A linear scale from [low, high] onto the pixels [start, end], with round tick values to label."""
    low: float
    high: float
    start: float
    end: float
    ticks: list[float]
    decimals: int  # of the tick labels

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)

    def tick_label(self, value: float) -> str:
        return number(value, self.decimals, trim_zeros=True)


def _tick_step(low: float, high: float, count: int) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about `count` ticks over [low, high] (as d3 and Vega choose)."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    error = raw / power
    return power * (10 if error >= 7.07 else 5 if error >= 3.16 else 2 if error >= 1.41 else 1)


def _nice_scale(low: float, high: float, tick_count: int, start: float, end: float) -> _Scale:
    """The scale of [low, high] widened to round values, with about `tick_count` ticks (as Vega does it).

    The domain is rounded on a fine step (a tenth of it) to stay close to the data; the ticks use a coarser one.
    """
    if low == high:  # one value: show a little on either side of it
        pad = abs(low) * 0.1 or 1
        low, high = low - pad, high + pad
    step = 0.0
    for _ in range(10):  # widening to the step can change the step: repeat until both agree
        new_step = _tick_step(low, high, 10)
        if new_step == step:
            break
        step = new_step
        # the epsilons absorb float noise (0.36 / 0.02 = 17.999...)
        low = round(math.floor(low / step + 1e-9) * step, 12)
        high = round(math.ceil(high / step - 1e-9) * step, 12)
    tick_step = _tick_step(low, high, tick_count)
    first, last = math.ceil(low / tick_step - 1e-9), math.floor(high / tick_step + 1e-9)
    ticks = [round(i * tick_step, 12) for i in range(first, last + 1)]
    return _Scale(low, high, start, end, ticks, max(0, -math.floor(math.log10(tick_step))))


def _legend(x: float, y: float, items: list[tuple[str, str]]) -> list[str]:
    """A row of colour squares with their names, starting at (x, y)."""
    parts = []
    for name, colour in items:
        parts += [_rect(x, y - 5, 10, 10, colour), _text(x + 14, y, name)]
        x += 14 + text_width(name) + 16
    return parts


# --------------------------------------------------------------------------------------------------- charts

def trend_svg(years: list[int], actual: dict[int, float], target: dict[int, float], *, highlight_year: int | None,
              label: str, small: bool, bars: bool = False, percent: bool = False,
              actual_colour: str, target_colour: str, highlight_colour: str) -> str:
    """Actual values (a line, or bars) and the target of each year, the highlight year shaded behind them.

    Small charts fit a table cell: no legend and no value labels. Bars, and large percentage charts, start at zero.
    Years outside `years` are not drawn.
    """
    actual = {y: v for y, v in actual.items() if y in years and math.isfinite(v)}
    target = {y: v for y, v in target.items() if y in years and math.isfinite(v)}
    values = [*actual.values(), *target.values()] or [0.0]
    low, high = min(values), max(values)
    if bars or (percent and not small):
        low, high = min(low, 0.0), max(high, 0.0)
    size = 9 if small else FONT_SIZE
    plot_width, plot_height = (190, 64) if small else (500, 200)
    top = 6 if small else 16  # room above the highest point for its value label
    y = _nice_scale(low, high, 3 if small else 5, top + plot_height, top)
    y_title = percent and not small
    left = max(text_width(y.tick_label(t), size) for t in y.ticks) + 8 + (14 if y_title else 0)
    bottom = top + plot_height
    step = plot_width / max(len(years), 1)
    x = {year: left + step * (i + 0.5) for i, year in enumerate(years)}

    parts = [_line(left, y(t), left + plot_width, y(t), GRID_COLOUR) for t in y.ticks]
    if highlight_year in x:
        parts.append(_rect(x[highlight_year] - 0.45 * step, top, 0.9 * step, plot_height, highlight_colour, 0.45))
    parts.append(_line(left, top, left, bottom, AXIS_COLOUR))
    parts.append(_line(left, bottom, left + plot_width, bottom, AXIS_COLOUR))
    for t in y.ticks:
        parts += [_line(left - 4, y(t), left, y(t), AXIS_COLOUR),
                  _text(left - 6, y(t), y.tick_label(t), anchor="end", size=size)]
    parts += [_text(x[year], bottom + 4 + size / 2, str(year), anchor="middle", size=size) for year in years]
    if y_title:
        parts.append(f'<text x="0" y="0" transform="translate(9 {top + plot_height / 2:.1f}) rotate(-90)" '
                     f'font-size="{FONT_SIZE}" fill="{TITLE_COLOUR}" text-anchor="middle">%</text>')

    actual_points = [(x[year], y(value)) for year, value in sorted(actual.items())]
    if bars:
        bar_width = min(12 if small else 26, 0.9 * step)
        zero = y(0.0)
        parts += [_rect(px - bar_width / 2, min(py, zero), bar_width, abs(zero - py), actual_colour, 0.85)
                  for px, py in actual_points]
    else:
        parts.append(_path(actual_points, actual_colour, 2))
        parts += [_circle(px, py, 2.6 if small else 3.6, actual_colour) for px, py in actual_points]
    target_points = [(x[year], y(value)) for year, value in sorted(target.items())]
    parts.append(_path(target_points, target_colour, 1.5, dash="4,3"))
    parts += [_circle(px, py, 2.1 if small else 3.1, target_colour, hollow=True) for px, py in target_points]

    height = bottom + 4 + size + 4
    if not small:
        decimals, trim = (1, False) if percent else (4, True)
        parts += [_text(x[year], y(value) - 9, number(value, decimals, trim_zeros=trim), anchor="middle",
                        colour=VALUE_LABEL_COLOUR) for year, value in actual.items()]
        legend_y = height + 10
        if bars:
            actual_key = _rect(left - 5, legend_y - 5, 10, 10, actual_colour, 0.85)
        else:
            actual_key = (_line(left - 8, legend_y, left + 8, legend_y, actual_colour, 2)
                          + _circle(left, legend_y, 3.6, actual_colour))
        target_x = left + 14 + text_width("Actual") + 24
        parts += [actual_key, _text(left + 14, legend_y, "Actual"),
                  _line(target_x - 8, legend_y, target_x + 8, legend_y, target_colour, 1.5, "4,3"),
                  _circle(target_x, legend_y, 3.1, target_colour, hollow=True),
                  _text(target_x + 14, legend_y, "Target")]
        height = legend_y + 12
    return _svg(left + plot_width + 8, height, label, parts)


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart; `mark` (a target, say) is drawn as a tick across the row."""
    name: str
    value: float
    colour: str
    mark: float | None = None


def bars_svg(rows: list[Bar], *, label: str, axis_title: str, domain: tuple[float, float] | None = None,
             decimals: int = 1, trim_zeros: bool = False, legend: dict[str, str] | None = None,
             row_height: int = 17, bar_height: int = 12, name_limit: int = 220, plot_width: int = 420) -> str:
    """Horizontal bars from zero, in the order given, labelled with their values; `legend` maps names to colours.

    The value axis spans `domain`, widened to any value or mark outside it.
    """
    rows = [r for r in rows if math.isfinite(r.value)]
    values = [0.0, *(domain or ()), *(r.value for r in rows), *(r.mark for r in rows if r.mark is not None)]
    left = min(name_limit, max((text_width(r.name) for r in rows), default=0)) + 8
    top, plot_height = 4, max(40, row_height * len(rows))
    x = _value_scale(min(values), max(values), left, left + plot_width)
    parts = _value_axis(x, top, plot_height, axis_title)
    step = plot_height / max(len(rows), 1)
    zero, right = x(0.0), left + plot_width + text_width(x.tick_label(x.ticks[-1])) / 2
    for i, row in enumerate(rows):
        middle = top + step * (i + 0.5)
        end = x(row.value)
        parts += [_text(left - 6, middle, row.name, anchor="end", limit=name_limit),
                  _rect(min(zero, end), middle - bar_height / 2, abs(end - zero), bar_height, row.colour)]
        value_text, value_x = number(row.value, decimals, trim_zeros=trim_zeros), max(zero, end) + 3
        parts.append(_text(value_x, middle, value_text))  # right of the bar (of zero, for a negative one)
        right = max(right, value_x + text_width(value_text))
        if row.mark is not None:
            parts.append(_line(x(row.mark), middle - 9, x(row.mark), middle + 9, TARGET_TICK_COLOUR, 2))
    height = top + plot_height + 40
    if legend:
        parts += _legend(left, height + 4, list(legend.items()))
        height += 16
    return _svg(right + 6, height, label, parts)


def stacked_bars_svg(groups: list[str], segments: list[tuple[str, str, float]], *, colours: dict[str, str],
                     label: str, axis_title: str, row_height: int = 22, bar_height: int = 14, name_limit: int = 200,
                     plot_width: int = 420) -> str:
    """Horizontal bars of each group, stacked from its (group, key, value) segments in the order given.

    The legend lists every key of `colours`, then any other key found (drawn grey).
    """
    totals = dict.fromkeys(groups, 0.0)
    for group, _, value in segments:
        totals[group] = totals.get(group, 0.0) + value
    groups = list(totals)
    left = min(name_limit, max((text_width(g) for g in groups), default=0)) + 8
    top, plot_height = 4, max(40, row_height * len(groups))
    x = _value_scale(0.0, max(totals.values(), default=0.0) or 1.0, left, left + plot_width)
    parts = _value_axis(x, top, plot_height, axis_title)
    step = plot_height / max(len(groups), 1)
    middles = {group: top + step * (i + 0.5) for i, group in enumerate(groups)}
    parts += [_text(left - 6, middle, group, anchor="end", limit=name_limit) for group, middle in middles.items()]
    stacked = dict.fromkeys(groups, 0.0)
    for group, key, value in segments:
        start = stacked[group]
        stacked[group] += value
        parts.append(_rect(x(start), middles[group] - bar_height / 2, x(stacked[group]) - x(start), bar_height,
                           colours.get(key, OTHER_COLOUR)))
    keys = list(colours) + [key for key in dict.fromkeys(k for _, k, _ in segments) if key not in colours]
    height = top + plot_height + 40
    parts += _legend(left, height + 4, [(key, colours.get(key, OTHER_COLOUR)) for key in keys])
    right = left + plot_width + text_width(x.tick_label(x.ticks[-1])) / 2
    return _svg(right + 6, height + 16, label, parts)


def _value_scale(low: float, high: float, start: float, end: float) -> _Scale:
    """The horizontal scale of a bar chart: about ten ticks, fewer when their labels would overlap."""
    for tick_count in (10, 5, 2):
        x = _nice_scale(low, high, tick_count, start, end)
        spacing = x(x.ticks[1]) - x(x.ticks[0]) if len(x.ticks) > 1 else end - start
        if max(text_width(x.tick_label(t)) for t in x.ticks) + 6 <= spacing:
            break
    return x


def _value_axis(x: _Scale, top: float, plot_height: float, title: str) -> list[str]:
    """Gridlines, the axis lines and the labelled ticks of a horizontal value axis under a plot, with its title."""
    bottom = top + plot_height
    parts = [_line(x(t), top, x(t), bottom, GRID_COLOUR) for t in x.ticks]
    parts += [_line(x.start, top, x.start, bottom, AXIS_COLOUR), _line(x.start, bottom, x.end, bottom, AXIS_COLOUR)]
    for t in x.ticks:
        parts += [_line(x(t), bottom, x(t), bottom + 4, AXIS_COLOUR),
                  _text(x(t), bottom + 12, x.tick_label(t), anchor="middle")]
    parts.append(_text((x.start + x.end) / 2, bottom + 28, title, anchor="middle", colour=TITLE_COLOUR))
    return parts
