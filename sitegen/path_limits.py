"""The byte limits every output path is held to (`sitegen.urls.output_paths`).

Apart from `sitegen.urls` so that the source walk's bounds (`sitegen.content.walk_bounds`),
which the no-change check imports before anything else, can read them without importing
every URL rule (and the `regex` engine the slugs need).
"""

from __future__ import annotations

MAX_SEGMENT_BYTES = 255
"""The longest file or folder name (in UTF-8 bytes) of ext4, XFS, btrfs, APFS and NTFS."""
MAX_PATH_BYTES = 3072
"""The longest output path accepted, leaving room under Linux's 4,096-byte PATH_MAX for
the destination folder's own path."""
