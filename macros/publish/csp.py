"""The Content-Security-Policy every page carries: the last line of defence if contributor text ever became markup.

Contributor text is escaped and made Markdown-inert long before this (render.inert), and refused when it holds a
character that could hide anything (safetext). If all of that failed, the policy still stops what an injected
element would need: inline event handlers (`onerror=`), `javascript:` URLs, inline scripts and any request to
another host. The theme's own inline scripts are allowed one by one, by the SHA-256 of their text, computed from
each built page; a script inside the page's content (the part made from Markdown, where data text goes) is never
allowed. A <meta> policy cannot set frame-ancestors; a host that can send headers should add that one.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # + the hashes of the page's own inline scripts
    ("style-src", "'self' 'unsafe-inline'"),  # the theme sets style attributes; styles cannot run script
    ("img-src", "'self' data:"),  # the theme's icons are data: URLs in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # the search index
    ("worker-src", "'self'"),  # the search worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes) -> str:
    hashes = " ".join(sorted(set(script_hashes)))
    return "; ".join(f"{name} {value} {hashes}".rstrip() if name == "script-src" else f"{name} {value}"
                     for name, value in DIRECTIVES)


def trusted_script_hashes(html: str, content: str = "") -> list[str]:
    """Hashes of the inline scripts of `html` that lie outside `content` (the part of the page made from
    Markdown). Scripts with a src, or of a type browsers do not run (the theme's JSON configuration), need none."""
    start = html.find(content) if content else -1
    end = start + len(content) if start >= 0 else -1
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group("type").lower() not in _JAVASCRIPT_TYPES:
            continue
        if start <= match.start() < end:
            continue
        hashes.append(script_hash(match.group("body")))
    return hashes


def with_policy(html: str, content: str = "") -> str:
    """`html` with the policy as a <meta> tag at the top of <head> (after the charset, which must come first)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(trusted_script_hashes(html, content))}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("a page without <head>: cannot add the Content-Security-Policy")
    return html[:anchor.end()] + meta + html[anchor.end():]
