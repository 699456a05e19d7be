"""How things look: the palette and the table of looks shared by the map page and every exporter."""

#: Colour-blind-safe palette (Okabe & Ito).
PALETTE = {
    "japan": "#D55E00",
    "russia": "#0072B2",
    "shared": "#CC79A7",
    "contested": "#B4B4B4",
    "occupied_stripe": "#D55E00",
    "disputed_stripe": "#F0E442",
    "undetermined": "#FFFFFF",
    "undetermined_stripe": "#7A7A7A",
    "context": "#DAD5C8",
    "sea": "#EEF4F7",
    "line": "#111111",
    "changed": "#000000",
}

#: Every look a land unit can have, by look key (the scene names the key; renderers apply it).
#: ``hatch`` is the stripe colour over ``fill`` (None: plain); ``dash`` a dash pattern of the outline.
LOOKS = {
    "japan": {"fill": PALETTE["japan"], "stroke": PALETTE["japan"], "weight": 0.8, "dash": None, "hatch": None},
    "russia": {"fill": PALETTE["russia"], "stroke": PALETTE["russia"], "weight": 0.8, "dash": None, "hatch": None},
    "shared": {"fill": PALETTE["shared"], "stroke": PALETTE["shared"], "weight": 0.8, "dash": None, "hatch": None},
    "contested": {"fill": PALETTE["contested"], "stroke": "#777777", "weight": 0.8, "dash": "3 3", "hatch": None},
    "occupied": {
        "fill": PALETTE["russia"],
        "stroke": PALETTE["russia"],
        "weight": 0.8,
        "dash": None,
        "hatch": PALETTE["occupied_stripe"],
    },
    "landing": {
        "fill": PALETTE["japan"],
        "stroke": PALETTE["russia"],
        "weight": 1.2,
        "dash": None,
        "hatch": PALETTE["russia"],
    },
    # a land offensive under way (South Sakhalin): as a landing, its outline dashed
    "offensive": {
        "fill": PALETTE["japan"],
        "stroke": PALETTE["russia"],
        "weight": 1.2,
        "dash": "4 3",
        "hatch": PALETTE["russia"],
    },
    # the day of Soviet entry unknown (Moneron): grey, hatched blue
    "undated": {
        "fill": PALETTE["contested"],
        "stroke": PALETTE["russia"],
        "weight": 1.0,
        "dash": "2 3",
        "hatch": PALETTE["russia"],
    },
    # under Soviet control, no landing recorded: Soviet blue, outlined dotted in black
    "unrecorded": {
        "fill": PALETTE["russia"],
        "stroke": PALETTE["line"],
        "weight": 1.0,
        "dash": "1 2",
        "hatch": None,
    },
    "disputed": {
        "fill": PALETTE["russia"],
        "stroke": PALETTE["disputed_stripe"],
        "weight": 1.6,
        "dash": None,
        "hatch": PALETTE["disputed_stripe"],
    },
    # A government's position that the land's attribution is undetermined: neither side's colour.
    "undetermined": {
        "fill": PALETTE["undetermined"],
        "stroke": "#555555",
        "weight": 1.0,
        "dash": "4 3",
        "hatch": PALETTE["undetermined_stripe"],
    },
}
#: A dated Soviet entry into a town on a day of 1945 (a marked place).
ENTRY = {"fill": "#FFFFFF", "stroke": PALETTE["russia"], "weight": 2.0, "radius": 5}
#: Outline of land that changed hands between the two years of a comparison, drawn outside the land (``weight``:
#: its width beyond the shore or border, in px), so that the land's own fill and hatching stay whole.
CHANGED = {"stroke": PALETTE["changed"], "weight": 2.0}
#: A treaty line in force.
LINE = {"stroke": PALETTE["line"], "weight": 2.5, "dash": "7 5"}
CONTEXT = {"fill": PALETTE["context"], "stroke": PALETTE["context"]}
