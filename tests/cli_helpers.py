"""Running the CLI the way a user does: through ``main``, exit code and streams captured."""

from __future__ import annotations

import pytest

from drafter.cli import main


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``drafter ARGS``; return (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err
