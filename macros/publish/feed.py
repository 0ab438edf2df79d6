"""The Atom feed (/feed.xml): entries added to the Atlas or whose facts changed, newest first.

Dates come from each entry's `date_added` and `date_updated`, never from the clock, so two builds of the same commit
write the same feed. The XML is produced by ElementTree, which escapes every text node.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..core.catalog import Catalog
from ..core.kinds import PAGE_KINDS, absolute_url, page_url
from ..render.format import plain_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_LIMIT = 100  # entries in the feed; the full history is in the data files and the API


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def feed_items(catalog: Catalog) -> list[dict]:
    """Every page entry as a feed item, newest change first, then families, models, papers and concepts by id."""
    items = []
    for kind, entry in catalog.changes_newest_first():
        page_kind = PAGE_KINDS[kind]
        items.append({
            "kind": kind,
            "id": entry["id"],
            "title": entry[page_kind.title_key],
            "summary": plain_text(entry[page_kind.description_key], limit=400),
            "url": page_url(page_kind.folder, entry["id"]),
            "added": entry["date_added"],
            "updated": entry["date_updated"] or entry["date_added"],
        })
    return items


def atom_feed(catalog: Catalog, site_url: str, limit: int = FEED_LIMIT) -> str:
    items = feed_items(catalog)[:limit]
    ET.register_namespace("", ATOM)

    def child(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    feed_url = absolute_url(site_url, FEED_PATH)
    child(feed, "id", feed_url)
    child(feed, "title", "Transformer Atlas: new and updated entries")
    child(feed, "subtitle", "Models, papers, families and concepts added to the Atlas or corrected.")
    child(feed, "updated", _timestamp(items[0]["updated"] if items else "1970-01-01"))
    child(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    child(feed, "link", rel="alternate", type="text/html", href=absolute_url(site_url, ""))
    author = child(feed, "author")
    child(author, "name", "Transformer Atlas contributors")
    child(feed, "rights", "Data CC BY 4.0")
    for item in items:
        entry = child(feed, "entry")
        label = PAGE_KINDS[item["kind"]].label
        changed = "Updated" if item["updated"] != item["added"] else "Added"
        page = absolute_url(site_url, item["url"])
        child(entry, "id", page)
        child(entry, "title", f"{changed}: {item['title']} ({label.lower()})")
        child(entry, "link", rel="alternate", type="text/html", href=page)
        child(entry, "published", _timestamp(item["added"]))
        child(entry, "updated", _timestamp(item["updated"]))
        child(entry, "category", term=item["kind"], label=label)
        child(entry, "summary", item["summary"])
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
