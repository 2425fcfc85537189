"""An address no socket takes is one line before anything is built: a port outside
0-65535 (the socket module raises `OverflowError` for it, which reached the user as a
traceback) or an empty host (which the socket module reads as every interface)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.errors import UsageError
from sitegen.serve.http_server import MAX_PORT, check_address
from tests.conftest import sitegen_main, write_files

_OUT_OF_RANGE = st.one_of(st.integers(max_value=-1), st.integers(min_value=MAX_PORT + 1))


@given(_OUT_OF_RANGE)
def test_any_port_outside_the_range_is_a_usage_error(port: int) -> None:
    with pytest.raises(UsageError, match="--port must be a port number"):
        check_address("127.0.0.1", port)


@given(st.text(st.sampled_from(" \t"), max_size=3))
def test_an_empty_host_is_a_usage_error_not_every_interface(host: str) -> None:
    with pytest.raises(UsageError, match="--host must be an address"):
        check_address(host, 0)


@pytest.mark.parametrize("arguments", [("--port", "70000"), ("--port", "-1"), ("--host", "")])
def test_serve_says_so_in_one_line_and_builds_nothing(tmp_path: Path, arguments: tuple[str, str]) -> None:
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: T\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    )
    code, out, err = sitegen_main("serve", "-s", str(site), *arguments)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: --"), err
    assert "Traceback" not in err and out == ""
    assert not (site / "_site").exists()
