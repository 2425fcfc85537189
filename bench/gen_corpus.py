"""Generate a finews-shaped corpus for the benchmark, deterministically.

The real finews site (about 16,900 posts, 1,975 category stubs) cannot be shipped, so the
benchmark builds a synthetic one with the same shape: the same front matter keys and date
format, 4-8 KB raw-HTML bodies of Chinese text ending in the crawler's share link and back
links, one category stub page per category, and about one category per five posts.
Everything comes from one seeded `random.Random`, so a given (N, seed) always yields
byte-identical files and timings stay comparable across machines and days.

The same posts can also be written as a Hugo site and a Pelican site (see `peer_sites.py`),
so every generator in the comparison renders the same content.

Usage: python bench/gen_corpus.py N OUTDIR [--seed S] [--hugo DIR] [--pelican DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

#: Bumped whenever the files written for a given (N, seed) change, here or in
#: `peer_sites.py`, so that the benchmark's cached corpora are written anew.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20220527
SITE_URL = "https://finews.example.com"
SITE_HOST = "finews.example.com"
SITE_TITLE = "金融消息"
TIMEZONE_NAME = "Asia/Shanghai"
#: The site's fixed UTC offset; Asia/Shanghai has had no daylight saving since 1991.
SITE_TZ = timezone(timedelta(hours=8))
#: The newest post's date: fixed, so the corpus does not depend on the day it is made, and
#: in the past, so no generator drops posts as future-dated.
LAST_POST_AT = datetime(2024, 6, 30, 23, 59, 59, tzinfo=SITE_TZ)
SPAN = timedelta(days=365)

# Common characters and finance words: the text must look like the real bodies to the
# generators (multi-byte UTF-8, no ASCII words for the Markdown parsers to chew on).
_CHARS = (
    "的一是不了在人有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过"
    "家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本"
    "见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己"
    "话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平"
    "真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报"
    "立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务"
    "制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科"
    "怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运"
    "武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸"
    "钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似"
    "斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切急投资银股债券基证监货币汇率融贷款增"
)
# fmt: off
_WORDS = (
    "市场", "投资", "银行", "股票", "基金", "经济", "企业", "增长", "公司", "数据", "同比",
    "环比", "营收", "净利润", "季度", "板块", "指数", "央行", "利率", "流动性", "消费",
    "出口", "通胀", "政策", "监管", "风险", "机构", "券商", "保险", "理财", "新能源",
    "半导体", "房地产", "供应链", "上市", "融资", "估值", "业绩", "分析师", "预期",
)
_MEDIA = ("新闻", "财经", "日报", "快讯", "观察", "视点", "资讯", "周刊", "晚报", "研究")
# fmt: on
_PUNCT = "，，，，。。、；：！？"


@dataclass(frozen=True, slots=True)
class Category:
    """One category: an ASCII slug for URLs and a Chinese name shown as its title and tag."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Post:
    """One generated post, independent of any generator's file format."""

    post_id: str
    """Like the crawler's `NW202205272394703325`: also the file-name slug."""
    title: str
    date: datetime
    category: Category
    body_html: str
    """Raw HTML paragraphs, as the crawler stored them (Markdown passes them through)."""

    @property
    def url(self) -> str:
        """Jekyll's default permalink for it: `/:categories/:year/:month/:day/:title.html`."""
        return f"/{self.category.slug}/{self.date:%Y/%m/%d}/{self.post_id}.html"

    def markdown_body(self) -> str:
        """The body as every generator reads it: HTML, share link, then the back links."""
        share = f"http://finews.zning.xyz/html_News/NewsShare.html?infoCode={self.post_id}"
        back = (
            f"[返回{self.category.name}](//{SITE_HOST}/category/{self.category.slug}.html)"
            f"｜[返回首页](//{SITE_HOST}/)"
        )
        return f"{self.body_html}\n<{share}>\n\n{back}"


@dataclass(frozen=True, slots=True)
class Corpus:
    """All posts (oldest first) and all categories, each category used by at least one post."""

    posts: tuple[Post, ...]
    categories: tuple[Category, ...]


