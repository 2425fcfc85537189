"""Front-matter defaults, the posts collection's permalink, posts in nested `_posts`
folders and Jekyll's extensions: each publishes a post where Jekyll 4.3 publishes it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import config_from_mapping
from sitegen.content.fields import categories_from_path
from sitegen.errors import ConfigError, Level
from sitegen.jekyll.defaults import DefaultSet, defaults_for, merge_front_matter
from tests.conftest import build, files_below, jekyll_build, post, sitegen_main, write_files

CONFIG_PATH = Path("_config.yml")


def published(destination: Path) -> set[str]:
    return {path.relative_to(destination).as_posix() for path in destination.rglob("*") if path.is_file()}


def test_the_jekyll_documentation_sites_settings_keep_its_post_urls(tmp_path: Path) -> None:
    """The shape of Jekyll's own docs site: the posts' permalink under `collections:`,
    layouts and categories given by `defaults:` by path and by type."""
    config = (
        "title: Jekyll\ntimezone: UTC\n"
        "collections:\n  docs:\n    permalink: /:collection/:path/\n    output: true\n"
        "  posts:\n    permalink: /news/:year/:month/:day/:title/\n    output: true\n"
        "defaults:\n"
        "  - scope: {path: _docs, type: docs}\n    values: {layout: docs}\n"
        "  - scope: {path: _posts, type: posts}\n    values: {layout: news_item}\n"
        "  - scope: {type: posts}\n    values: {categories: [release]}\n"
    )
    files = {
        "_config.yml": config,
        "_posts/2016-10-06-jekyll-3-3-is-here.markdown": "---\ntitle: 'Jekyll 3.3 is here'\n---\nBody.\n",
        "_posts/2013-05-06-jekyll-1-0-0-released.md": "---\ntitle: x\ncategories: [other]\n---\nBody.\n",
    }
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "out")
    assert not result.errors
    files_out = published(tmp_path / "out")
    assert "news/2016/10/06/jekyll-3-3-is-here/index.html" in files_out
    assert "news/2013/05/06/jekyll-1-0-0-released/index.html" in files_out


def test_a_default_permalink_beats_the_collection_and_front_matter_beats_the_default(tmp_path: Path) -> None:
    config = (
        "collections:\n  posts:\n    permalink: /news/:title/\n"
        "defaults:\n  - scope: {path: _posts/special}\n    values: {permalink: '/special/:title.html'}\n"
    )
    files = {
        "_config.yml": config,
        "_posts/2020-01-01-plain.md": "---\ntitle: a\n---\nx\n",
        "_posts/special/2020-01-02-scoped.md": "---\ntitle: b\n---\nx\n",
        "_posts/special/2020-01-03-own.md": "---\ntitle: c\npermalink: /own/\n---\nx\n",
    }
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    files_out = published(tmp_path / "out")
    assert {"news/plain/index.html", "special/scoped.html", "own/index.html"} <= files_out


def test_posts_in_a_folders_own_posts_folder_take_its_path_as_categories(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: t\n",
        "world/asia/_posts/2020-01-01-a.md": "---\ntitle: a\ncategories: Own\n---\nx\n",
        "_posts/deeper/2020-01-02-b.md": "---\ntitle: b\n---\nx\n",
        "_private/_posts/2020-01-03-c.md": "---\ntitle: c\n---\nx\n",
    }
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "out")
    assert not result.errors
    files_out = published(tmp_path / "out")
    assert "world/asia/own/2020/01/01/a.html" in files_out
    assert "2020/01/02/b.html" in files_out
    assert not any(name.endswith("/c.html") for name in files_out)


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("a.htm", "2020/01/01/a.htm"),
        ("a.txt", "2020/01/01/a.txt"),
        ("a.mdown", "2020/01/01/a.mdown"),
        ("a.mkdown", "2020/01/01/a.html"),
        ("a.markdown", "2020/01/01/a.html"),
    ],
)
def test_a_posts_extension_decides_its_output_extension_as_in_jekyll(
    tmp_path: Path, name: str, url: str
) -> None:
    files = {"_config.yml": "title: t\n", f"_posts/2020-01-01-{name}": "---\ntitle: a\n---\nx\n"}
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    assert url in published(tmp_path / "out")


@pytest.mark.parametrize(
    ("path", "folder", "categories"),
    [
        ("_posts/a.md", "_posts", ()),
        ("_posts/sub/a.md", "_posts", ()),
        ("news/world/_posts/a.md", "_posts", ("news", "world")),
        ("news/_posts/sub/a.md", "_posts", ("news",)),
        ("my_posts/_posts/a.md", "_posts", ("my",)),
        ("news/_drafts/a.md", "_drafts", ("news",)),
    ],
)
def test_categories_from_the_path_follow_jekyll(path: str, folder: str, categories: tuple[str, ...]) -> None:
    assert categories_from_path(path, folder) == categories


def test_a_longer_scope_path_wins_and_a_type_breaks_a_tie() -> None:
    sets = (
        DefaultSet("_posts/sub", None, {"layout": "longest"}),
        DefaultSet("", "posts", {"layout": "typed", "author": "a"}),
        DefaultSet("", None, {"layout": "everywhere", "tags": "t"}),
        DefaultSet("_posts", "pages", {"layout": "other type"}),
    )
    assert defaults_for(sets, "_posts/sub/x.md", "posts") == {"layout": "longest", "author": "a", "tags": "t"}
    assert defaults_for(sets, "_posts/x.md", "posts") == {"layout": "typed", "author": "a", "tags": "t"}
    assert defaults_for(sets, "about.md", "pages") == {"layout": "everywhere", "tags": "t"}


@pytest.mark.parametrize(
    ("scope_path", "document", "applies"),
    [
        ("_posts", "_posts/a.md", True),
        ("_po", "_posts/a.md", True),  # a string prefix, as in Jekyll
        ("/_posts", "_posts/a.md", False),  # Jekyll never matches a leading slash
        ("_posts/*", "_posts/sub/a.md", True),
        ("*/_posts", "news/_posts/a.md", True),
        ("*/_posts", "_posts/a.md", False),
        ("**/_posts", "a/b/_posts/a.md", True),
        ("_posts/s*", "_posts/other/a.md", False),
        ("*", ".hidden/a.md", False),
    ],
)
def test_scope_paths_match_as_in_jekyll(scope_path: str, document: str, applies: bool) -> None:
    assert DefaultSet(scope_path, None, {}).applies_to(document, "posts") is applies


KEYS = st.sampled_from(["layout", "permalink", "title", "author", "tags", "published"])
VALUES = st.one_of(st.none(), st.text(max_size=5), st.booleans(), st.lists(st.text(max_size=3), max_size=2))


@given(
    defaults=st.dictionaries(KEYS, VALUES, max_size=4),
    front=st.dictionaries(KEYS, VALUES, max_size=4),
    document_type=st.sampled_from(["posts", "pages"]),
)
def test_front_matter_beats_defaults(
    defaults: dict[str, object], front: dict[str, object], document_type: str
) -> None:
    merged = merge_front_matter(defaults, front, document_type)
    assert set(merged) == set(defaults) | set(front)
    for key, value in front.items():
        if value is not None or document_type == "pages" or key not in defaults:
            assert merged[key] == value
        else:  # Jekyll's deep merge keeps a default under a key left empty in a post
            assert merged[key] == defaults[key]
    for key in set(defaults) - set(front):
        assert merged[key] == defaults[key]


def test_defaults_are_part_of_the_configuration_that_keys_the_load_cache() -> None:
    first = config_from_mapping(
        {"defaults": [{"scope": {"path": ""}, "values": {"layout": "a"}}]}, CONFIG_PATH
    )
    second = config_from_mapping(
        {"defaults": [{"scope": {"path": ""}, "values": {"layout": "b"}}]}, CONFIG_PATH
    )
    assert repr(first) != repr(second)


def test_ill_formed_collections_are_errors_naming_the_setting() -> None:
    with pytest.raises(ConfigError, match=r"collections"):
        config_from_mapping({"collections": {"posts": 5}}, CONFIG_PATH)
    # A permalink that is no text costs that permalink only, as the site's own does: an
    # error naming the setting, and the site's permalink used (`test_config_leniency`).
    config = config_from_mapping({"collections": {"posts": {"permalink": ["x"]}}}, CONFIG_PATH)
    (note,) = config.diagnostics
    assert note.level == "error" and "'collections', 'posts': 'permalink' must be text" in note.message
    assert config.post_permalink == "date"


def test_a_posts_permalink_with_an_unknown_placeholder_is_an_error_and_the_sites_is_used() -> None:
    """Jekyll keeps `:nonsense` as text; sitegen says so once, at the setting, and builds
    the posts at the site's permalink rather than stop the whole build."""
    config = config_from_mapping(
        {"permalink": "pretty", "collections": {"posts": {"permalink": "/:nonsense/"}}}, CONFIG_PATH
    )
    assert config.post_permalink == "pretty"
    (note,) = config.diagnostics
    assert note.level is Level.ERROR and "collections: posts: permalink" in note.message, note
    assert ":nonsense" in note.message


