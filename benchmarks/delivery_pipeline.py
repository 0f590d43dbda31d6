"""A 1 GiB detail report zipped, encrypted and uploaded over SFTP: each stage, the pipeline, memory.

Run: ``.venv/bin/python -m benchmarks.delivery_pipeline [--size-mib 1024] [--pgpy-mib 100]``

Writes a synthetic All Attempts CSV of the given size, starts an SFTP server on loopback
(OpenSSH's sshd when installed and run as root, else the asyncssh server the tests use; either
takes the password for paramiko and a key for OpenSSH's client) and measures, in this process:

- ZIP alone (level 1, services.delivery.adapters.packaging), in MB/s of the CSV;
- gpg alone (``gpg --encrypt --compress-algo none``) on the zipped file;
- the SFTP leg alone: services.delivery.adapters.sftp uploading the encrypted zip, against
  OpenSSH's ``sftp -b`` putting the same file to the same server (the baseline), and against
  paramiko's own ``putfo`` (32 KiB write requests);
- the whole pipeline (CSV -> zip -> gpg -> SFTP, streamed) in a child process, whose peak
  RSS (VmHWM) is the delivery worker's, against the slowest single stage;
- every figure is the best of two runs; before each upload the server's directory is emptied
  and dirty pages flushed (``sync``), so no run pays for writing back an earlier run's file;
- pgpy against gpg encrypting the same ``--pgpy-mib`` of CSV, each in a child process.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncssh

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.delivery.adapters.packaging import CHUNK, StreamPackager  # noqa: E402
from services.delivery.adapters.sftp import SftpTransfer  # noqa: E402
from services.delivery.domain.destinations import parse_transfer  # noqa: E402
from services.delivery.domain.host_keys import HostKey, OfferedKey  # noqa: E402
from services.delivery.domain.packaging import Packaging, PgpRecipient  # noqa: E402
from tests.support.gpg import gpg_home  # noqa: E402
from tests.support.openssh import openssh_missing, openssh_sftp_server  # noqa: E402
from tests.support.servers import _LoopThread  # noqa: E402

MB = 1_000_000
ROUNDS = 2
USER, PASSWORD = "reports", "s3cret"


def write_csv(path: Path, size: int) -> None:
    """All Attempts-like rows: 64 distinct 1 MiB blocks cycled, so deflate sees realistic text."""
    rng = random.Random(7)
    statuses = ["DELIVEREDPERSON", "NOANSWER", "BUSY", "DELIVEREDMACHINE", "DISCONNECTED", "OPTOUT"]
    blocks = []
    for _ in range(64):
        rows, length = [], 0
        while length < (1 << 20):
            row = (f"{rng.randrange(10**9)},A{rng.randrange(10**10):010d},Spring Renewals,Wave {rng.randrange(9)},"
                   f"VOICE,+1555{rng.randrange(10**7):07d},{rng.choice(statuses)},{rng.randrange(5)},"
                   f"2026-03-0{rng.randrange(1, 9)}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z,"
                   f"{rng.randrange(40)},{rng.randrange(900)},,{rng.randrange(2)}\r\n")
            rows.append(row)
            length += len(row)
        blocks.append("".join(rows).encode()[: 1 << 20])
    with open(path, "wb") as out:
        out.write(b"ClientID,AttemptID,Campaign,SubCampaign,Channel,Device,Status,Rank,StartTime,RingSeconds,"
                  b"TalkSeconds,MessageContent,BestContact\r\n")
        for index in range(size // (1 << 20)):
            out.write(blocks[index % 64])


@dataclass(frozen=True)
class Server:
    port: int
    key_line: str
    client_key: Path
    root: Path
    user: str = USER
    password: str = PASSWORD
    kind: str = "asyncssh"


class _Auth(asyncssh.SSHServer):
    def __init__(self, client_key: asyncssh.SSHKey) -> None:
        self._client_key = client_key

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == USER and password == PASSWORD

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return username == USER and key.public_data == self._client_key.public_data


@contextmanager
def sftp_server(work: Path) -> Iterator[Server]:
    """OpenSSH's sshd when it can run here, else the asyncssh server."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / "client_key")], check=True)
    if openssh_missing():
        with asyncssh_server(work) as server:
            yield server
        return
    with openssh_sftp_server((work / "client_key.pub").read_text().strip()) as sshd:
        key_line = " ".join(sshd.known_hosts_line.split()[1:3])
        yield Server(sshd.port, key_line, work / "client_key", sshd.root, sshd.username, sshd.password, "OpenSSH")


