from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.config import SiteConfig, config_notes, load_config
from sitegen.errors import ConfigError
from tests.conftest import write_files


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == SiteConfig()


def test_user_config_with_jekyll_feed_loads_with_nothing_to_say(tmp_path: Path) -> None:
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
    # jekyll-feed's work is sitegen's own (the site feed): nothing to say about `plugins`.
    assert config.ignored_keys == ()
    assert not config_notes(config, tmp_path / "_config.yml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paginat: 1\n", "unknown setting 'paginat'"),
        ("markdown: textile\n", "markdown must be one of"),
        ("timezone: 8:00\n", "must be text: a tz database name"),
        ("timezone: true\n", "setting 'timezone' must be text"),
        ("markdown: 5\n", "setting 'markdown' must be text"),
        ("- a list\n", "must be a mapping"),
    ],
)
def test_bad_settings_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(write(tmp_path, text))
    assert "_config.yml" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("back_links: maybe\n", "'back_links' must be true or false"),
        ("home_posts: many\n", "'home_posts' must be a whole number"),
        ("category_titles: [a]\n", "'category_titles' must be a mapping"),
        ("url: finews.withounder.com\n", "needs a scheme"),
    ],
)
def test_a_bad_value_is_one_warning_naming_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    config = load_config(write(tmp_path, "title: t\n" + text))
    (note,) = config.diagnostics
    assert message in note.message and note.path.name == "_config.yml" and note.line == 2


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "title: ok\nurl: [\n"))
    assert caught.value.line is not None and caught.value.line >= 2


def test_baseurl_slash_means_none(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'baseurl: "/"\n')).baseurl == ""


JEKYLL_DOCS_LIKE_CONFIG = """\
title: Jekyll
markdown: kramdown
highlighter: rouge
permalink: /news/:year/:month/:day/:title/
excerpt_separator: ""
repository: https://github.com/jekyll/jekyll
help_url: https://github.com/jekyll/jekyll-help
twitter:
  username: jekyllrb
logo: /img/logo-2x.png
timezone: America/Los_Angeles
author:
  name: Jekyll Team
  email: team@example.com
collections:
  docs:
    permalink: /:collection/:path/
    output: true
defaults:
  - scope: {path: _posts, type: posts}
    values: {layout: news_item}
feed:
  categories: [release]
url: https://jekyllrb.com
plugins: [jekyll-avatar, jekyll-feed, jekyll-mentions, jekyll-redirect-from, jekyll-seo-tag, jemoji]
sass:
  style: compressed
exclude: [.gitignore, README.md]
paginate_path: /blog/page:num/
jekyll-archives: {enabled: all}
google_analytics: UA-1
social: {name: Jekyll, links: []}
kramdown: {input: GFM}
"""


def run_cli(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", "-s", str(site), "-d", str(site / "_site")])
    return code, capsys.readouterr().err


def test_a_jekyll_sites_own_and_plugin_settings_are_reported_once_as_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(write(tmp_path, JEKYLL_DOCS_LIKE_CONFIG), capsys)
    assert code == 0, err
    ignored_lines = [line for line in err.splitlines() if "settings sitegen ignores" in line]
    assert len(ignored_lines) == 1
    for key in ("twitter", "help_url", "markdown", "jekyll-archives"):
        assert key in ignored_lines[0]
    # read and acted on, as Jekyll does (SCSS is compiled; excerpts cut; paginator paths)
    for key in ("collections", "defaults", "sass", "excerpt_separator", "paginate_path", "exclude"):
        assert f" {key}," not in ignored_lines[0] and not ignored_lines[0].endswith(key)
    assert load_config(tmp_path).author == "Jekyll Team"


@pytest.mark.parametrize(
    ("typo", "nearest"), [("titel", "title"), ("timezon", "timezone"), ("paginat", "paginate")]
)
def test_a_typo_of_a_sitegen_key_is_an_error_naming_the_nearest_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typo: str, nearest: str
) -> None:
    code, err = run_cli(write(tmp_path, f"{typo}: x\n"), capsys)
    assert code == 2
    assert f"unknown setting '{typo}' (did you mean '{nearest}'?)" in err


def test_every_bad_key_is_named_in_one_run_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "titel: x\nmarkdown: textile\npermalink: /:nope/\nexcerpt_lenght: 1\ninclude: 7\n"
    code, err = run_cli(write(tmp_path, text), capsys)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 5, err
    assert all("_config.yml" in line for line in lines)
    for fragment in ("'titel'", "markdown", ":nope", "'excerpt_lenght'", "'include'"):
        assert sum(fragment in line for line in lines) == 1, fragment


def test_a_sites_own_settings_are_kept_for_its_liquid_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real Jekyll sites keep settings of their own (`cloudinary_url`) for their templates;
    only a key that looks like a misspelling of one of sitegen's is an error."""
    site = write(tmp_path, "title: t\ncloudinary_url: https://img.example.com\nsite_branch: main\n")
    write_files(
        site,
        {"_posts/2022-05-27-a.md": "---\ntitle: a\n---\n<p>{{ site.cloudinary_url }}/x.png</p>\n"},
    )
    code, err = run_cli(site, capsys)
    assert code == 0, err
    assert "cloudinary_url" in err and "site_branch" in err
    assert "https://img.example.com/x.png" in (site / "_site/2022/05/27/a.html").read_text(encoding="utf-8")
