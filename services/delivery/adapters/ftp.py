"""Uploading report files over FTP or FTPS (passive mode) with ftplib, temp name then rename.

Plain FTP sends the password in clear; the guide offers it, so it is supported, and SFTP or
FTPS are the ones to recommend. FTPS is explicit TLS (AUTH TLS on the usual port, then PROT P
so the file travels encrypted too); the server's certificate is verified against the system's
CAs plus REPORTSUITE_FTPS_CA_FILE, and its name against the destination's host. 4xx replies
and network errors are transient, 5xx replies and an untrusted certificate permanent.
"""

from __future__ import annotations

import ftplib
import ssl
from contextlib import suppress
from typing import BinaryIO

from services.delivery.domain.destinations import TransferTarget
from services.delivery.domain.model import SendError


class FtpTransfer:
    """The Transfer port for FTP, or for FTPS when ``tls`` is set."""

    def __init__(self, timeout: float, *, tls: bool = False, ca_file: str = "") -> None:
        self.timeout = timeout
        self.tls = tls
        self.ca_file = ca_file

    def upload(self, target: TransferTarget, file_name: str, source: BinaryIO, *, account: str = "") -> str:
        """Uploads ``source`` as ".<name>.part" in the target's directory and renames it to ``file_name``."""
        try:
            with self._client() as ftp:
                ftp.connect(target.host, target.port)
                _login(ftp, target)
                if isinstance(ftp, ftplib.FTP_TLS):
                    ftp.prot_p()
                ftp.set_pasv(True)
                if target.directory:
                    ftp.cwd(target.directory)
                return _put(ftp, file_name, source)
        except SendError:
            raise
        except ssl.SSLCertVerificationError as error:
            raise SendError(f"the TLS certificate of {target.host}:{target.port} is not trusted: "
                            f"{error.verify_message}", transient=False) from None
        except ftplib.error_temp as error:
            raise SendError(f"FTP server {target.host}:{target.port} answered {error}", transient=True) from None
        except ftplib.error_perm as error:
            raise SendError(f"FTP server {target.host}:{target.port} answered {error}", transient=False) from None
        except TimeoutError:
            raise SendError(f"{target.host}:{target.port} timed out", transient=True) from None
        except (ftplib.Error, OSError, EOFError) as error:
            reason = "connection refused" if isinstance(error, ConnectionRefusedError) else str(error)
            raise SendError(f"FTP to {target.host}:{target.port} failed: {reason}", transient=True) from None


    def _client(self) -> ftplib.FTP:
        if not self.tls:
            return ftplib.FTP(timeout=self.timeout)
        context = ssl.create_default_context()
        if self.ca_file:
            context.load_verify_locations(cafile=self.ca_file)
        return ftplib.FTP_TLS(context=context, timeout=self.timeout)


def _login(ftp: ftplib.FTP, target: TransferTarget) -> None:
    try:
        ftp.login(target.user, target.password)
    except ftplib.error_perm as error:
        # The reply is the server's (such as "530 Login incorrect."); it never holds the password.
        raise SendError(f"authentication failed for user {target.user}: {error}", transient=False) from None


def _put(ftp: ftplib.FTP, file_name: str, source: BinaryIO) -> str:
    partial = f".{file_name}.part"
    try:
        ftp.storbinary(f"STOR {partial}", source)
        try:
            ftp.rename(partial, file_name)
        except ftplib.error_perm:
            # Some servers refuse to rename onto an existing file: replace the old one.
            ftp.delete(file_name)
            ftp.rename(partial, file_name)
    except ftplib.all_errors:
        with suppress(*ftplib.all_errors):
            ftp.delete(partial)
        raise
    return f"uploaded as {file_name}"
