"""Generated pages skip Python-Markdown (publish/pages.ready_html): what they get instead must be what Markdown
would have made of the same body, page by page, headings and table of contents included."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from conftest import ROOT
from macros.publish.pages import generated_pages, ready_html


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml lists (the snippets one needs no configuration here)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text[text.index("markdown_extensions:"):].split("\n\n")[0])
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name != "pymdownx.snippets":
            names.append(name)
            configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _lines(html: str) -> list[str]:
    return [line for line in html.split("\n") if line.strip()]


def _shape(tokens) -> list:
    return [(t["level"], t["id"], t["name"], _shape(t["children"])) for t in tokens]


@pytest.fixture(scope="module")
def pages(real_catalog):
    return generated_pages(real_catalog, "https://atlas.example/")


def test_every_generated_body_reads_as_markdown_would_make_it(pages):
    md = _site_markdown()
    kinds = set()
    for page in pages:
        md.reset()
        expected = md.convert(page.body)
        html, toc = ready_html(page.body)
        assert _lines(html) == _lines(expected), page.src_uri
        assert _shape(toc) == _shape(md.toc_tokens), page.src_uri
        kinds.add(page.src_uri.split("/")[0])
    assert kinds == {"families", "models", "papers", "concepts"}


def test_headings_nest_in_the_table_of_contents():
    html, toc = ready_html("## A {: #a }\n<p>x</p>\n### B {: #b data-search-exclude }\n## C {: #c }")
    assert _shape(toc) == [(2, "a", "A", [(3, "b", "B", [])]), (2, "c", "C", [])]
    assert '<h3 data-search-exclude id="b">B<a class="headerlink" href="#b"' in html


def test_a_line_that_only_looks_like_a_heading_stays_as_it_is():
    # Contributor text never reaches a line start unescaped, but a heading without an id is not the templates' form
    body = "<p>## not a heading</p>\n## No id here"
    html, toc = ready_html(body)
    assert toc == [] and html == body
    assert re.search(r"<h\d", html) is None
