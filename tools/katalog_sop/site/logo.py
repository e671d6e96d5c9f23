"""Pages stage, the agency's logo in the printed kop: whether the site has the image, and its link.

``kop.logo`` names an image in the site's docs folder (``gambar/logo-kabupaten.png``,
relative to ``docs/``). The schema already refuses anything else (a URL of
any scheme, a leading ``/``, a ``..`` segment, a hidden name: see
:data:`katalog_sop.schema.LOGO_PATTERN`), so no SOP can make the page ask
another host or leave the site. What is left is whether the file is there,
and only the MkDocs adapter knows the docs folder and which of its files the
site publishes. So this is a check of the site, not a compliance rule: rules
see the SOP files alone (``sop check`` in an editor, a pre-commit hook or CI
has no docs folder), and a missing image is a fault of the site's files, not
of the SOP against the regulation. The plugin hands in a predicate
(``present(path)``: the site has that docs file); the functions here stay pure.

A logo the site does not have is a warning at ``kop.logo``'s file:line:col,
and the page leaves the image out: never a broken image on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from katalog_sop.model import Sop
from katalog_sop.problem import Problem, warning
from katalog_sop.site.markup import Urls

CODE_LOGO = "logo"
"""The code of a missing logo's problem: a structural problem of the site, not a rule's finding."""

Present = Callable[[str], bool]
"""Whether the site's docs folder has (and publishes) the file at a path relative to ``docs/``."""


def missing_logos(sops: Iterable[Sop], present: Present) -> list[Problem]:
    """A warning at ``kop.logo`` of every SOP whose logo the site does not have."""
    return [
        warning(sop.kop.logo.location, CODE_LOGO,
                f"berkas logo '{sop.kop.logo.value}' tidak ada di folder docs/; logo tidak dicetak pada kop")
        for sop in sops
        if sop.kop is not None and sop.kop.logo is not None and not present(sop.kop.logo.value)
    ]


def logo_href(sop: Sop, page_src: str, urls: Urls, present: Present | None = None) -> str | None:
    """The logo's link from the SOP's page (``page_src``), escaped for an attribute; ``None`` when the SOP
    names no logo or the site does not have it. ``present`` ``None``: the files are not known (outside a
    site build), and the path the schema let through is taken as there."""
    if sop.kop is None or sop.kop.logo is None:
        return None
    path = sop.kop.logo.value
    if present is not None and not present(path):
        return None
    return urls.href_file(page_src, path)
