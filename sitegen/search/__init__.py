"""Site search: a Pagefind index of the built post pages, published with them.

Owns: whether search is on, finding the Pagefind program, indexing the rendered posts
into files that go live in the same publish as the pages (`pagefind`), and the
one-word-per-Han-character text the index and the query share (`segmenting`).

May import: `sitegen.site`, `sitegen.publish` (folder operations) and the foundation.
"""
