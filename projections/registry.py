"""Every projection by name, and how to open one's view for a store."""

from __future__ import annotations

from collections.abc import Callable

from ledger.frameworks.model import Framework
from ledger.persistence.settings import Settings
from ledger.persistence.tracking import open_tracking_recorder
from projections.base import LedgerProjection
from projections.cascades import Cascades
from projections.change_register import ChangeRegister
from projections.current_scores import CurrentScores
from projections.documents import DocumentView, PostgresDocumentView, SQLiteDocumentView
from projections.early_warning import EarlyWarnings
from projections.head_evaluation import HeadEvaluation
from projections.integrity import IntegrityReports
from projections.joints import Joints
from projections.recorded_index import RecordedIndex
from projections.sar_register import SarRegister
from projections.trail import AuditTrail

__all__ = ["PROJECTIONS", "open_projection"]

PROJECTIONS: dict[str, type[LedgerProjection]] = {
    cls.name: cls
    for cls in (
        CurrentScores,
        AuditTrail,
        ChangeRegister,
        SarRegister,
        IntegrityReports,
        RecordedIndex,
        HeadEvaluation,
        EarlyWarnings,
        Joints,
        Cascades,
    )
}


def open_projection(
    settings: Settings, name: str, frameworks: Callable[[str], Framework]
) -> LedgerProjection:
    """The projection ``name`` over its view in the store the settings name."""
    view: DocumentView = open_tracking_recorder(
        settings, name, SQLiteDocumentView, PostgresDocumentView
    )
    return PROJECTIONS[name](view, frameworks)
