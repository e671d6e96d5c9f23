"""Katalog SOP: a catalogue generator and checker for SOP Administrasi Pemerintahan.

The package is laid out by stage, and data flows one way through them:

    source (YAML with positions) -> schema (structure) -> build (typed model)
    -> catalogue (all SOPs together) -> ... -> adapters (cli)

Only the adapters print or know a framework; every stage returns values and
:class:`~katalog_sop.problem.Problem` records.
"""

__version__ = "0.1.0"
