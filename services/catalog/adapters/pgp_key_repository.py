"""SQL for the ``pgp_keys`` table (the domain's PgpKeyStore)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from reportsuite.core.db import transaction
from services.catalog.adapters.orm import DeleteRequestRow, PgpKeyRow
from services.catalog.domain.model import Cursor
from services.catalog.domain.pgp_keys import PgpKey, PublicKeyInfo


class SqlPgpKeyRepository:
    """Imported PGP public keys, one short transaction per call."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def put(self, key: PgpKey, request_id: str | None) -> PgpKey:
        info = key.info
        values = {
            "account": key.account, "fingerprint": info.fingerprint, "user_ids": "\n".join(info.user_ids),
            "algorithm": info.algorithm, "armored_key": key.armored_key, "create_time": info.create_time,
            "expire_time": info.expire_time, "import_time": key.import_time, "request_id": request_id,
        }
        statement = insert(PgpKeyRow).values(**values)
        # Importing a key again replaces it: a renewed expiry or new user ids take effect.
        statement = statement.on_conflict_do_update(
            index_elements=["account", "fingerprint"],
            set_={name: statement.excluded[name] for name in values if name not in ("account", "fingerprint")},
        )
        with transaction(self._sessions) as session:
            session.execute(statement)
        stored = self.get(key.account, info.fingerprint)
        assert stored is not None
        return stored

    def by_request(self, account: str, request_id: str) -> PgpKey | None:
        return self._one(PgpKeyRow.account == account, PgpKeyRow.request_id == request_id)

    def get(self, account: str, fingerprint: str) -> PgpKey | None:
        return self._one(PgpKeyRow.account == account, PgpKeyRow.fingerprint == fingerprint)

    def page(self, account: str, after: Cursor | None, limit: int) -> list[PgpKey]:
        query = select(PgpKeyRow).where(PgpKeyRow.account == account)
        if after is not None:
            query = query.where(or_(PgpKeyRow.import_time < after.create_time,
                                    and_(PgpKeyRow.import_time == after.create_time,
                                         PgpKeyRow.fingerprint < after.row_id)))
        query = query.order_by(PgpKeyRow.import_time.desc(), PgpKeyRow.fingerprint.desc()).limit(limit)
        with self._sessions() as session:
            return [_key(row) for row in session.scalars(query)]

    def usable_count(self, account: str, now: datetime) -> int:
        query = select(func.count()).select_from(PgpKeyRow).where(
            PgpKeyRow.account == account, or_(PgpKeyRow.expire_time.is_(None), PgpKeyRow.expire_time > now))
        with self._sessions() as session:
            return int(session.execute(query).scalar_one())

    def delete(self, account: str, fingerprint: str, request_id: str | None) -> bool:
        name = f"accounts/{account}/pgpKeys/{fingerprint}"
        with transaction(self._sessions) as session:
            done = session.execute(delete(PgpKeyRow).where(
                PgpKeyRow.account == account, PgpKeyRow.fingerprint == fingerprint))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                return False
            if request_id is not None:
                session.execute(insert(DeleteRequestRow).values(
                    account=account, request_id=request_id, name=name, create_time=datetime.now(UTC),
                ).on_conflict_do_nothing())
            return True

    def deletion_done(self, account: str, request_id: str, name: str) -> bool:
        with self._sessions() as session:
            row = session.get(DeleteRequestRow, (account, request_id))
            return row is not None and row.name == name

    def _one(self, *conditions: object) -> PgpKey | None:
        with self._sessions() as session:
            row = session.scalars(select(PgpKeyRow).where(*conditions)).first()  # type: ignore[arg-type]
            return None if row is None else _key(row)


def _key(row: PgpKeyRow) -> PgpKey:
    info = PublicKeyInfo(
        fingerprint=row.fingerprint, user_ids=tuple(filter(None, row.user_ids.split("\n"))),
        create_time=row.create_time, expire_time=row.expire_time, algorithm=row.algorithm,
    )
    return PgpKey(row.account, info, row.armored_key, row.import_time)