@pytest.mark.parametrize("raw", ["layout: post", [{"scope": {"path": ""}}], {}, [1, "x"]])
def test_ill_formed_defaults_are_one_warning_and_no_set(raw: object) -> None:
    """Jekyll uses no set without a `values` mapping (`FrontmatterDefaults#valid?`)."""
    config = config_from_mapping({"defaults": raw}, CONFIG_PATH, lambda key, within=(): 3)
    assert config.defaults == ()
    (note,) = config.diagnostics
    assert "'defaults'" in note.message and note.line == 3


@pytest.mark.parametrize("raw", [[{}], ["docs", ["b"]], [None], [True], [1.5], {"docs": [1]}, {"docs": "x"}])
def test_collections_of_every_ill_formed_shape_are_one_error_naming_the_setting(raw: object) -> None:
    """A name that is not text, or settings that are not a mapping, are named like any
    other ill-typed setting (`[docs, [b]]` once raised `unhashable type`)."""
    with pytest.raises(ConfigError, match=r"setting 'collections'") as caught:
        config_from_mapping({"collections": raw}, CONFIG_PATH)
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("raw", "label"), [(["a/b"], "ab"), ([""], ""), (["中文"], ""), (["sp ace"], "space")]
)
def test_a_collection_name_jekyll_sanitizes_is_its_label_with_one_warning(raw: object, label: str) -> None:
    """Jekyll keeps only `[a-z0-9_.-]` of a name (`Collection#sanitize_label`): `a/b` is
    read from `_ab`, an empty label from `_`; the rest of the site builds."""
    config = config_from_mapping({"collections": raw}, CONFIG_PATH, lambda key, within=(): 3)
    assert [collection.label for collection in config.collections] == [label]
    notes = [note for note in config.diagnostics if "is the collection" in note.message]
    assert len(notes) == 1 and all(note.line == 3 for note in notes)


