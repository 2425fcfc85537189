"""Site search: a Pagefind index of the built post pages, published with them.

Owns: whether search is on, finding the Pagefind program, and indexing the rendered
posts into files that go live in the same publish as the pages (`pagefind`).

May import: `sitegen.site`, `sitegen.publish` (folder operations) and the foundation.
"""
