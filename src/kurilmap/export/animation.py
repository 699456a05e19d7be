"""Animated GIF export: one frame per change of the border, from 1850 to today, or per day of change in 1945."""

from __future__ import annotations

import datetime as _dt
import io

import numpy as np

from kurilmap.export.layout import _layout
from kurilmap.export.options import ExportError, _today, _version, check_day, check_options
from kurilmap.export.page import _Page
from kurilmap.export.theme import rendering
from kurilmap.publish import animation_alt_text, credit_line

# print and vector output use geometry.DISPLAY_TOLERANCE (coast within 150 m of the shoreline)
FRAME_TOLERANCE = 0.004  # degrees: GIF frames, about a quarter of a pixel at 1000 px wide


def default_animation_years(history) -> list[int]:
    """The first year of each period, the start and end of each occupation, and the current year.

    Examples
    --------
    >>> from kurilmap.geometry import history
    >>> from kurilmap.periods import last_year
    >>> default_animation_years(history())[:-1]
    [1850, 1855, 1875, 1905, 1920, 1925, 1945]
    """
    from kurilmap.periods import last_year

    years = {history.periods[0].start, *history.change_years(), last_year()}
    return sorted(y for y in years if y <= last_year())


def animate(
    atlas,
    *,
    names: str = "both",
    lang: str = "en",
    width: int = 1000,
    height: int = 750,
    years=None,
    frame_ms: int = 1200,
    today: _dt.date | None = None,
    days=None,
) -> bytes:
    """An animated GIF stepping through the periods, the year and period written on each frame.

    ``days`` (ISO days of the 1945 sequence, or ``"sequence"`` for its days of change) makes the
    frames days of 1945 instead of years, the date written on each frame.

    One figure is drawn once and recoloured per frame; the last frame stays twice as long.

    Examples
    --------
    >>> from kurilmap.geometry import load_atlas
    >>> animate(load_atlas(), years=[1890, 1910], width=400, height=300)[:6]
    b'GIF89a'
    """
    from PIL import Image

    if days is not None:
        days = atlas.campaign.change_days() if days == "sequence" else list(days)
        frames_of = [(atlas.campaign.year, check_day(atlas, d, "gif")) for d in days]
    else:
        years = default_animation_years(atlas.history) if years is None else [int(y) for y in years]
        frames_of = [(y, None) for y in years]
    if not frames_of:
        raise ExportError("no years to animate; give at least one year")
    for y, _ in frames_of:
        check_options(y, "gif", names=names, lang=lang, width=width, height=height, dpi=100)
    if not isinstance(frame_ms, int) or not 100 <= frame_ms <= 20_000:
        raise ExportError(f"frame_ms {frame_ms} is outside 100–20000 ms; choose e.g. 1200")
    today = _today(today)
    layout = _layout(width, height, 100, 1)
    frames = []
    with rendering(lang, layout.s):
        page = _Page(atlas, layout, 100, names, lang, today, FRAME_TOLERANCE)
    for y, day in frames_of:  # the lock is taken per frame: other exports go between the frames
        with rendering(lang, layout.s):
            page.show(y, big_year=True, day=day)
            frames.append(page.rgb().copy())
    # One palette for all frames (sampled from every frame) keeps the holder colours steady.
    sample = np.concatenate([f[::4, ::4] for f in frames], axis=0)
    palette = Image.fromarray(sample).quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    images = [Image.fromarray(f).quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    durations = [frame_ms] * (len(images) - 1) + [frame_ms * 2]
    buf = io.BytesIO()
    images[0].save(
        buf, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0, optimize=False,
        comment=(
            f"{animation_alt_text(atlas, frames_of, lang)} {credit_line(atlas, lang)}. "
            f"kurilmap {_version()}: {', '.join(d or str(y) for y, d in frames_of)}"
        ).encode(),
    )  # fmt: skip
    return buf.getvalue()
