"""The PGP key RPCs of CatalogService (a mixin of CatalogServicer): translation only."""

from __future__ import annotations

import grpc

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core import timestamps
from reportsuite.core.errors import FailedPrecondition
from services.catalog.domain.pgp_keys import PgpKey, PgpKeys


class PgpKeyRpcs(catalog_pb2_grpc.CatalogServiceServicer):
    """ImportPgpKey, ListPgpKeys, GetPgpKey and DeletePgpKey over the PgpKeys use cases."""

    _pgp_keys: PgpKeys | None = None

    def _keys(self) -> PgpKeys:
        if self._pgp_keys is None:
            raise FailedPrecondition("this catalog was started without PGP keys", field="parent",
                                     rule="the catalog must be wired with its PGP key store")
        return self._pgp_keys

    def ImportPgpKey(self, request: pb.ImportPgpKeyRequest, context: grpc.ServicerContext) -> pb.ImportPgpKeyResponse:
        key = self._keys().import_key(request.parent, request.armored_key, request.request_id)
        return pb.ImportPgpKeyResponse(pgp_key=pgp_key_to_proto(key))

    def ListPgpKeys(self, request: pb.ListPgpKeysRequest, context: grpc.ServicerContext) -> pb.ListPgpKeysResponse:
        keys, token = self._keys().list(request.parent, request.page_size, request.page_token)
        return pb.ListPgpKeysResponse(pgp_keys=[pgp_key_to_proto(k) for k in keys], next_page_token=token)

    def GetPgpKey(self, request: pb.GetPgpKeyRequest, context: grpc.ServicerContext) -> pb.GetPgpKeyResponse:
        return pb.GetPgpKeyResponse(pgp_key=pgp_key_to_proto(self._keys().get(request.name)))

    def DeletePgpKey(self, request: pb.DeletePgpKeyRequest, context: grpc.ServicerContext) -> pb.DeletePgpKeyResponse:
        self._keys().delete(request.name, request.request_id)
        return pb.DeletePgpKeyResponse()


def pgp_key_to_proto(key: PgpKey) -> pb.PgpKey:
    info = key.info
    return pb.PgpKey(
        name=key.name, fingerprint=info.fingerprint, user_ids=list(info.user_ids),
        create_time=timestamps.to_proto(info.create_time), expire_time=timestamps.to_proto(info.expire_time),
        import_time=timestamps.to_proto(key.import_time), armored_key=key.armored_key, algorithm=info.algorithm,
    )
