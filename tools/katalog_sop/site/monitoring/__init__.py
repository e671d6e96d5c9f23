"""Pages stage, monitoring and evaluation of SOP implementation on the site.

- :mod:`.keadaan`: each SOP's state (last result, next due date), counted as rules SOPAP-E01..E03 count it;
- :mod:`.bagian`: the "Monitoring dan Evaluasi" section of an SOP page;
- :mod:`.tabel7` and :mod:`.halaman`: Tabel 7 as the regulation lays it out, filled per round and blank per
  unit, on pages of their own that print alone;
- :mod:`.dasbor`: the Kepatuhan page's monitoring section and its full lists;
- :mod:`.letak`: where those pages live.

Nothing is imported here, so that :mod:`katalog_sop.site.sop_page` can import :mod:`.bagian` without a cycle.
Pure: texts by path, never written here.
"""