#: What YAML gives: scalars of every type (names sitegen knows among them), lists, mappings.
YAML_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 2030)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
    | st.sampled_from(["docs", "posts", "b", "", "a/b", "output", "permalink", "/:collection/:name/", "x\ny"])
    | st.text(max_size=6)
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(YAML_SCALARS, inner, max_size=3),
    max_leaves=8,
)
COLLECTION_SETTINGS = YAML_VALUES | st.fixed_dictionaries(
    {}, optional={"output": YAML_VALUES | st.booleans(), "permalink": YAML_VALUES, "sort_by": YAML_VALUES}
)
COLLECTIONS = (
    YAML_VALUES
    | st.lists(YAML_SCALARS | YAML_VALUES, max_size=4)
    | st.dictionaries(YAML_SCALARS, COLLECTION_SETTINGS, max_size=4)
)


@given(raw=COLLECTIONS)
@settings(max_examples=500)
def test_any_value_of_collections_loads_or_is_a_config_error(raw: object) -> None:
    try:
        config = config_from_mapping({"collections": raw}, CONFIG_PATH)
    except ConfigError as error:
        assert "collections" in error.message and error.path == CONFIG_PATH
        return
    for collection in config.collections:
        assert collection.folder.startswith("_") and "/" not in collection.folder


@given(raw=COLLECTIONS)
@settings(max_examples=40)
def test_any_value_of_collections_builds_or_is_one_error_line_never_a_traceback(raw: object) -> None:
    config = yaml.safe_dump({"title": "t", "collections": raw}, allow_unicode=True, sort_keys=False)
    document = "---\ntitle: d\n---\nd\n"
    files = {"_config.yml": config, "_posts/2022-05-27-a.md": post(), "_docs/d.md": document}
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", {**files, "_b/x.md": document, "_docs/i.txt": "i"})
        code, _, stderr = sitegen_main("build", "-s", str(site))
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in stderr
    if code == 2:
        assert len(errors) == 1 and "_config.yml" in errors[0] and "collections" in errors[0], errors
    else:  # a collection's permalink that is no text costs that permalink only: one error each
        assert code == 0, stderr
        assert all("_config.yml" in line and "'permalink' must be text" in line for line in errors), stderr


# --- against Jekyll itself ---------------------------------------------------------

NAMES = st.sampled_from(["alpha", "beta", "gamma"])
SCOPE_PATHS = st.sampled_from(
    ["", "_posts", "_posts/sub", "_po", "/_posts", "_posts/*", "*/_posts", "blog", "pages"]
)
SCOPE_TYPES = st.sampled_from([None, "posts", "pages", "post"])
PERMALINKS = st.sampled_from(
    ["/:categories/:title/", "/news/:year/:month/:day/:title/", "/:year/:title:output_ext", "/p/:title/"]
)
FOLDERS = st.sampled_from(["_posts", "_posts/sub", "blog/_posts", "blog/news/_posts", "_posts/sub/deeper"])
EXTENSIONS = st.sampled_from([".md", ".markdown", ".html", ".htm", ".txt", ".mdown", ".mkd"])


