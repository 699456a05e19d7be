"""Map colours shared by the interactive map and the exported images (no heavy imports)."""

#: Colour-blind-safe palette (Okabe & Ito). Hatched styles are SVG patterns in the page.
PALETTE = {
    "japan": "#D55E00",
    "russia": "#0072B2",
    "shared": "#CC79A7",
    "contested": "#B4B4B4",
    "occupied_stripe": "#D55E00",
    "disputed_stripe": "#F0E442",
    "context": "#DAD5C8",
    "sea": "#EEF4F7",
    "line": "#111111",
    "changed": "#000000",
}
