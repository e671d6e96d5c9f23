"""Pages stage: the catalogue site's pages as Markdown text, pure functions of the check result.

SOP pages (with their compliance findings), the indexes, the Kepatuhan
dashboard and the Aturan page, plus ``compliance.json`` (the dashboard's data
for programs); ``assets/`` holds the stylesheet and the small scripts the
plugin copies into the site.

Nothing here imports MkDocs or writes files: the plugin adapter hands these
texts to MkDocs as generated files. Every piece of SOP text goes through
:mod:`katalog_sop.site.markup` so it is shown as written and never read as
Markdown or HTML.
"""