@contextmanager
def asyncssh_server(work: Path) -> Iterator[Server]:
    root = work / "sftp-root"
    root.mkdir()
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    client_key = asyncssh.read_private_key(str(work / "client_key"))
    loop = _LoopThread("bench-sftp")

    async def listen() -> asyncssh.SSHAcceptor:
        return await asyncssh.create_server(
            lambda: _Auth(client_key), "127.0.0.1", 0, server_host_keys=[host_key],
            sftp_factory=lambda channel: asyncssh.SFTPServer(channel, chroot=str(root).encode()))

    acceptor = loop.run(listen())
    try:
        key_type, data = host_key.export_public_key("openssh").decode().split()[:2]
        yield Server(acceptor.get_port(), f"{key_type} {data}", work / "client_key", root)
    finally:
        acceptor.close()
        loop.close()


class _Pins:
    def __init__(self, port: int, key_line: str) -> None:
        key_type, blob = key_line.split()
        self.key = HostKey("bench", "127.0.0.1", port, OfferedKey(key_type, blob))

    def get(self, account: str, host: str, port: int) -> HostKey | None:
        return self.key


def _drain(stream: object, out: object) -> int:
    total = 0
    while True:
        chunk = stream.read(CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return total
        out.write(chunk)  # type: ignore[attr-defined]
        total += len(chunk)


def package(source: Path, target: Path, packaging: Packaging) -> float:
    began = time.perf_counter()
    with open(source, "rb") as handle, StreamPackager().open(handle, "report.csv", source.stat().st_size,
                                                             packaging) as stream, open(target, "wb") as out:
        _drain(stream, out)
    return time.perf_counter() - began


def upload(path: Path, server: Server, name: str, packaging: Packaging | None = None) -> float:
    target = parse_transfer("sftp", f"{server.user}:{server.password}@127.0.0.1:{server.port}/")
    transfer = SftpTransfer(_Pins(server.port, server.key_line), Path("/nonexistent"), timeout=60)
    began = time.perf_counter()
    with open(path, "rb") as handle:
        if packaging is None:
            transfer.upload(target, name, handle, account="bench")
        else:
            with StreamPackager().open(handle, "report.csv", path.stat().st_size, packaging) as stream:
                transfer.upload(target, name, stream, account="bench")  # type: ignore[arg-type]
    return time.perf_counter() - began


def openssh_upload(path: Path, server: Server, work: Path, name: str) -> float:
    known = work / "known_hosts"
    known.write_text(f"[127.0.0.1]:{server.port} {server.key_line}\n")
    batch = work / "batch"
    batch.write_text(f"put {path} {name}\n")
    command = ["sftp", "-b", str(batch), "-P", str(server.port), "-i", str(server.client_key),
               "-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
               f"{server.user}@127.0.0.1"]
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - began


def _upload_child(path: str, server: Server, name: str, queue: multiprocessing.Queue) -> None:
    queue.put((upload(Path(path), server, name), _vm_hwm_kib()))


def _putfo_child(path: str, server: Server, name: str, queue: multiprocessing.Queue) -> None:
    """paramiko's own putfo (32 KiB reads and write requests) over the same connection setup: the old way."""
    target = parse_transfer("sftp", f"{server.user}:{server.password}@127.0.0.1:{server.port}/")
    transfer = SftpTransfer(_Pins(server.port, server.key_line), Path("/nonexistent"), timeout=60)
    began = time.perf_counter()
    with open(path, "rb") as handle, transfer._client(target, "bench") as client, client.open_sftp() as sftp:
        sftp.putfo(handle, name)
    queue.put((time.perf_counter() - began, _vm_hwm_kib()))


def _pipeline_child(path: str, server: Server, recipient: PgpRecipient, queue: multiprocessing.Queue) -> None:
    packaging = Packaging(zip=True, pgp=True, recipients=(recipient,))
    elapsed = upload(Path(path), server, "pipeline.csv.zip.pgp", packaging)
    queue.put((elapsed, _vm_hwm_kib()))


def _vm_hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def in_child(target: Callable[..., None], *args: object) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get(timeout=1800)
    process.join()
    return result  # type: ignore[no-any-return]


def _pgpy_child(path: str, armored: str, queue: multiprocessing.Queue) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgpy
        key, _ = pgpy.PGPKey.from_blob(armored)
        began = time.perf_counter()
        message = pgpy.PGPMessage.new(Path(path).read_bytes(), file=True,
                                      compression=pgpy.constants.CompressionAlgorithm.Uncompressed)
        encrypted = bytes(key.encrypt(message))
    assert encrypted
    queue.put((time.perf_counter() - began, _vm_hwm_kib()))


def _gpg_child(path: str, recipient: PgpRecipient, queue: multiprocessing.Queue) -> None:
    with open(path, "rb") as handle, open(os.devnull, "wb") as out:
        began = time.perf_counter()
        with StreamPackager().open(handle, "x", 0, Packaging(pgp=True, recipients=(recipient,))) as stream:
            _drain(stream, out)
        elapsed = time.perf_counter() - began
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))


