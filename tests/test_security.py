"""Each defence of SECURITY.md on its own: escaped messages, files that are not files, front matter that always
parses, Markdown-inert template text, the Content-Security-Policy, and page anchors a variant may not take."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from types import SimpleNamespace

import markdown
import pytest
import yaml

from conftest import MINI, ROOT, TODAY, write_catalog
from macros.core import catalog, schema, yamlsource
from macros.publish import csp, pages
from macros.render import views as render
from macros.core.problems import CODES, Problem

HOSTILE_TEXT = 'Adv ![x](data:image/png,x){: onerror=alert(1) } [t](javascript:alert(2)) <b>b</b> `c` *e* | x'


def test_a_problem_escapes_every_non_printable_character():
    shown = str(Problem("data/models/a\x1b[2K.yaml", 3, "na\u202eme", "bad \x07 value\n", "S301"))
    assert shown == "data/models/a\\x1b[2K.yaml:3: na\\u202eme: bad \\x07 value\\n [S301]"
    assert shown.isprintable()


def test_codes_are_stable_and_known():
    assert all(re.fullmatch(r"[A-Z][0-9]{3}", code) for code in CODES)
    with pytest.raises(ValueError):
        Problem("f", 1, "x", "m", "Z999")


def test_a_symlinked_entry_is_refused_without_reading_its_target(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: SECRET-VALUE-77\n", encoding="utf-8")
    root = write_catalog(tmp_path / "repo")
    os.symlink(secret, root / "data" / "models" / "leak.yaml")
    os.symlink(root / "data" / "missing.yaml", root / "data" / "models" / "broken.yaml")
    result, found = catalog.load_catalog(root, TODAY)
    assert result is None
    shown = "\n".join(map(str, found))
    assert "data/models/leak.yaml:1: (file): is a symbolic link" in shown
    assert "data/models/broken.yaml:1: (file): is a symbolic link" in shown
    assert "SECRET-VALUE-77" not in shown


def test_load_never_follows_a_symlink_even_when_called_directly(tmp_path):
    (tmp_path / "real.yaml").write_text("name: x\n", encoding="utf-8")
    os.symlink(tmp_path / "real.yaml", tmp_path / "link.yaml")
    doc = yamlsource.load(tmp_path / "link.yaml", tmp_path)
    assert doc.data is None and [p.code for p in doc.problems] == ["F101"]


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("summary: " + "x" * yamlsource.MAX_FILE_BYTES + "\n", encoding="utf-8")
    doc = yamlsource.load(path, tmp_path)
    assert [p.code for p in doc.problems] == ["F103"]


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(tmp_path):
    root = write_catalog(tmp_path)
    (root / "data" / "models" / "x\x1b[2Kok.yaml").write_text(MINI["models/tiny.yaml"].replace("Tiny", "Other"),
                                                             encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 1 and "\x1b" not in result.stderr
    assert "data/models/x\\x1b[2Kok.yaml:1: id: file name 'x\\x1b[2Kok' is not a valid id" in result.stderr


@pytest.mark.parametrize("title", ["Adv\x7f x", "a\x85b", "line\u2028sep", "---\n---", "key: value", "# not a comment",
                                   "'\"", "\ufffe\uffff", "tab\there", "&amp; <b>", "   spaces   ", "- item",
                                   "!!str x"])
def test_front_matter_reads_back_whatever_the_title(title):
    block = pages.front_matter({"title": title, "atlas_kind": "model"})
    body = block.split("\n", 1)[1].rsplit("\n---", 1)[0]
    assert yaml.safe_load(body) == {"title": title, "atlas_kind": "model"}


def test_front_matter_that_would_not_read_back_stops_the_build(monkeypatch):
    # Simulate an emitter that writes a raw DEL: the check must catch it rather than let MkDocs drop the block.
    monkeypatch.setattr(pages.yaml, "dump", lambda fields, **_: 'title: "a\x7f"\n')
    with pytest.raises(pages.FrontMatterError):
        pages.front_matter({"title": "a\x7f"})


def test_the_build_stops_when_mkdocs_did_not_read_a_generated_page_front_matter():
    from macros import hooks

    hooks._READY["models/x.md"] = None
    page = SimpleNamespace(file=SimpleNamespace(src_uri="models/x.md"), meta={})
    with pytest.raises(hooks.PluginError):
        hooks.on_page_markdown("text", page, {}, None)
    page.meta = {"atlas_kind": "model"}
    assert hooks.on_page_markdown("text", page, {}, None) == "text"


@pytest.mark.parametrize("extensions", [["attr_list"], ["attr_list", "md_in_html", "tables"]])
def test_template_text_stays_text_even_if_markdown_reads_it(extensions):
    shown = str(render.inert(HOSTILE_TEXT))
    html = markdown.markdown(shown, extensions=extensions)
    assert re.findall(r"<([a-z]+)([^>]*)>", html) == [("p", "")]  # one paragraph, no attribute, nothing else
    # and a browser shows exactly what the contributor wrote
    text = re.sub(r"<[^>]+>", "", html)
    assert __import__("html").unescape(text) == HOSTILE_TEXT


def test_without_inert_text_markdown_would_have_made_markup():
    # The control for the test above: the raw text does become an image with an onerror attribute.
    html = markdown.markdown(render.escape(HOSTILE_TEXT), extensions=["attr_list"])
    assert "<img" in html and 'onerror="alert(1)"' in html


def test_joined_lists_are_inert_too():
    out = render._environment().from_string("{{ items | join(', ') }}").render(items=["[a](javascript:x)", "<b>"])
    assert out == "&#91;a&#93;(javascript:x), &lt;b&gt;"


PAGE = """<!doctype html><html><head><meta charset="utf-8"><script>theme()</script>
<script id="__config" type="application/json">{"a": 1}</script><script src="x.js"></script></head>
<body><article>CONTENT<script>injected()</script></article><script>footer()</script></body></html>"""


def test_the_policy_allows_the_theme_scripts_by_hash_and_nothing_inside_the_content():
    content = "CONTENT<script>injected()</script>"
    out = csp.with_policy(PAGE, content)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out).group(1)
    assert out.index("Content-Security-Policy") > out.index('<meta charset="utf-8">')
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src "))
    assert csp.script_hash("theme()") in script_src and csp.script_hash("footer()") in script_src
    assert csp.script_hash("injected()") not in script_src
    assert csp.script_hash('{"a": 1}') not in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in policy and "default-src 'self'" in policy


def test_every_id_on_a_model_page_is_a_variant_or_a_declared_anchor(built_site):
    for page in (built_site / "models").glob("*/index.html"):
        if not (ROOT / "data" / "models" / f"{page.parent.name}.yaml").exists():
            continue  # a redirect page
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        data = yaml.safe_load((ROOT / "data" / "models" / f"{page.parent.name}.yaml").read_text(encoding="utf-8"))
        variants = {v["id"] for v in data["variants"]} | {a for v in data["variants"] for a in v.get("aliases", [])}
        variants |= {moved["id"] for moved in data.get("moved_variants", [])}  # rows that keep a moved anchor
        for element_id in re.findall(r'\sid="([^"]+)"', article):
            assert element_id in variants or element_id in schema.MODEL_PAGE_ANCHORS \
                or element_id.startswith(schema.MODEL_PAGE_ANCHOR_PREFIXES), f"{page}: #{element_id} undeclared"


def test_every_built_page_carries_the_policy(built_site):
    for page in list(built_site.glob("*/index.html"))[:40] + [built_site / "index.html", built_site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"inline event handler in {page}"


@pytest.mark.parametrize("name, written", [
    ("Gemini Team", "{Gemini Team}"), ("BigScience Workshop", "{BigScience Workshop}"),
    ("Llama Team, AI @ Meta", "{Llama Team, AI @ Meta}"), ("Hugo Touvron", "Hugo Touvron"),
    ("Jean-Baptiste Lespiau", "Jean-Baptiste Lespiau")])
def test_a_group_author_stays_one_author_in_bibtex(name, written):
    from macros.render import cite

    assert cite.bibtex_author(name) == written
    entry = cite.bibtex_entry({"id": "x", "title": "T", "authors": [name, "Jane Doe"], "date": "2020",
                               "url": "https://e.org/"})
    assert f"author = {{{written} and Jane Doe}}" in entry


@pytest.mark.parametrize("value, shown", [(999_950, "1M"), (999_499, "999K"), (999_999_999_999, "1T"),
                                          (10**15, "1,000T"), (175_000_000_000, "175B"), (6_700_000_000, "6.7B")])
def test_counts_never_print_in_e_notation(value, shown):
    assert render.human(value) == shown
