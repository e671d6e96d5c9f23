"""Monitoring and evaluation of SOP implementation: the regulation's Tabel 7 rounds and evaluations.

Beside the SOP pipeline: records are read from ``monitoring/<unit>/*.yaml``
(:mod:`.load`), held as immutable values (:mod:`.model`), judged by the
rules of family E (``katalog_sop.rules.monitoring``) and shown by the site.
"""
