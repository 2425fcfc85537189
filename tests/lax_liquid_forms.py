"""Liquid that Jekyll's Liquid reads only with its lax parser (or its regex-only tags):
generated snippets for the tests that compare sitegen with Jekyll.

Every snippet is one Jekyll builds (a snippet Jekyll refuses would stop its whole
build): junk only where each tag's lax regex leaves it unread, and no junk that the lax
`if` would take for an operator (`{% if a b %}` is "Unknown operator b" in Jekyll).
Names set by a snippet carry its number, so snippets sharing a post never meet.
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Front matter the snippets read.
FRONT_MATTER = "n: 2\nlist: [1, 2, 3]\ns: abc\ne: []\ninc: x.html\n"
VALUES = (
    "page.n",
    "page.s",
    "page.list",
    '"a"',
    "'b c'",
    "1",
    "2",
    "-3",
    "1.5",
    "(1..3)",
    "page..s",
    "page.list[0]",
    "page.list.size",
    "page.missing",
    "nil",
    "true",
)
#: Values that print the same through filters and assignments, lax or not (sitegen prints
#: an assigned range as `range(1, 4)`, and `true | append` as `True…`: differences of
#: their own, not of reading).
PRINTABLE = tuple(value for value in VALUES if value not in ("(1..3)", "true"))
COLLECTIONS = ("page.list", "(1..3)", "page.e", "page.missing", "(1..page.n)", "(page.n..4)")
#: Junk that no lax regex reads as part of a tag (after a space).
JUNK = ("junk", "x y", ",", "&&", '"q"', "1 2", ")", "(", "!", "#", "1a", "a.b", "?", "-", "%", "@x")
#: Junk that, after an operand of `if`, is not read as an operator.
OPERAND_JUNK = tuple(junk for junk in JUNK if junk[0] not in "=!<>_abcdefghijklmnopqrstuvwxyz")
NUMBERS_COMPARED = ("page.n", "1", "2", "-3", "1.5", "page.list.size")
FILTERS = ("upcase", 'append: "s"', 'default: "d"', "downcase")
NUMBERS = ("1", "2", "page.n", '"2"')

#: Junk after a filter: no `,`, `(` or `)`, which the lax reading would make one more
#: argument (`| append: "s" , x` is append with two, an error in Jekyll).
FILTER_JUNK = tuple(junk for junk in JUNK if not set(junk) & set(",()"))

values = st.sampled_from(VALUES)
junk = st.sampled_from(JUNK)
operand_junk = st.sampled_from(OPERAND_JUNK)
maybe_junk = st.sampled_from(("", *(" " + each for each in JUNK)))
maybe_filter_junk = st.sampled_from(("", *(" " + each for each in FILTER_JUNK)))


@st.composite
def lax_for(draw: st.DrawFn, number: int) -> str:
    attributes = draw(
        st.lists(
            st.sampled_from(
                ("reversed", "junk", ",", "&&", "limit:{}", "offset:{}", "limit: {}", "cols:2", "limit=2")
            ),
            min_size=1,
            max_size=3,
        )
    )
    markup = " ".join(each.format(draw(st.sampled_from(NUMBERS))) for each in attributes)
    body = draw(
        st.sampled_from(
            ("{{ i }},", "{{ i }}{% break junk %}", "{% if i == 2 %}{% continue x %}{% endif %}{{ i }}")
        )
    )
    other = draw(st.sampled_from(("", "{% else %}E", "{% else junk %}E")))
    end = draw(st.sampled_from(("{% endfor %}", "{% endfor junk %}")))
    collection = draw(st.sampled_from(COLLECTIONS))
    return f"{{% for i in {collection} {markup} %}}{body}{other}{end}"


@st.composite
def _condition(draw: st.DrawFn) -> str:
    """`a op b junk` or `a junk`; `<` and its kin compare numbers only (Ruby's comparison
    of a string with a number fails, python-liquid's too, differently)."""
    kind = draw(st.sampled_from(("equal", "order", "contains", "alone")))
    if kind == "equal":
        operator = draw(st.sampled_from(("==", "!=", "<>")))
        return f"{draw(values)} {operator} {draw(values)}{draw(maybe_junk)}"
    if kind == "order":
        operator = draw(st.sampled_from(("<", ">", "<=", ">=")))
        numbers = st.sampled_from(NUMBERS_COMPARED)
        return f"{draw(numbers)} {operator} {draw(numbers)}{draw(maybe_junk)}"
    if kind == "contains":
        container = draw(st.sampled_from(("page.s", "page.list", '"abc"')))
        needle = draw(st.sampled_from(("2", '"b"', "page.n")))
        return f"{container} contains {needle}{draw(maybe_junk)}"
    return f"{draw(values)} {draw(operand_junk)}"


@st.composite
def lax_if(draw: st.DrawFn, number: int) -> str:
    tag = draw(st.sampled_from(("if", "unless")))
    conditions = [draw(_condition()) for _ in range(draw(st.integers(1, 3)))]
    joined = f" {draw(st.sampled_from(('and', 'or')))} ".join(conditions)
    middle = draw(st.sampled_from(("", f"{{% elsif {draw(_condition())} %}}M")))
    otherwise = draw(st.sampled_from(("{% else %}N", "{% else junk %}N")))
    end = draw(st.sampled_from((f"{{% end{tag} %}}", f"{{% end{tag} junk %}}")))
    return f"{{% {tag} {joined} %}}Y{middle}{otherwise}{end}"


@st.composite
def lax_case(draw: st.DrawFn, number: int) -> str:
    value = draw(st.sampled_from(("page.n", "page.s", "2", '"a"')))
    whens: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        options = draw(
            st.lists(st.sampled_from(("1", "2", '"a"', "page.n", "'abc'", "nil")), min_size=1, max_size=3)
        )
        separator = draw(st.sampled_from((", ", " or ", ",", " ")))
        whens.append(f"{{% when {separator.join(options)}{draw(maybe_junk)} %}}w{len(whens)}")
    end = draw(st.sampled_from(("{% endcase %}", "{% endcase junk %}")))
    return f"{{% case {value}{draw(maybe_junk)} %}}{''.join(whens)}{{% else %}}E{end}"


@st.composite
def lax_assign(draw: st.DrawFn, number: int) -> str:
    target = draw(st.sampled_from(("v{n}", "v{n}.y", "(v{n})", "v{n}-z", "v{n}junk"))).format(n=number)
    spacing = draw(st.sampled_from((" = ", "=", " =", "= ")))
    filters = "".join(
        f" | {draw(st.sampled_from(FILTERS))}{draw(maybe_filter_junk)}"
        for _ in range(draw(st.integers(0, 2)))
    )
    value = draw(st.sampled_from(PRINTABLE))
    trailing = draw(maybe_filter_junk if filters else maybe_junk)
    return f"{{% assign {target}{spacing}{value}{filters}{trailing} %}}{{{{ v{number} }}}}"


@st.composite
def lax_capture(draw: st.DrawFn, number: int) -> str:
    target = draw(st.sampled_from(("c{n} junk", '"c{n}"', "c{n},", "c{n}.x", "c{n} = 1"))).format(n=number)
    return f"{{% capture {target} %}}in{{{{ page.n }}}}{{% endcapture %}}{{{{ c{number} }}}}"


@st.composite
def lax_cycle(draw: st.DrawFn, number: int) -> str:
    items = draw(
        st.lists(st.sampled_from(('"a"', "'b'", "1", "page.n", '"a,b"', '"c d"', "")), min_size=1, max_size=3)
    )
    markup = f'"g{number}": ' + ", ".join(items) + draw(maybe_junk)
    if not any(item.strip() for item in items):
        markup = f'"g{number}": "z"'
    return f"{{% for i in (1..4) %}}{{% cycle {markup} %}};{{% endfor %}}"


@st.composite
def lax_counter(draw: st.DrawFn, number: int) -> str:
    tag = draw(st.sampled_from(("increment", "decrement")))
    name = draw(st.sampled_from(("k{n} junk", "k{n}.x", "k{n} ", "(k{n})"))).format(n=number)
    return f"{{% {tag} {name} %}}{{% {tag} {name} %}}{{% {tag} k{number} %}}"


@st.composite
def lax_tablerow(draw: st.DrawFn, number: int) -> str:
    attributes = draw(
        st.lists(st.sampled_from(("junk", "cols:2", "limit:2", "offset:1", "reversed", ",")), max_size=3)
    )
    return f"{{% tablerow i in page.list {' '.join(attributes)} %}}{{{{ i }}}}{{% endtablerow %}}"


@st.composite
def lax_output(draw: st.DrawFn, number: int) -> str:
    value = draw(st.sampled_from(PRINTABLE))
    shape = draw(
        st.sampled_from(
            (
                "{{{{ {v} {j} }}}}",
                "{{{{ {v} | {f} {j} }}}}",
                "{{{{ {v} | {f} | }}}}",
                "{{{{ {v} || {f} }}}}",
                '{{{{ {v} | append: "x" "y" }}}}',
                '{{{{ {v} | append: "x", }}}}',
                "{{{{ {v}.. }}}}",
                "{{%- echo {v} {j} -%}}",
                '{{{{ {v} | "upcase" }}}}',
            )
        )
    )
    return shape.format(v=value, f=draw(st.sampled_from(FILTERS)), j=draw(st.sampled_from(FILTER_JUNK)))


@st.composite
def lax_misc(draw: st.DrawFn, number: int) -> str:
    return draw(
        st.sampled_from(
            (
                "{% ifchanged junk %}x{% endifchanged %}",
                "{% capture q%}a{% endcapture junk %}{{ q }}",
                '{% include x.html  a="1"   b=page.s %}',
                "{% include x.html\ta=page.n\nb='t' %}",
                "{% include {{ page.inc }} a=page..s %}",
                "{% include_relative rel.txt %}",
            )
        )
    )


def snippets(number: int) -> st.SearchStrategy[str]:
    kinds = (lax_for, lax_if, lax_case, lax_assign, lax_capture, lax_cycle, lax_counter, lax_tablerow)
    return st.one_of(*(kind(number) for kind in (*kinds, lax_output, lax_misc)))
