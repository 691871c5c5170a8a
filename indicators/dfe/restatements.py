"""DfE's revisions of figures it had published, read from the comparators' recorded history.

- A revision is a re-import of DfE's files that changes a comparator's figure: the council's own,
  its neighbours' mean, its region's or England's. It is shown with the figure it replaced, the new
  one, and the date of the import.
- A revision that moves the council's quartile band or national rank says which; so does one of
  other councils' figures that moves them while the council's own figure stays as it was.
- A figure typed in the administration pages is not DfE's: a change to or from one is not a revision.
- Nor is a change to or from a figure of an older file imported on request: DfE revised nothing.
- Nor is a change of the neighbours' figure that comes with a change of neighbour model (the
  groupings): the neighbours changed, not DfE's figures.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import pairwise

from indicators.models import Comparator
from indicators.rules.terms import ComparatorKind

IMPORTED = "Imported from "
"""How an import names itself in the history it records (`services.import_dfe_file`)."""
OLDER_FILE = "Imported an older file, "
"""How an import of an older file, asked for, names itself: never a revision by DfE."""
KIND_ORDER = {
    ComparatorKind.COUNCIL: 0,
    ComparatorKind.STATISTICAL_NEIGHBOURS: 1,
    ComparatorKind.REGION: 2,
    ComparatorKind.ENGLAND: 3,
}


@dataclass(frozen=True)
class Version:
    """One recorded version of a comparator, as the history holds it."""

    year: int
    label: str
    kind: str
    value: Decimal | None
    reason: str
    band: str
    national_rank: int | None
    national_ranked: int | None
    source_file: str
    at: datetime
    change_reason: str
    neighbour_model: str = ""

    @property
    def is_imported(self) -> bool:
        return (self.change_reason or "").startswith(IMPORTED)


@dataclass(frozen=True)
class Restatement:
    """A published figure DfE revised: what it was, what it is, and when the import changed it."""

    year: int
    label: str
    kind: str
    before: Version
    after: Version

    @property
    def revised_at(self) -> datetime:
        return self.after.at

    @property
    def is_value_revised(self) -> bool:
        return (self.before.value, self.before.reason) != (self.after.value, self.after.reason)

    @property
    def is_band_changed(self) -> bool:
        return self.kind == ComparatorKind.COUNCIL and self.before.band != self.after.band

    @property
    def is_rank_changed(self) -> bool:
        return self.kind == ComparatorKind.COUNCIL and (
            (self.before.national_rank, self.before.national_ranked)
            != (self.after.national_rank, self.after.national_ranked)
        )

    @property
    def kind_label(self) -> str:
        return ComparatorKind(self.kind).label


def restatements_in(versions: list[Version]) -> list[Restatement]:
    """Each revision in a comparator history, newest first.

    `versions` may come in any order; each comparator's are taken oldest first.
    """
    by_comparator: dict[tuple[int, str], list[Version]] = {}
    for version in sorted(versions, key=lambda v: v.at):
        by_comparator.setdefault((version.year, version.kind), []).append(version)
    found = []
    for (year, kind), history in by_comparator.items():
        for before, after in pairwise(history):
            if not (before.is_imported and after.is_imported):
                continue
            if before.neighbour_model != after.neighbour_model:
                continue
            restatement = Restatement(year, after.label, kind, before, after)
            if restatement.is_value_revised or restatement.is_band_changed or restatement.is_rank_changed:
                found.append(restatement)
    return sorted(found, key=lambda r: (r.revised_at, r.year, -KIND_ORDER.get(r.kind, 9)), reverse=True)


VERSION_FIELDS = {
    "year": "year",
    "label": "year_label",
    "kind": "kind",
    "value": "value",
    "reason": "unavailable_reason",
    "band": "band",
    "national_rank": "national_rank",
    "national_ranked": "national_ranked",
    "source_file": "source_file",
    "at": "history_date",
    "change_reason": "history_change_reason",
    "neighbour_model": "neighbour_model",
}


def restatements_for(indicator_id: int) -> list[Restatement]:
    """Every revision DfE made to an indicator's comparators, newest first: one query."""
    rows = (
        Comparator.history.filter(indicator_id=indicator_id)
        .exclude(history_type="-")
        .order_by("history_date", "history_id")
        .values_list(*VERSION_FIELDS.values())
    )
    return restatements_in([Version(*row) for row in rows])
