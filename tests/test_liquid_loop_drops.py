"""`forloop` and `tablerowloop` through any filter, as Jekyll's Liquid renders them.

They are drops in Ruby (`Liquid::ForloopDrop`): text is the class's name, no `size`,
`first`/`last` their own properties. python-liquid's are Mappings that iterate as the
loop itself, so `{{ forloop | inspect }}` stepped the loop on and ended it with an error
(the loop published nothing), `append` printed `ForLoopx` or a Python repr, and `size`
counted their keys. Checked against Ruby's Liquid with Jekyll's filters.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import RubyProcess

#: Filters and their arguments, each as a drop reaches it in Jekyll without an error.
FILTERS = (
    "inspect",
    "jsonify",
    'append: "x"',
    'prepend: "x"',
    "size",
    'map: "index"',
    'map: "nothing"',
    "first",
    "last",
    'join: ","',
    "upcase",
    "downcase",
    "capitalize",
    'default: "d"',
    "escape",
    "xml_escape",
    "url_encode",
    "strip",
    'split: "::"',
    'where: "index", 1',
    'group_by: "index"',
    "sample",
    "reverse",
    "compact",
    "uniq",
    "slice: 0",
    "slice: 2, 5",
    "plus: 1",
    "times: 2",
    'replace: "Drop", "X"',
    'remove: "Liquid"',
    "truncate: 9",
    "concat: xs",
)
#: Where the drop is met: a loop over a range, over a list, nested, a tablerow.
LOOPS = (
    "{{% for i in (1..3) %}}[{{{{ forloop | {f} }}}}]{{% endfor %}}",
    "{{% for i in xs %}}[{{{{ forloop | {f} }}}}]{{% endfor %}}",
    "{{% for i in xs %}}{{% for j in xs %}}[{{{{ forloop.parentloop | {f} }}}}]{{% endfor %}}{{% endfor %}}",
    "{{% for i in xs %}}{{% assign loop = forloop %}}[{{{{ loop | {f} | size }}}}]{{% endfor %}}",
    "{{% tablerow i in xs cols:2 %}}[{{{{ tablerowloop | {f} }}}}]{{% endtablerow %}}",
    "{{% for i in xs %}}[{{{{ forloop | {f} | {g} }}}}]{{% endfor %}}",
)


#: After another filter the input may hold several items, of which `sample` picks one at
#: random (Ruby's pick and ours agree only by chance); on a drop alone it has one.
AFTER = tuple(name for name in FILTERS if name != "sample")


@settings(max_examples=40)
@given(loop=st.sampled_from(LOOPS), first=st.sampled_from(FILTERS), second=st.sampled_from(AFTER))
def test_a_loop_drop_through_filters_renders_as_in_jekyll(
    ruby_jekyll_liquid: RubyProcess,
    loop: str,
    first: str,
    second: str,
) -> None:
    template = loop.format(f=first, g=second)
    variables = {"xs": [1, "b", 3]}
    assert ruby_jekyll_liquid.mismatches([(template, variables)], sitegen_renders) == []


def test_each_filter_alone_as_in_jekyll(ruby_jekyll_liquid: RubyProcess) -> None:
    batch = [(loop.format(f=name, g="size"), {"xs": [1, "b", 3]}) for loop in LOOPS for name in FILTERS]
    assert ruby_jekyll_liquid.mismatches(batch, sitegen_renders) == []


def test_inspect_no_longer_ends_the_loop_it_is_in() -> None:
    rendered = sitegen_renders("{% for i in (1..3) %}{{ i }}{{ forloop | inspect }};{% endfor %}", {})
    assert rendered == "1Liquid::ForloopDrop;2Liquid::ForloopDrop;3Liquid::ForloopDrop;"


#: `map` over items with and without `[]`: nil, a boolean and a float give nil, text its
#: own `String#[]`, a loop's drop its property; an integer or an array fails, as in Ruby.
MAPS = (
    '{% for i in xs %}[{{ forloop | map: "nothing" | map: "index" }}]{% endfor %}',
    '{% assign a = "" | split: "" | push: nil | push: true | push: 1.5 %}{{ a | map: "index" | inspect }}',
    '{% assign a = "abc,xindexy" | split: "," %}{{ a | map: "index" | inspect }}',
    '{% for i in xs %}{% assign a = "" | split: "" | push: forloop %}'
    '{{ a | map: "index" | inspect }}{% endfor %}',
    '{{ xs | map: "index" }}',
    '{% assign a = "" | split: "" | push: xs %}{{ a | map: "index" | inspect }}',
)


def test_map_reads_each_item_as_ruby_does(ruby_jekyll_liquid: RubyProcess) -> None:
    batch = [(template, {"xs": [1, "b", 3]}) for template in MAPS]
    assert ruby_jekyll_liquid.mismatches(batch, sitegen_renders) == []
