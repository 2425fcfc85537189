"""Written files to a published tree, all or nothing.

Owns: which destinations are safe to write (`destination`, from the folders a build
reads sources from: `source_folders`), file operations through
folder descriptors (`tree_io`), the outputs and their failures (`outputs`), and the three
ways of publishing: an atomic swap of a staged tree (`swap`, whose staging folder a first
build's render workers fill directly: `staging`), temporary files renamed by a
committed journal (`journaled`, `journal`), or replacing files in place (`in_place`),
chosen by `writer`; the folders of the tree it may not write in (`locked_folders`), and
retired trees deleted in the background (`trash`).

May import: `sitegen.content` (scan rules, to refuse source folders) and the foundation.
"""
