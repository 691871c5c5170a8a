"""Comparators from the Department for Education's published statistics.

The pure readers (tidy, neighbours, catalogue, comparison) take text and return plain data; only
services.py and admin.py touch the database.
"""
