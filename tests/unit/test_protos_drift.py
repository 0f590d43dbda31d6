"""The committed generated code is what scripts/gen-protos makes from protos/, and the protos lint clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportsuite.core.protogen import generate

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ("*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py")


def _generated_files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for pattern in GENERATED
        for path in root.glob(f"reportsuite/*/v1/{pattern}")
    }


def test_committed_generated_code_matches_the_protos(tmp_path: Path) -> None:
    generate(tmp_path)
    fresh = _generated_files(tmp_path)
    committed = _generated_files(ROOT)

    assert fresh, "protogen wrote nothing"
    assert sorted(committed) == sorted(fresh), "generated files added or missing: run scripts/gen-protos"
    drifted = [name for name in fresh if fresh[name] != committed[name]]
    assert drifted == [], f"generated code differs from protos/: run scripts/gen-protos ({drifted})"


def _buf() -> str | None:
    for candidate in (shutil.which("buf"), ROOT / "node_modules/.bin/buf", ROOT / ".ci/tools/node_modules/.bin/buf"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def test_protos_pass_buf_lint() -> None:
    buf = _buf()
    if buf is None:
        pytest.skip("buf is not installed (PATH, node_modules/.bin or .ci/tools); .ci/run installs it")
    result = subprocess.run([buf, "lint"], cwd=ROOT / "protos", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
