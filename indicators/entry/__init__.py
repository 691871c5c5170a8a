"""Entering a period's figures: the period form, the spreadsheet round trip and corrections."""
