"""Jekyll's `scssify` and `sassify` filters (jekyll/filters.rb): the input compiled by the
site's own SCSS or Sass converter (jekyll-sass-converter), so with the site's `sass:`
settings (its output style and import folders), as a stylesheet of the site is
(`sitegen.content.sass`). Text that does not compile fails the filter's tag, with the
compiler's first line, as Jekyll's build fails there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from liquid.exceptions import FilterError

from sitegen.content.sass import compile_sass
from sitegen.errors import ContentError
from sitegen.jekyll.sass_settings import SassSettings
from sitegen.liquid.ruby_values import ruby_string

__all__ = ["sass_filters"]


def sass_filters(settings: SassSettings) -> dict[str, Callable[[Any], str]]:
    """`scssify` and `sassify`, bound to the site's Sass settings."""

    def converter(name: str, suffix: str) -> Callable[[Any], str]:
        def convert(value: Any) -> str:
            text = "" if value is None else ruby_string(value)
            try:
                return compile_sass(text, suffix, settings)
            except ContentError as error:
                message = str(error).removeprefix("SCSS: ").removesuffix("; not published")
                raise FilterError(f"{name}: {message}", token=None) from None

        return convert

    return {"scssify": converter("scssify", ".scss"), "sassify": converter("sassify", ".sass")}
