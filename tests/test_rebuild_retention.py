"""A build keeps nothing of itself alive in the process once it has returned.

`sitegen serve --watch` rebuilds in its own process for as long as it runs, keeping only
the last build's resident site (`sitegen.resident`): whatever a build leaves reachable
from a module (a library's cache, a registry) piles up rebuild after rebuild. python-liquid's
parser cache once kept the last 128 builds' Liquid environments, each with the site's
links and includes. Rebuilds of one site, edited in between as a writer does, must leave
no more live objects of sitegen's or its template and Markdown libraries' classes than the
rebuild before them.
"""

from __future__ import annotations

import gc
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.resident import ResidentSite
from tests.conftest import COMPILED_TEMPLATES, CONFIG, NOW, post, write_files

#: The packages whose objects a build makes: sitegen's own and the libraries it renders with.
WATCHED_PACKAGES = ("sitegen", "liquid", "jinja2", "markdown_it", "markdown", "yaml", "bs4")

LIQUID = st.sampled_from(
    [
        "{{ page.title }}",
        "{% include note.html %}",
        "{{ site.posts.size }}",
        "{% for p in site.posts %}{{ p.title }}{% endfor %}",
        "{% post_url 2022-05-01-a %}",
        "{% if %}",  # a broken tag: the build records it and renders the rest
        "{% bogus %}",
        "{{ 'x' | no_such_filter }}",
        "{% raw %}{{{% endraw %}",
        "正文",
    ]
)


def live_objects() -> Counter[str]:
    """How many objects of each class of `WATCHED_PACKAGES` are alive, after a collection."""
    gc.collect()
    counts: Counter[str] = Counter()
    for item in gc.get_objects():
        module = getattr(type(item), "__module__", None)
        if isinstance(module, str) and module.split(".")[0] in WATCHED_PACKAGES:
            counts[f"{module}.{type(item).__qualname__}"] += 1
    return counts


@settings(max_examples=8)
@given(edits=st.lists(st.lists(LIQUID, min_size=1, max_size=4), min_size=3, max_size=3))
def test_rebuilds_in_one_process_leave_no_more_objects_than_the_one_before(
    tmp_path_factory: pytest.TempPathFactory, edits: list[list[str]]
) -> None:
    site = write_files(
        tmp_path_factory.mktemp("retention") / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/_posts/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800"),
            "content/_includes/note.html": "<b>{{ page.title }}</b>",
        },
    )
    resident: list[ResidentSite] = []  # the dev server keeps the last build's, and only it

    def keep(made: ResidentSite) -> None:
        resident[:] = [made]

    counts = []
    for number, edit in enumerate(edits):
        body = " ".join(edit) + f" {number}"
        write_files(site, {"content/about.md": f"---\ntitle: 关于\n---\n{body}\n"})
        write_files(site, {"content/_posts/2022-05-03-c.md": post("丙", "2022-05-03 10:00:00 +0800") + body})
        options = BuildOptions(source=site, now=NOW, jobs=1, compiled_templates=COMPILED_TEMPLATES)
        assert build_site(options, keep=keep).posts == 3
        counts.append(live_objects())
    # The first build fills what is kept once per process (compiled patterns, imports).
    grown = counts[2] - counts[1]
    assert grown == Counter(), grown.most_common(10)
    assert resident
