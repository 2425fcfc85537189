"""A collection's `output` is read as Jekyll reads it (`Collection#write?`:
`!!metadata["output"]`): any value but false and null publishes the collection, the
text "false" too, with one warning for a value that is no boolean. A value such as
`"true"` or `1` stopped the whole build."""

from __future__ import annotations

import pytest

from tests.conftest import built_by_both, write_files
from tests.published_sources import marked

VALUES = ['"true"', '"false"', "1", "0", "yes", "no", "[]", "{}", "null", "false", "true", '""', "2.5"]


def test_collection_output_values_publish_what_jekyll_publishes(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("output")
    sites = []
    for number, value in enumerate(VALUES):
        config = f"title: T\ncollections:\n  docs:\n    output: {value}\n"
        files = {
            "_config.yml": config,
            "_docs/d.md": marked("DOC", number, "title: D\n"),
            "_posts/2022-05-01-p.md": marked("POST", number, "title: P\n"),
        }
        sites.append(write_files(root / f"s{number}", files))
    for value, both in zip(VALUES, built_by_both(sites), strict=True):
        assert not both.result.errors, (value, both.result.errors)
        assert both.sitegen == both.jekyll, value
        warned = [d for d in both.result.diagnostics if "'output' is" in d.message]
        is_boolean = value in ("true", "false", "yes", "no", "null")
        assert len(warned) == (0 if is_boolean else 1), (value, [str(d) for d in warned])
