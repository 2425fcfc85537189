"""Typography over a paragraph is linear in the paragraph's tokens (README: loading is
linear in the input): each text run looks ahead a few characters, never copies the rest of
the paragraph, and the text it sees is what the whole rest would give.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sitegen.content.typography import DEFAULT, _smarten_children, _source_after, _token_source


class _CountingTokens(Sequence[Token]):
    """A paragraph's tokens that count how many are read (a slice reads all it holds)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.reads = 0

    def __len__(self) -> int:
        return len(self.tokens)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | Sequence[Token]:
        if isinstance(index, slice):
            part = self.tokens[index]
            self.reads += len(part)
            return part
        self.reads += 1
        return self.tokens[index]

    def __iter__(self) -> Iterator[Token]:
        for token in self.tokens:
            self.reads += 1
            yield token


def _children(source: str) -> list[Token]:
    inline = [token for token in MarkdownIt("commonmark").parse(source) if token.type == "inline"]
    return [child for token in inline for child in token.children or ()]


_PIECES = st.sampled_from(["*a", "**粗体** 文字", '"q" ', "`c`", "<b>x</b>", "it's ", "a--b ", "\n"])


@given(st.lists(_PIECES, min_size=1, max_size=30), st.integers(20, 60))
def test_tokens_read_grow_linearly(pieces: list[str], repeat: int) -> None:
    children = _CountingTokens(_children("".join(pieces) * repeat))
    _smarten_children(children, DEFAULT)
    assert children.reads <= 12 * len(children) + 12


@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_lookahead_is_the_rest_of_the_paragraph_cut(pieces: list[str]) -> None:
    children = _children("".join(pieces))
    for index in range(len(children) + 1):
        whole = "".join(_token_source(token) for token in children[index:])
        assert _source_after(children, index) == whole[:4]


def test_long_emphasis_paragraph_reads_each_token_a_few_times() -> None:
    children = _CountingTokens(_children("*a" * 5000))
    _smarten_children(children, DEFAULT)
    assert children.reads <= 12 * len(children)
