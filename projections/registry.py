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
from projections.documents import DocumentView, SQLiteDocumentView
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
    view_class = _view_class(settings)
    view: DocumentView = open_tracking_recorder(settings, name, view_class, view_class)
    return PROJECTIONS[name](view, frameworks)


def _view_class(settings: Settings) -> type[DocumentView]:
    """SQLite's view, or PostgreSQL's: imported only then, psycopg being slow to load."""
    if not settings.is_postgres:
        return SQLiteDocumentView
    from projections.documents_postgres import PostgresDocumentView

    return PostgresDocumentView
