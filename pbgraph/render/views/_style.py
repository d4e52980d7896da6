"""Colours, shapes and sizes of the view nodes and edges."""

from __future__ import annotations

from pbgraph.model import LiaisonKind, Party
from pbgraph.render._model import DORMANT_COLOR as DORMANT_COLOR

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#9edae5",
    "#dbdb8d",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
)
PARTY_COLORS: dict[str, str] = {
    Party.CPC: "#d62728",
    Party.RCCK: "#1f77b4",
    Party.CDL: "#2ca02c",
    Party.CNDCA: "#ff7f0e",
    Party.CAPD: "#9467bd",
    Party.CPWDP: "#8c564b",
    Party.CZGP: "#e377c2",
    Party.JS: "#17becf",
    Party.TDSGL: "#bcbd22",
    Party.NP: "#7f7f7f",
    Party.MASSES: "#a6a6a6",
}
KIND_STYLE: dict[str, tuple[str, str, float]] = {  # shape, colour, size
    "member": ("dot", "#4e79a7", 9.0),
    "sector": ("diamond", "#f28e2b", 16.0),
    "township": ("square", "#59a14f", 14.0),
    "organization": ("triangle", "#b07aa1", 13.0),
    "contact": ("dot", "#c7c7c7", 4.0),
    "aggregate": ("hexagon", "#4e79a7", 20.0),
}
LIAISON_COLORS: dict[str, str] = {
    LiaisonKind.SECTOR: "#f28e2b",
    LiaisonKind.MEMBER: "#d62728",
    LiaisonKind.TOWNSHIP: "#59a14f",
    LiaisonKind.CONTACT: "#bab0ac",
}
STRUCTURE_COLOR = "#d9d9d9"
NOT_COUNTING_COLOR = "#999999"
#: the badge symbol of each gap kind (keys of the gap analyses, as in `GAP_LABELS`)
GAP_SYMBOL: dict[str, str] = {
    "unlinked": "cross",
    "unorganized": "diamond",
    "sector": "triangle",
    "township": "square",
    "platform": "star",
    "overloaded": "plus",
}
#: the fill of a gap legend entry (the halo and badge carry the meaning)
GAP_LEGEND_FILL = "#8c959f"
#: super-nodes coloured by their share of gaps: none, up to 10 %, up to 25 %, more
GAP_SHARE_COLORS = ("#4e79a7", "#f2b880", "#e4794a", "#b3361b")
#: the org view: lane headers, and organizations coloured by the lane they belong to
LANE_COLOR = "#d0d7de"
ORG_LANE_COLORS: dict[str, str] = {
    "committee": "#d0d7de",
    "party_group": "#f4c7c3",
    "organ_party_group": "#c6dbef",
    "party_committee": "#c6dbef",
    "party_branch": "#c6dbef",
    "sub_party_group": "#fdd0a2",
    "functional_branch": "#fdd0a2",
    "party_cell": "#fdd0a2",
    "study_group": "#c7e9c0",
    "studio": "#c7e9c0",
    "station": "#c7e9c0",
    "temporary_branch": "#dadaeb",
}