def category_count(post_count: int) -> int:
    """About one category per five posts, as on the real site (16,900 posts, ~2,000 stubs)."""
    return max(4, post_count // 5)


def _sentence(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(2, 5)):
        clause = "".join(
            rng.choice(_WORDS) if rng.random() < 0.3 else rng.choice(_CHARS)
            for _ in range(rng.randint(4, 14))
        )
        if rng.random() < 0.15:
            clause = f"“{clause}”"
        if rng.random() < 0.1:
            clause += f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
        parts.append(clause + rng.choice(_PUNCT))
    return "".join(parts)[:-1] + "。"


def _body_html(rng: random.Random, post_id: str) -> str:
    """Paragraphs until the body is 4-8 KB of UTF-8, shaped like the crawler's HTML."""
    target_bytes = rng.randint(4096, 8192)
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        if paragraphs and rng.random() < 0.05:
            # The real bodies carry centred images whose URLs contain `&`.
            paragraph = (
                f'<center><img src="https://img.example.com/download/{post_id}'
                f'_{len(paragraphs)}.jpg?w=580&amp;h=320" width="580" /></center>'
            )
        else:
            text = "".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
            paragraph = f"<p>{text}</p>"
        # Every paragraph after the first starts with a space, exactly as in the real posts.
        line = paragraph if not paragraphs else f" {paragraph}"
        paragraphs.append(line)
        size += len(line.encode()) + 1
    return "\n".join(paragraphs)


def _title(rng: random.Random) -> str:
    words = [
        rng.choice(_WORDS) if rng.random() < 0.4 else rng.choice(_CHARS) for _ in range(rng.randint(8, 20))
    ]
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"“{words[at]}”"
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f" {rng.randint(2, 999)}亿 ")
    title = "".join(words).strip()
    return title + "？" if rng.random() < 0.2 else title


def _categories(rng: random.Random, count: int) -> tuple[Category, ...]:
    width = max(4, len(str(count)))
    names: set[str] = set()
    categories: list[Category] = []
    for number in range(1, count + 1):
        while True:
            name = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 4)))
            name += rng.choice(_MEDIA)
            if name not in names:
                break
        names.add(name)
        categories.append(Category(slug=f"cat{number:0{width}d}", name=name))
    return tuple(categories)


def generate_corpus(post_count: int, seed: int = DEFAULT_SEED) -> Corpus:
    """The whole corpus for `post_count` posts; same arguments, same corpus."""
    if post_count < 1:
        raise ValueError("post_count must be at least 1")
    rng = random.Random(f"{seed}:{post_count}")
    categories = _categories(rng, category_count(post_count))
    # A few big categories and a long tail, like a crawler of many media; every category
    # gets at least one post first so no category page is empty.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(categories))]
    assigned = list(categories[:post_count])
    assigned += rng.choices(categories, weights=weights, k=post_count - len(assigned))
    rng.shuffle(assigned)
    span_seconds = int(SPAN.total_seconds())
    offsets = sorted(rng.randrange(span_seconds) for _ in range(post_count))
    first = LAST_POST_AT - SPAN
    posts: list[Post] = []
    used_ids: set[str] = set()
    for offset, category in zip(offsets, assigned, strict=True):
        date = first + timedelta(seconds=offset)
        post_id = f"NW{date:%Y%m%d}{rng.randrange(10**9, 10**10)}"
        while post_id in used_ids:
            post_id = f"NW{date:%Y%m%d}{rng.randrange(10**9, 10**10)}"
        used_ids.add(post_id)
        posts.append(Post(post_id, _title(rng), date, category, _body_html(rng, post_id)))
    return Corpus(posts=tuple(posts), categories=categories)


def write_file(path: Path, text: str) -> None:
    """Write UTF-8 with `\\n` line ends whatever the platform, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def jekyll_config(*, with_feed: bool = True) -> str:
    """The live site's `_config.yml` keys that matter, pointed at the example host."""
    text = f"lang: zh-CN\ntitle: {SITE_TITLE}\nurl: {SITE_URL}\ntimezone: {TIMEZONE_NAME}\nauthor: bench\n"
    return text + "plugins:\n  - jekyll-feed\n" if with_feed else text


