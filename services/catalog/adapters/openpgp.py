"""Reading and checking an armored OpenPGP public key with pgpy (the KeyInspector port).

pgpy is used for parsing and checks only: encryption is GnuPG's, in the delivery service,
because pgpy holds a whole message in memory. Error messages never quote the key text.
"""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import Any

from reportsuite.core.errors import InvalidArgument
from services.catalog.domain.pgp_keys import ARMORED_KEY_FIELD, PublicKeyInfo

with warnings.catch_warnings():
    # pgpy still imports cipher names that cryptography deprecates; not ours to fix.
    warnings.simplefilter("ignore", DeprecationWarning)
    import pgpy
    from pgpy.constants import KeyFlags, SignatureType

_ENCRYPT_FLAGS = {KeyFlags.EncryptCommunications, KeyFlags.EncryptStorage}
_MAX_USER_IDS = 20


class PgpyInspector:
    """Checks a key as ImportPgpKey must."""

    def inspect(self, armored_key: str, now: datetime) -> PublicKeyInfo:
        key = _parse(armored_key)
        if not key.is_public:
            raise _refused("this is a private (secret) key; import only the public key "
                           "(gpg --armor --export FINGERPRINT), and treat the private key as exposed")
        fingerprint = str(key.fingerprint).replace(" ", "").upper()
        if list(key.revocation_signatures):
            raise _refused(f"key {fingerprint} is revoked")
        expires = key.expires_at
        if expires is not None and expires <= now:
            raise _refused(f"key {fingerprint} expired on {expires:%Y-%m-%d}")
        usable = _encryption_keys(key, now)
        if not usable:
            raise _refused(f"key {fingerprint} has no (sub)key that can encrypt (only signing keys, or they "
                           "expired or were revoked); add an encryption subkey")
        return PublicKeyInfo(
            fingerprint=fingerprint,
            user_ids=tuple(str(uid.userid if hasattr(uid, "userid") else uid.name) for uid in key.userids
                           if uid.is_uid)[:_MAX_USER_IDS],
            create_time=key.created,
            expire_time=_expiry(expires, [expiry for _, expiry in usable]),
            algorithm=_algorithm(usable[-1][0]),
        )


def _parse(armored_key: str) -> Any:
    if "PRIVATE KEY BLOCK" not in armored_key and "PUBLIC KEY BLOCK" not in armored_key:
        raise _refused("not an ASCII-armored OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----)")
    if armored_key.count("-----BEGIN PGP") > 1:
        raise _refused("the text holds several armored blocks; import one key per call")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            key, loaded = pgpy.PGPKey.from_blob(armored_key)
    except Exception as error:  # pgpy raises ValueError, PGPError, NotImplementedError, IndexError...
        raise _refused(f"the key could not be read ({type(error).__name__}); export it again with "
                       "gpg --armor --export FINGERPRINT") from None
    primaries = {keyid for (keyid, _), loaded_key in (loaded or {}).items() if loaded_key.is_primary}
    if len(primaries) > 1:
        raise _refused(f"the text holds {len(primaries)} keys; import one key per call")
    return key


def _encryption_keys(key: Any, now: datetime) -> list[tuple[Any, datetime | None]]:
    """The key and subkeys that may encrypt now, each with its expiry (None: never)."""
    usable: list[tuple[Any, datetime | None]] = []
    if key.key_algorithm.can_encrypt and (not key._get_key_flags() or key._get_key_flags() & _ENCRYPT_FLAGS):
        usable.append((key, key.expires_at))
    for subkey in key.subkeys.values():
        binding = [sig for sig in subkey._signatures if sig.type == SignatureType.Subkey_Binding]
        revoked = any(sig.type == SignatureType.SubkeyRevocation for sig in subkey._signatures)
        if revoked or not binding or not subkey.key_algorithm.can_encrypt:
            continue
        latest = max(binding, key=lambda sig: sig.created)
        flags = set(latest.key_flags or ())
        if flags and not flags & _ENCRYPT_FLAGS:
            continue
        expiry = subkey.created + latest.key_expiration if latest.key_expiration else None
        if expiry is None or expiry > now:
            usable.append((subkey, expiry))
    return usable


def _expiry(primary: datetime | None, subkeys: list[datetime | None]) -> datetime | None:
    # The key can encrypt until the primary expires or the last usable encryption key does.
    last = None if any(expiry is None for expiry in subkeys) else max(e for e in subkeys if e is not None)
    candidates = [moment for moment in (primary, last) if moment is not None]
    return min(candidates) if candidates else None


def _algorithm(key: Any) -> str:
    size = key.key_size
    return f"{key.key_algorithm.name} {getattr(size, 'name', size)}"


def _refused(reason: str) -> InvalidArgument:
    return InvalidArgument(f"{ARMORED_KEY_FIELD}: {reason}", field=ARMORED_KEY_FIELD, rule=reason)


