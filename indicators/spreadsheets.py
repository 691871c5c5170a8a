"""What every workbook the portal writes shares: text is written as text, never as a formula.

A cell whose text begins with =, +, - or @ would be read by a spreadsheet as a formula (and could
run one that fetches or sends data), so such text is stored as a string with a quote prefix.
"""

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(cell, text: str) -> None:
    """Write text that a spreadsheet would read as a formula as plain text."""
    cell.value = text
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
