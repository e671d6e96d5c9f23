"""Search stage: what the catalogue's search index is made of (words, roots, synonyms, records).

Pure: it reads its own data files and the package PySastrawi's root words, and
writes nothing; the pages stage turns its output into the files a reader's
browser loads.
"""
