"""Comparators from the Department for Education's published statistics.

models.py holds what is kept of DfE's files (the mappings, neighbour groups and every area's values).
The pure readers (tidy, neighbours, catalogue, comparison) take text and return plain data; only
services.py and admin.py write to the database, and benchmarking.py and restatements.py read the
indicator page's benchmark from it, which opendata.py gives as open data.
"""
