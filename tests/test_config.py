from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import SiteConfig, load_config
from sitegen.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == SiteConfig()


def test_user_config_with_jekyll_plugins_loads_and_lists_ignored_keys(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            "lang: zh-CN\ntitle: 金融消息\nurl: https://finews.withounder.com/\n"
            "timezone: Asia/Shanghai\nauthor: ZNing\nplugins:\n  - jekyll-feed\n",
        )
    )
    assert (config.title, config.url, config.host) == (
        "金融消息",
        "https://finews.withounder.com",
        "finews.withounder.com",
    )
    assert config.ignored_keys == ("plugins",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("unknown_thing: 1\n", "unknown setting 'unknown_thing'"),
        ("back_links: maybe\n", "'back_links' must be true or false"),
        ("home_posts: many\n", "'home_posts' must be a whole number"),
        ("timezone: Mars/Olympus\n", "unknown timezone"),
        ("category_titles: [a]\n", "'category_titles' must be a mapping"),
        ("url: finews.withounder.com\n", "needs a scheme"),
        ("markdown: kramdown\n", "markdown must be one of"),
        ("- a list\n", "must be a mapping"),
    ],
)
def test_bad_settings_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "_config.yml" in str(caught.value)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "title: ok\nurl: [\n"))
    assert caught.value.line is not None and caught.value.line >= 2


def test_baseurl_slash_means_none(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'baseurl: "/"\n')).baseurl == ""