@st.composite
def default_sets(draw: st.DrawFn) -> str:
    scope_path = draw(SCOPE_PATHS)
    scope_type = draw(SCOPE_TYPES)
    values = {}
    if draw(st.booleans()):
        values["categories"] = draw(st.one_of(NAMES, st.lists(NAMES, max_size=2).map(" ".join)))
    if draw(st.booleans()):
        values["permalink"] = draw(PERMALINKS)
    if draw(st.booleans()):
        values["category"] = draw(NAMES)
    scope = f"{{path: '{scope_path}'" + (f", type: {scope_type}" if scope_type else "") + "}"
    body = ", ".join(f"{key}: '{value}'" for key, value in values.items()) or "layout: post"
    return f"  - scope: {scope}\n    values: {{{body}}}\n"


@st.composite
def jekyll_trees(draw: st.DrawFn) -> dict[str, str]:
    config = "title: t\ntimezone: UTC\n"
    if draw(st.booleans()):
        config += f"collections:\n  posts:\n    permalink: '{draw(PERMALINKS)}'\n"
    config += "defaults:\n" + "".join(draw(st.lists(default_sets(), min_size=1, max_size=5)))
    files = {"_config.yml": config}
    for number in range(draw(st.integers(min_value=5, max_value=15))):
        front = [f"title: post {number}"]
        if draw(st.booleans()):
            front.append(f"categories: {draw(NAMES)}")
        if draw(st.booleans()):
            front.append(f"category: {draw(NAMES)}")
        if draw(st.integers(0, 4)) == 0:
            front.append(f"permalink: '{draw(PERMALINKS)}'")
        folder = draw(FOLDERS)
        name = f"2021-0{1 + number % 9}-1{number % 10}-post-{number}{draw(EXTENSIONS)}"
        files[f"{folder}/{name}"] = "---\n" + "\n".join(front) + f"\n---\nBody {number}.\n"
    for number, extension in enumerate([".md", ".html"]):
        files[f"pages/page{number}{extension}"] = f"---\ntitle: page {number}\n---\nPage {number}.\n"
    return files


@settings(max_examples=4, derandomize=True, deadline=None)
@given(tree=jekyll_trees())
def test_generated_trees_publish_every_post_where_jekyll_does(
    tree: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Generated `defaults:` scopes, nested `_posts` folders, extensions and collection
    permalinks: every file Jekyll writes, sitegen writes at the same path.
    Four trees of up to fifteen posts each: four Jekyll runs."""
    work = tmp_path_factory.mktemp("tree")
    site = write_files(work / "site", tree)
    jekyll_build(site, work / "jekyll")
    jekyll_files = published(work / "jekyll")
    result = build(site, destination=work / "sitegen")
    assert not result.errors
    assert jekyll_files <= published(work / "sitegen"), sorted(jekyll_files - published(work / "sitegen"))


@pytest.mark.parametrize("placeholder", [":basename", "x/:basename", ":path/:basename:output_ext"])
def test_a_typeless_default_permalink_that_only_pages_have_is_kept_as_jekyll_keeps_it(
    tmp_path: Path, placeholder: str
) -> None:
    """A set of no type applies to posts and pages alike; `permalink: /:basename/` (a
    page's placeholder) in a `path: pages` scope was refused as no post could be built
    with it, and the page was published at its own path instead of Jekyll's."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": (
                'title: T\ndefaults:\n  - scope: {path: "pages"}\n'
                f'    values: {{permalink: "/{placeholder}/"}}\n'
            ),
            "pages/about.md": "---\ntitle: A\n---\nabout\n",
            "_posts/2022-05-27-p.md": "---\n---\nx\n",
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert not result.errors, result.errors
    jekyll_pages = {path for path in files_below(tmp_path / "jekyll", "*.html") if "about" in path}
    assert jekyll_pages and jekyll_pages <= files_below(tmp_path / "sitegen", "*.html")


@pytest.mark.parametrize("blank", ['""', "' '"])
def test_an_empty_collection_permalink_is_said_and_the_default_used(blank: str) -> None:
    """Jekyll keeps an empty collection permalink (Ruby's "" is true) and publishes every
    document at `/index.html`, over the home page; sitegen says so and uses the default."""
    import yaml

    raw = yaml.safe_load(
        f"collections: {{posts: {{permalink: {blank}}}, docs: {{output: true, permalink: {blank}}}}}"
    )
    config = config_from_mapping(raw, CONFIG_PATH)
    notes = sorted(note.message for note in config.diagnostics)
    assert len(notes) == 2 and all("'permalink' is empty" in note and "/index.html" in note for note in notes)
    assert config.post_permalink == "date"
    assert next(c for c in config.collections if c.label == "docs").permalink is None
