"""Colours, shapes and sizes of the view nodes and edges."""

from __future__ import annotations

from pbgraph.model import LiaisonKind, Party

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
