"""PGP public keys in the catalog: import with its checks, list, get, delete, and pgp_encrypt's rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest

from reportsuite.catalog.v1 import catalog_pb2 as pb
from reportsuite.catalog.v1 import catalog_pb2_grpc
from reportsuite.core.errors import error_details
from tests.integration.catalog.support import definition, rpc_error
from tests.support.gpg import Gpg, gpg_home


@dataclass(frozen=True)
class Keys:
    gpg: Gpg
    good: str
    rsa: str
    sign_only: str
    expired: str
    revoked: str


@pytest.fixture(scope="module")
def keys() -> Iterator[Keys]:
    with gpg_home() as gpg:
        revoked = gpg.generate("Revoked <revoked@example.com>")
        gpg.revoke(revoked)
        yield Keys(gpg, gpg.generate("Reports Team <reports@example.com>"), gpg.generate_rsa("RSA <rsa@example.com>"),
                   gpg.generate("Signer <signer@example.com>", encryption=False),
                   gpg.expired("Old <old@example.com>"), revoked)


def _import(catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, text: str, request_id: str = "") -> pb.PgpKey:
    request = pb.ImportPgpKeyRequest(parent=parent, armored_key=text, request_id=request_id)
    return catalog.ImportPgpKey(request).pgp_key


def test_an_imported_key_is_listed_got_and_deleted(
    catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, keys: Keys,
) -> None:
    key = _import(catalog, parent, keys.gpg.public(keys.good))

    assert key.name == f"{parent}/pgpKeys/{keys.good}"
    assert key.fingerprint == keys.good
    assert list(key.user_ids) == ["Reports Team <reports@example.com>"]
    assert key.HasField("expire_time") and key.expire_time.seconds > key.create_time.seconds
    assert key.algorithm == "ECDH Curve25519"
    assert catalog.GetPgpKey(pb.GetPgpKeyRequest(name=key.name)).pgp_key == key
    rsa = _import(catalog, parent, keys.gpg.public(keys.rsa))
    listed = catalog.ListPgpKeys(pb.ListPgpKeysRequest(parent=parent, page_size=1))
    assert [k.fingerprint for k in listed.pgp_keys] == [keys.rsa]
    rest = catalog.ListPgpKeys(pb.ListPgpKeysRequest(parent=parent, page_token=listed.next_page_token))
    assert [k.fingerprint for k in rest.pgp_keys] == [keys.good] and not rest.next_page_token
    assert rsa.algorithm.startswith("RSA")

    catalog.DeletePgpKey(pb.DeletePgpKeyRequest(name=key.name, request_id="d1"))
    catalog.DeletePgpKey(pb.DeletePgpKeyRequest(name=key.name, request_id="d1"))  # a retry succeeds
    error = rpc_error(lambda: catalog.GetPgpKey(pb.GetPgpKeyRequest(name=key.name)))
    assert error.code() == grpc.StatusCode.NOT_FOUND  # type: ignore[attr-defined]


def test_a_retried_import_returns_the_first_result_and_a_reimport_replaces_the_key(
    catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, keys: Keys,
) -> None:
    first = _import(catalog, parent, keys.gpg.public(keys.good), request_id="r1")
    again = _import(catalog, parent, keys.gpg.public(keys.good), request_id="r1")
    renewed = _import(catalog, parent, keys.gpg.public(keys.good))

    assert again == first
    assert renewed.fingerprint == first.fingerprint
    assert len(catalog.ListPgpKeys(pb.ListPgpKeysRequest(parent=parent)).pgp_keys) == 1


@pytest.mark.parametrize(
    ("which", "reason"),
    [
        ("secret", "private (secret) key"),
        ("expired", "expired on"),
        ("revoked", "is revoked"),
        ("sign_only", "no (sub)key that can encrypt"),
        ("garbage", "not an ASCII-armored OpenPGP public key"),
        ("truncated", "could not be read"),
        ("two", "one key per call"),
    ],
)
def test_an_unusable_key_is_refused_at_import_with_the_reason(
    catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, keys: Keys, which: str, reason: str,
) -> None:
    public = keys.gpg.public(keys.good)
    texts = {
        "secret": keys.gpg.secret(keys.good),
        "expired": keys.gpg.public(keys.expired),
        "revoked": keys.gpg.public(keys.revoked),
        "sign_only": keys.gpg.public(keys.sign_only),
        "garbage": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI",
        "truncated": public[: len(public) // 2] + "\n-----END PGP PUBLIC KEY BLOCK-----\n",
        "two": public + keys.gpg.public(keys.rsa),
    }

    error = rpc_error(lambda: _import(catalog, parent, texts[which]))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert error_details(error)["field"] == "armored_key"
    assert reason in error_details(error)["rule"]
    assert "PRIVATE KEY" not in str(error)
    assert catalog.ListPgpKeys(pb.ListPgpKeysRequest(parent=parent)).pgp_keys == []


def test_pgp_encrypt_is_refused_until_the_account_has_a_key(
    catalog: catalog_pb2_grpc.CatalogServiceStub, parent: str, keys: Keys,
) -> None:
    encrypted = definition(output=pb.OutputOptions(email_addresses="ops@example.com", pgp_encrypt=True))
    create = pb.CreateReportDefinitionRequest(parent=parent, report_definition=encrypted)

    error = rpc_error(lambda: catalog.CreateReportDefinition(create))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION  # type: ignore[attr-defined]
    assert error_details(error)["field"] == "report_definition.output.pgp_encrypt"
    assert "needs a PGP public key" in error_details(error)["rule"]

    _import(catalog, parent, keys.gpg.public(keys.good))
    created = catalog.CreateReportDefinition(create).report_definition
    assert created.output.pgp_encrypt