def jekyll_post(post: Post) -> tuple[str, str]:
    """The `_posts/` file name and text of one post, as the crawler writes them."""
    # The real files end without a final newline; keep that.
    front = (
        "---\nlayout: post\n"
        f'title: "{post.title}"\n'
        f"date: {post.date:%Y-%m-%d %H:%M:%S %z}\n"
        f"categories: {post.category.slug}\n"
        f"tags: {post.category.name}\n---\n"
    )
    return f"{post.date:%Y-%m-%d}-{post.post_id}.md", front + post.markdown_body()


def write_post(post: Post, site_dir: Path) -> Path:
    """Write one post into a Jekyll source tree's `_posts/`; returns its path."""
    name, text = jekyll_post(post)
    path = site_dir / "_posts" / name
    write_file(path, text)
    return path


def newer_posts(corpus: Corpus, count: int, seed: int = DEFAULT_SEED) -> tuple[Post, ...]:
    """`count` posts newer than every post of `corpus`, as the crawler would add next.

    One every three minutes after the newest, in the corpus's categories (the big ones
    most often, as in the corpus), with ids and bodies from their own seeded generator:
    the same arguments give the same posts, and a longer list starts with a shorter one.
    """
    rng = random.Random(f"{seed}:{len(corpus.posts)}:newer")
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(corpus.categories))]
    used_ids = {post.post_id for post in corpus.posts}
    newest = corpus.posts[-1].date if corpus.posts else LAST_POST_AT
    posts: list[Post] = []
    for number in range(1, count + 1):
        date = newest + timedelta(minutes=3 * number)
        category = rng.choices(corpus.categories, weights=weights, k=1)[0]
        post_id = f"NW{date:%Y%m%d}{rng.randrange(10**9, 10**10)}"
        while post_id in used_ids:
            post_id = f"NW{date:%Y%m%d}{rng.randrange(10**9, 10**10)}"
        used_ids.add(post_id)
        posts.append(Post(post_id, _title(rng), date, category, _body_html(rng, post_id)))
    return tuple(posts)


def write_jekyll_source(corpus: Corpus, out_dir: Path) -> None:
    """The Jekyll source tree sitegen builds: `_config.yml`, `_posts/`, `category/` stubs.

    Like the real repository it has no layouts of its own (the live site takes them from
    a theme); `peer_sites.write_jekyll_theme` adds minimal ones for Jekyll itself.
    """
    write_file(out_dir / "_config.yml", jekyll_config())
    for post in corpus.posts:
        write_post(post, out_dir)
    for category in corpus.categories:
        stub = f"---\nlayout: category\ntitle: {category.name}\ncategory: {category.slug}\n---"
        write_file(out_dir / "category" / f"{category.slug}.html", stub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of posts")
    parser.add_argument("outdir", type=Path, help="where to write the Jekyll source tree")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--hugo", type=Path, metavar="DIR", help="also write a Hugo site")
    parser.add_argument("--pelican", type=Path, metavar="DIR", help="also write a Pelican site")
    parser.add_argument(
        "--jekyll-theme",
        action="store_true",
        help="add layouts, a home page and tag pages to OUTDIR so Jekyll itself can build it",
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    # Imported here so that `gen_corpus` stays importable on its own from `peer_sites`.
    import peer_sites

    corpus = generate_corpus(args.count, args.seed)
    write_jekyll_source(corpus, args.outdir)
    if args.jekyll_theme:
        peer_sites.write_jekyll_theme(corpus, args.outdir)
    if args.hugo:
        peer_sites.write_hugo_site(corpus, args.hugo)
    if args.pelican:
        peer_sites.write_pelican_site(corpus, args.pelican)
    print(
        f"{len(corpus.posts)} posts, {len(corpus.categories)} categories -> {args.outdir}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
