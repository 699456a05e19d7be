"""Japan–Russia border changes in Sakhalin and the Kuril Islands: data, geometry, maps and exports.

The notebook API (:mod:`kurilmap.api`) is in the top level: :func:`layer`, :func:`holders`,
:func:`changes`, :func:`events`, :func:`folium_map`, :func:`side_by_side` and :func:`snapshot` (the bytes
of an export). It is imported on first use, so ``import kurilmap`` (and the command line's start-up) stays quick.

>>> import kurilmap
>>> kurilmap.layer(1875).set_index("id").loc["etorofu", "holder"]
'japan'
"""

__version__ = "0.1.0"

_API = ("layer", "holders", "changes", "events", "folium_map", "side_by_side", "snapshot")
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from kurilmap import api

        return getattr(api, name)
    raise AttributeError(f"module 'kurilmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
