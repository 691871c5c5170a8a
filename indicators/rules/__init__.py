"""The committee's rules, as pure functions: no models, no views, no database.

Everything a council would check by hand — ratings, direction of travel, period arithmetic,
exception criteria and suppression — is decided here, and tested with tables of cases.
"""
