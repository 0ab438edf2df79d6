"""Which text a contributor may write: the rules that keep data files from hiding, faking or smuggling anything.

Every string a data file holds (keys, values, comments) is checked against `unsafe_characters`: control
characters, format characters (bidirectional overrides, zero-width spaces, the byte-order mark, the soft hyphen),
surrogates, private-use and unassigned code points and the noncharacters (U+FFFE, U+FFFF, U+FDD0…) are refused.
None of them has a place in a name or a sentence, and each has been used to make text look different from what it
is: to break a page's front matter, reorder what a reviewer reads, or hide a look-alike name. Names are compared
after `fold_name`, so that "BΕRT" with a Greek capital Epsilon, or "ＢＥＲＴ" in full-width letters, is seen to be
"BERT". Web addresses must show where they lead (`url_problem`).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Characters Python counts as printable but that show nothing: fillers and the combining grapheme joiner.
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
ALLOWED_WHITESPACE = frozenset("\t\n")
MAX_TEXT_LENGTH = 4000  # characters in one text value; the longest in the Atlas is under 1,000

_CATEGORY_NAMES = {
    "Cc": "a control character",
    "Cf": "an invisible format character (bidirectional control, zero-width character or the like)",
    "Cs": "a surrogate",
    "Co": "a private-use character",
    "Cn": "a noncharacter or a code point Unicode has not assigned",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}


def _is_unsafe(ch: str) -> bool:
    if ch in INVISIBLE:
        return True
    if ch in ALLOWED_WHITESPACE:
        return False
    return not ch.isprintable() and unicodedata.category(ch) != "Zs"  # Zs: visible spaces such as U+00A0


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """(index, character) of every refused character in `text`; fast for the usual printable text (tabs and
    line breaks included, which str.isprintable counts as unprintable)."""
    if text.replace("\n", " ").replace("\t", " ").isprintable() and not INVISIBLE.intersection(text):
        return []
    return [(index, ch) for index, ch in enumerate(text) if _is_unsafe(ch)]


def character_name(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', or 'U+007F' for a character Unicode gives no name."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def character_kind(ch: str) -> str:
    if ch in INVISIBLE:
        return "an invisible character"
    return _CATEGORY_NAMES.get(unicodedata.category(ch), "a character")


def unsafe_text_message(text: str) -> str | None:
    """The problem with `text`, or None when it may be shown."""
    found = unsafe_characters(text)
    if not found:
        return None
    index, ch = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"contains {character_name(ch)} at character {index + 1}{more}, {character_kind(ch)}: such characters"
            " can hide or fake text, so they are refused; delete them or write the text out plainly")


# Latin look-alikes among Greek and Cyrillic letters, after case folding (which turns "Ε" into "ε").
_CONFUSABLES = dict(pair for pair in (
    "αa βb εe ζz ηh ιi κk μm νn οo ρp τt υy χx"  # Greek
    " аa вb еe кk мm нh оo рp сc тt уy хx іi јj ѕs ԁd һh ԛq ԝw ӏl"  # Cyrillic
).split())
_LOOKALIKES = frozenset(_CONFUSABLES) | {ch.upper() for ch in _CONFUSABLES}


def fold_name(name: str) -> str:
    """The form in which two names are compared: NFKC, case-folded, accents and look-alike letters folded to
    Latin, spaces collapsed. 'BΕRT', 'ＢＥＲＴ' and 'bert' all fold to 'bert'."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    text = "".join(_CONFUSABLES.get(ch, ch) for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


_WORD = re.compile(r"[^\W\d_]+")


def mixed_script_word(name: str) -> str | None:
    """A word of `name` that mixes Latin letters with Greek or Cyrillic look-alikes of Latin letters, or None."""
    for word in _WORD.findall(name):
        has_latin = any("LATIN" in unicodedata.name(ch, "") for ch in word)
        if has_latin and any(ch in _LOOKALIKES for ch in word):
            return word
    return None


_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?", re.ASCII)


def url_problem(url: str) -> str | None:
    """Why a web address would mislead a reader, or None. The scheme and shape are checked by the schema."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        return f"is not a well-formed address ({exc})"
    del port
    if "@" in parts.netloc:
        return ("carries credentials or an '@' before the host, which hides where the link leads"
                f" (it goes to {parts.hostname!r}); remove the part before '@'")
    host = parts.hostname or ""
    if not _HOST.fullmatch(host):
        return (f"has the host {host!r}: write the host in plain ASCII letters, digits, dots and hyphens"
                " (an international domain in its xn-- form)")
    if "\\" in url:
        return "contains a backslash, which browsers read as '/': write '/' or %5C"
    return None
