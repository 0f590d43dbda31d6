"""SQL for the ``deliveries`` table (the OutcomeStore port)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects.postgresql import insert

from reportsuite.core.db import make_sessions, transaction
from services.delivery.adapters.orm import DeliveryRow
from services.delivery.domain.model import DeliveryState, Outcome

# Server answers can be long (multi-line SMTP replies); the row keeps the first part.
MAX_DETAIL = 2000


class DeliveryRepository:
    """Reads and writes delivery outcomes, one short transaction per call."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = make_sessions(engine)

    def outcomes(self, job: str) -> dict[str, Outcome]:
        """Every recorded destination of a job, by destination."""
        with self._sessions() as session:
            rows = session.scalars(select(DeliveryRow).where(DeliveryRow.job == job)).all()
            return {row.destination: _outcome(row) for row in rows}

    def begin(self, job: str, destination: str, file_name: str) -> int:
        """Counts a new attempt (state PENDING) unless the destination already succeeded."""
        statement = insert(DeliveryRow).values(
            job=job, destination=destination, state=DeliveryState.PENDING.value, attempts=1, detail="",
            file_name=file_name, retryable=True, update_time=datetime.now(UTC),
        )
        upsert = statement.on_conflict_do_update(
            constraint="uq_deliveries_job_destination",
            set_={
                "attempts": DeliveryRow.attempts + 1,
                "state": DeliveryState.PENDING.value,
                "file_name": statement.excluded.file_name,
                "update_time": statement.excluded.update_time,
            },
            where=DeliveryRow.state != DeliveryState.SUCCEEDED.value,
        ).returning(DeliveryRow.attempts)
        with transaction(self._sessions) as session:
            attempts = session.execute(upsert).scalar_one_or_none()
        return attempts if attempts is not None else self.outcomes(job)[destination].attempts

    def finish(self, job: str, outcome: Outcome) -> Outcome:
        """Stores the outcome of the current attempt and returns it with its completion time."""
        now = datetime.now(UTC)
        with transaction(self._sessions) as session:
            session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.job == job, DeliveryRow.destination == outcome.destination)
                .values(state=outcome.state.value, detail=outcome.detail[:MAX_DETAIL], retryable=outcome.retryable,
                        file_name=outcome.file_name, update_time=now, complete_time=now)
            )
        return Outcome(outcome.destination, outcome.state, outcome.detail[:MAX_DETAIL], outcome.attempts,
                       outcome.file_name, outcome.retryable, now)


def _outcome(row: DeliveryRow) -> Outcome:
    return Outcome(
        destination=row.destination, state=DeliveryState(row.state), detail=row.detail, attempts=row.attempts,
        file_name=row.file_name, retryable=row.retryable, complete_time=row.complete_time,
    )
