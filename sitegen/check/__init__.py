"""`sitegen check`: internal links in a built tree that do not resolve.

Owns: reading built pages and resolving their links (`links`).

May import: the foundation (`errors`, `urls`) only; it reads a built tree, not a site.
"""
