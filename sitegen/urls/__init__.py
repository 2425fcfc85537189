"""Every URL and output-path rule, and nowhere else: the one home for them.

- `permalinks`: Jekyll's permalink styles, post/page/document URLs, with a post's
  placeholders (`post_placeholders`) and slugs (`slugs`);
- `output_paths`: the file written for a URL, and the limits every output path is held to;
- `destinations`: a URL as Jekyll makes it (escaped as written) unescaped and resolved
  as the path Jekyll writes, and where a static file is copied;
- `browser_reading`: a URL with a backslash or control character as a browser reads it;
- `site_urls`: the URLs of generated pages (listings, feeds, sitemap...), links to them
  (`href`, `absolute_url`) and the one baseurl rule.

Everything is importable from `sitegen.urls` itself.
"""

from __future__ import annotations

from sitegen.urls.browser_reading import browser_reading_note, browser_text, browser_url
from sitegen.urls.destinations import (
    destination_url,
    escape_placeholder,
    ruby_extname,
    static_output,
    static_output_path,
)
from sitegen.urls.jekyll_forms import (
    document_id,
    escape_path,
    linked_form,
    normalized,
    reaches,
    requested_path,
)
from sitegen.urls.output_paths import (
    MAX_DEPTH,
    MAX_LISTING_NAME_BYTES,
    MAX_PATH_BYTES,
    MAX_SEGMENT_BYTES,
    OutputPath,
    category_name_problem,
    check_url_is_safe,
    listing_name_problem,
    listing_segment,
    listing_segments,
    output_folders,
    output_path,
    output_suffix,
)
from sitegen.urls.permalinks import (
    DEFAULT_DOCUMENT_PERMALINK,
    PERMALINK_STYLES,
    collection_permalink,
    document_url,
    expand_permalink,
    linkable_url,
    page_basename,
    page_permalink_url,
    page_url,
    path_below_posts_folder,
    permalink_ext,
    post_url_placeholders,
    sanitize_url,
    served_url,
)
from sitegen.urls.post_placeholders import PostPlaceholders
from sitegen.urls.site_urls import (
    HTML_SUFFIXES,
    PATH_SAFE,
    URL_SAFE,
    absolute_url,
    archive_index_url,
    archive_url,
    category_directory_url,
    category_folder_url,
    category_url,
    category_urls_for,
    feed_url,
    feed_urls_for,
    home_url,
    href,
    last_segment,
    normalize_baseurl,
    not_found_url,
    paged_url,
    reload_key,
    robots_url,
    sitemap_url,
    static_file_url,
    tag_url,
    tag_urls_for,
    url_of_output,
)
from sitegen.urls.slugs import ruby_downcase, slugify

__all__ = [
    "DEFAULT_DOCUMENT_PERMALINK",
    "HTML_SUFFIXES",
    "MAX_DEPTH",
    "MAX_LISTING_NAME_BYTES",
    "MAX_PATH_BYTES",
    "MAX_SEGMENT_BYTES",
    "PATH_SAFE",
    "PERMALINK_STYLES",
    "URL_SAFE",
    "OutputPath",
    "PostPlaceholders",
    "absolute_url",
    "archive_index_url",
    "archive_url",
    "browser_reading_note",
    "browser_text",
    "browser_url",
    "category_directory_url",
    "category_folder_url",
    "category_name_problem",
    "category_url",
    "category_urls_for",
    "check_url_is_safe",
    "collection_permalink",
    "destination_url",
    "document_id",
    "document_url",
    "escape_path",
    "escape_placeholder",
    "expand_permalink",
    "feed_url",
    "feed_urls_for",
    "home_url",
    "href",
    "last_segment",
    "linkable_url",
    "linked_form",
    "listing_name_problem",
    "listing_segment",
    "listing_segments",
    "normalize_baseurl",
    "normalized",
    "not_found_url",
    "output_folders",
    "output_path",
    "output_suffix",
    "page_basename",
    "page_permalink_url",
    "page_url",
    "paged_url",
    "path_below_posts_folder",
    "permalink_ext",
    "post_url_placeholders",
    "reaches",
    "reload_key",
    "requested_path",
    "robots_url",
    "ruby_downcase",
    "ruby_extname",
    "sanitize_url",
    "served_url",
    "sitemap_url",
    "slugify",
    "static_file_url",
    "static_output",
    "static_output_path",
    "tag_url",
    "tag_urls_for",
    "url_of_output",
]
