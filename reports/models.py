"""Committees, their meetings and published reports, and the decisions that change the suite."""
