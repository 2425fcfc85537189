"""A Ctrl-C or SIGTERM that Python loses (raised while it runs a `__del__`, where it is
printed as "Exception ignored" and dropped) still stops `sitegen build`: nothing is
published, "nothing changed" is not said, and the exit status says it was stopped, so
`sitegen build && deploy` does not deploy."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitegen.build
import sitegen.cli
from sitegen.cli import main
from sitegen.incremental import manifest
from sitegen.interrupts import terminate_as_interrupt
from tests.conftest import CONFIG, post, tree_bytes, write_files


class _LosesAStop:
    """Raises `number` as it is collected: Python prints the stop and drops it."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __del__(self) -> None:
        signal.raise_signal(self.number)


def _losing_a_stop(function: Callable[..., Any], number: int) -> Callable[..., Any]:
    def wrapped(*arguments: Any, **keywords: Any) -> Any:
        result = function(*arguments, **keywords)
        _LosesAStop(number)  # made and collected at once: the stop is lost in its `__del__`
        return result

    return wrapped


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _site(root: Path) -> Path:
    return write_files(
        root / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stage=st.sampled_from(["_scan", "_load", "_plan", "_render"]), number=st.sampled_from(_SIGNALS))
def test_a_stop_lost_in_any_stage_publishes_nothing(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, stage: str, number: int
) -> None:
    root = tmp_path_factory.mktemp("lost")
    site, destination = _site(root), root / "out"
    assert main(["build", "-s", str(site), "-d", str(destination)]) == 0
    write_files(site, {"content/_posts/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800")})
    before = tree_bytes(destination)
    with monkeypatch.context() as patch:
        patch.setattr(sitegen.build, stage, _losing_a_stop(getattr(sitegen.build, stage), number))
        with terminate_as_interrupt():
            status = main(["build", "-s", str(site), "-d", str(destination)])
    assert status == 128 + number
    assert tree_bytes(destination) == before
    assert main(["build", "-s", str(site), "-d", str(destination)]) == 0  # the next build publishes


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("number", _SIGNALS)
def test_a_stop_lost_in_the_no_change_check_is_no_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], number: int
) -> None:
    site, destination = _site(tmp_path), tmp_path / "out"
    for _ in range(2):
        assert main(["build", "-s", str(site), "-d", str(destination)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(manifest, "probe", _losing_a_stop(manifest.probe, number))
    with terminate_as_interrupt():
        status = main(["build", "-s", str(site), "-d", str(destination)])
    assert status == 128 + number
    assert "nothing changed" not in capsys.readouterr().out
