"""OpenSSH's own sshd on 127.0.0.1, serving SFTP only: the server most report destinations run.

    with openssh_sftp_server() as sftp:     # password auth for a system user, files in sftp.root
        ...

The asyncssh server (``servers.sftp_server``) runs in the test's process; this one is the real
thing, from Debian's openssh-server package, so the delivery code meets OpenSSH's limits,
extensions and ciphers. sshd checks passwords against the system's accounts, so it needs root:
it runs as a system user ``reportsuite-sftp`` (no home, no shell, SFTP only through
``ForceCommand internal-sftp``) whose password is set at random for each server.
``openssh_missing()`` says why the server cannot run here, or "" when it can.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import HOST, SftpServer, _free_port

SSHD = "/usr/sbin/sshd"
USER = "reportsuite-sftp"
START_SECONDS = 10


def openssh_missing() -> str:
    """Why OpenSSH's sshd cannot run here ("" when it can)."""
    if not os.access(SSHD, os.X_OK):
        return f"{SSHD} is not installed (Debian's openssh-server; .ci/run installs it)"
    if os.geteuid() != 0:
        return "sshd checks passwords against system accounts, which needs root"
    return ""


@contextmanager
def openssh_sftp_server(authorized_key: str = "") -> Iterator[SftpServer]:
    """Runs sshd on a free loopback port; ``authorized_key`` (an OpenSSH public key line) may log in too."""
    if reason := openssh_missing():
        raise RuntimeError(reason)
    password = secrets.token_urlsafe(16)
    _ensure_user(password)
    work = Path(tempfile.mkdtemp(prefix="reportsuite-sshd-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        # The SFTP session runs as the user, who must reach its start directory.
        work.chmod(0o755)
        root = work / "files"
        root.mkdir()
        shutil.chown(root, USER)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / "host_key")],
                       check=True, capture_output=True)
        (work / "authorized_keys").write_text(authorized_key + "\n" if authorized_key else "")
        port = _free_port()
        config = work / "sshd_config"
        config.write_text(_config(work, root, port))
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation directory
        log = work / "sshd.log"
        process = subprocess.Popen([SSHD, "-D", "-f", str(config), "-E", str(log)])
        _wait_for(port, process, log)
        key_type, key_data = (work / "host_key.pub").read_text().split()[:2]
        yield SftpServer(HOST, port, f"[{HOST}]:{port} {key_type} {key_data}", USER, password, root)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def _config(work: Path, root: Path, port: int) -> str:
    return "\n".join([
        f"ListenAddress {HOST}:{port}",
        f"HostKey {work / 'host_key'}",
        f"PidFile {work / 'sshd.pid'}",
        f"AuthorizedKeysFile {work / 'authorized_keys'}",
        "StrictModes no",  # the key file belongs to root, not to the user
        "UsePAM no",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin no",
        f"AllowUsers {USER}",
        "Subsystem sftp internal-sftp",
        f"ForceCommand internal-sftp -d {root}",
        "",
    ])


def _ensure_user(password: str) -> None:
    try:
        subprocess.run(["id", USER], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
                       check=True, capture_output=True)
    subprocess.run(["chpasswd"], input=f"{USER}:{password}".encode(), check=True, capture_output=True)


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sshd exited with {process.returncode}: {log.read_text(errors='replace')}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"sshd did not listen on {HOST}:{port} within {START_SECONDS}s")