def settle(root: Path) -> None:
    """Removes what earlier runs uploaded and flushes dirty pages, so no run pays for another's writes."""
    for path in root.iterdir():
        path.unlink()
    os.sync()


def rate(size: int, seconds: float) -> str:
    return f"{size / MB / seconds:7.1f} MB/s ({seconds:6.2f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--pgpy-mib", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="delivery-bench-") as temp, gpg_home() as gpg:
        work = Path(temp)
        csv = work / "report.csv"
        write_csv(csv, args.size_mib << 20)
        size = csv.stat().st_size
        fingerprint = gpg.generate_rsa("Bench <bench@example.com>")
        recipient = PgpRecipient(fingerprint, gpg.public(fingerprint))
        print(f"input: {size / MB:.0f} MB synthetic All Attempts CSV; {os.cpu_count()} CPUs")

        zipped, encrypted = work / "report.csv.zip", work / "report.csv.zip.pgp"
        os.sync()
        zip_time = min(package(csv, zipped, Packaging(zip=True)) for _ in range(ROUNDS))
        gpg_time = min(package(zipped, encrypted, Packaging(pgp=True, recipients=(recipient,))) for _ in range(ROUNDS))
        assert gpg.decrypt(encrypted.read_bytes())[:2] == b"PK"
        packaged = encrypted.stat().st_size
        print(f"zip (level 1)         {rate(size, zip_time)}  -> {zipped.stat().st_size / size:.1%} of the CSV")
        print(f"gpg (no compression)  {rate(zipped.stat().st_size, gpg_time)}  on the zip")

        with sftp_server(work) as server:
            print(f"SFTP server: {server.kind} on 127.0.0.1:{server.port}; best of {ROUNDS} runs each")

            def best(measure: Callable[[], float]) -> float:
                times = []
                for _ in range(ROUNDS):
                    settle(server.root)
                    times.append(measure())
                return min(times)

            # paramiko runs in a child process, as in a worker: in this one it would share the GIL with the server.
            ours = best(lambda: in_child(_upload_child, str(encrypted), server, "ours.pgp")[0])
            openssh = best(lambda: openssh_upload(encrypted, server, work, "openssh.pgp"))
            putfo = best(lambda: in_child(_putfo_child, str(encrypted), server, "putfo.pgp")[0])
            print(f"sftp, ours (paramiko) {rate(packaged, ours)}")
            print(f"sftp, paramiko putfo  {rate(packaged, putfo)}  (32 KiB writes: ours {putfo / ours:.2f}x faster)")
            print(f"sftp, OpenSSH client  {rate(packaged, openssh)}  -> ours/OpenSSH throughput {openssh / ours:.2f}x")

            peaks: list[int] = []

            def pipeline() -> float:
                elapsed, hwm = in_child(_pipeline_child, str(csv), server, recipient)
                assert gpg.decrypt((server.root / "pipeline.csv.zip.pgp").read_bytes())[:2] == b"PK"
                peaks.append(hwm)
                return elapsed

            end_to_end = best(pipeline)
            slowest = max(zip_time, gpg_time, ours)
            print(f"pipeline csv->zip->gpg->sftp {rate(size, end_to_end)}  = {end_to_end / slowest:.2f}x the slowest "
                  f"stage ({slowest:.2f} s); worker peak RSS {max(peaks) / 1024:.0f} MiB")

            raw_ours = best(lambda: in_child(_upload_child, str(csv), server, "raw-ours.csv")[0])
            raw_openssh = best(lambda: openssh_upload(csv, server, work, "raw-openssh.csv"))
            print(f"sftp of the CSV itself: ours {rate(size, raw_ours)}, OpenSSH {rate(size, raw_openssh)} "
                  f"-> {raw_openssh / raw_ours:.2f}x")
            settle(server.root)

        sample = work / "sample.csv"
        with open(csv, "rb") as source, open(sample, "wb") as out:
            out.write(source.read(args.pgpy_mib << 20))
        pgpy_time, pgpy_hwm = in_child(_pgpy_child, str(sample), recipient.armored_key)
        gpg_small, gpg_hwm = in_child(_gpg_child, str(sample), recipient)
        n = sample.stat().st_size
        print(f"pgpy encrypt {args.pgpy_mib} MiB  {rate(n, pgpy_time)}  peak RSS {pgpy_hwm / 1024:.0f} MiB")
        print(f"gpg  encrypt {args.pgpy_mib} MiB  {rate(n, gpg_small)}  gpg peak RSS {gpg_hwm / 1024:.0f} MiB"
              f"  -> gpg {pgpy_time / gpg_small:.1f}x faster")
    return 0


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    sys.exit(main())
