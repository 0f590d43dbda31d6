"""GnuPG key pairs for tests, made with ``gpg --quick-gen-key`` in a throw-away GNUPGHOME.

    with gpg_home() as gpg:
        key = gpg.generate("Reports <reports@example.com>")
        gpg.public(key)            # the armored public key, to import through ImportPgpKey
        gpg.decrypt(ciphertext)    # what the holder of the private key reads

The home lives under /tmp with a short name (gpg-agent's socket path has a length limit), and
its agent is stopped when the block ends.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Gpg:
    home: Path

    def run(self, *args: str, data: bytes | None = None) -> bytes:
        done = subprocess.run(["gpg", "--batch", "--no-tty", "--quiet", "--homedir", str(self.home), *args],
                              input=data, capture_output=True, timeout=60, check=False)
        if done.returncode != 0:
            raise AssertionError(f"gpg {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
        return done.stdout

    def generate(self, user_id: str, *, expire: str = "1y", encryption: bool = True) -> str:
        """A new key (ed25519 signing primary, plus a cv25519 encryption subkey); returns its fingerprint."""
        self.run("--passphrase", "", "--quick-gen-key", user_id, "ed25519", "sign", expire)
        fingerprint = self.fingerprint(user_id)
        if encryption:
            self.run("--passphrase", "", "--quick-add-key", fingerprint, "cv25519", "encr", expire)
        return fingerprint

    def generate_rsa(self, user_id: str) -> str:
        """An RSA key whose primary key both signs and encrypts (no subkey)."""
        self.run("--passphrase", "", "--quick-gen-key", user_id, "rsa2048", "sign,encr", "1y")
        return self.fingerprint(user_id)

    def fingerprint(self, user_id: str) -> str:
        listing = self.run("--with-colons", "--list-keys", user_id).decode()
        return next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))

    def expired(self, user_id: str) -> str:
        """A key that expired a moment after it was made."""
        fingerprint = self.generate(user_id, expire="seconds=1")
        time.sleep(2)
        return fingerprint

    def revoke(self, fingerprint: str) -> None:
        certificate = (self.home / "openpgp-revocs.d" / f"{fingerprint}.rev").read_text()
        # gpg writes the certificate with a ":" before the armor so it is not imported by accident.
        self.run("--import", data=certificate.replace(":-----BEGIN", "-----BEGIN").encode())

    def public(self, fingerprint: str) -> str:
        return self.run("--armor", "--export", fingerprint).decode()

    def secret(self, fingerprint: str) -> str:
        return self.run("--pinentry-mode", "loopback", "--passphrase", "", "--armor", "--export-secret-keys",
                        fingerprint).decode()

    def decrypt(self, ciphertext: bytes) -> bytes:
        return self.run("--pinentry-mode", "loopback", "--passphrase", "", "--decrypt", data=ciphertext)


@contextmanager
def gpg_home() -> Iterator[Gpg]:
    home = Path(tempfile.mkdtemp(prefix="gpg", dir="/tmp"))
    home.chmod(0o700)
    try:
        yield Gpg(home)
    finally:
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True, timeout=30,
                       check=False)
        shutil.rmtree(home, ignore_errors=True)
