"""The data model, written once.

Each kind of entry (organization, family, paper, model) is described here by a tree of small specs. The same tree
checks the data (`check`) and produces the JSON Schema that editors use (`json_schema`), so the two cannot drift
apart. The checks here are only the ones that need a single value. Rules that span several fields or files are in
`validate.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import safetext
from .registry import (COMPONENTS, CONCEPT_CATEGORIES, FAMILY_ARCHITECTURES, FFN_KINDS, HYPERPARAMETERS, KEY_IDEAS,
                       LAYER_MIXERS, MODALITIES, MODEL_ARCHITECTURES, ORGANIZATION_KINDS, OUTPUT_MODALITIES,
                       PAPER_KINDS, RELATIONS, RESOURCE_KINDS, SOURCE_KINDS, TOPICS, UNDISCLOSED)

# Patterns are matched whole (fullmatch: a trailing newline does not pass) and in ASCII only (\d would accept
# "２０２０" and Arabic-Indic digits). The `^…$` in them is for the JSON Schema, where patterns are searched.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$", re.ASCII)
DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$", re.ASCII)
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
ARXIV = re.compile(r"^([0-9]{4}\.[0-9]{4,5}|[a-z-]+(\.[A-Z]{2})?/[0-9]{7})$", re.ASCII)
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE | re.ASCII)
# The largest count the Atlas accepts: 10^15 (a thousand trillion), far above any parameter or token count.
MAX_COUNT = 10**15
# Page titles and descriptions pass through the macros plugin's Jinja; its delimiters have no place in data.
JINJA = re.compile(r"\{\{|\{%|\{#|#\}|%\}")



class Checker:
    """Collects what is wrong with one document, and the references it makes to other entries."""

    def __init__(self, doc, today: dt.date):
        self.doc = doc
        self.today = today
        self.refs: list[tuple[str, str, tuple]] = []  # (kind, id, path)

    def report(self, path, message: str, code: str = "V401") -> None:
        if tuple(path) in self.doc.refused:  # already refused while reading, with the reason that matters
            return
        problem = self.doc.problem(path, message, code)
        if problem not in self.doc.problems:  # a model-level field that fails the same way for every variant
            self.doc.problems.append(problem)


def describe(value, raw) -> str:
    """Say what a value is, in contributor terms, including what YAML did to an unquoted scalar."""
    text, plain = raw if raw else (None, False)
    if isinstance(value, bool):
        got = f"the boolean {str(value).lower()}"
    elif isinstance(value, (int, float)):
        got = f"the number {value!r}"
    elif isinstance(value, (dt.date, dt.datetime)):
        got = "a date"
    elif value is None:
        return "nothing (an empty value)"
    elif isinstance(value, dict):
        return "a mapping"
    elif isinstance(value, list):
        return "a list"
    else:
        return repr(value)
    if plain and text is not None:
        return f"{got} (YAML reads the unquoted {text} that way: put it in quotes)"
    return got


PLACEHOLDER = "TODO"  # what the templates of `make new-model` and friends put where a value is needed


def is_placeholder(value, path, ck: Checker) -> bool:
    """Report a value still left as the template's TODO, with one clear message instead of a type error."""
    if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        ck.report(path, "still holds the template's TODO placeholder: replace it with the real value", "V405")
        return True
    return False


@dataclass
class Spec:
    description: str = ""

    def check(self, value, path, ck: Checker) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def _base(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema


@dataclass
class Text(Spec):
    """A string; optionally one of `choices`, or of a `form` (slug, url, date, arxiv)."""

    choices: tuple = ()
    form: str = ""  # "", "slug", "url", "date", "arxiv"

    _FORMS = {
        "slug": (SLUG, "lowercase letters, digits and hyphens, starting with a letter or digit"),
        "url": (URL, "an http:// or https:// address"),
        "date": (DATE, 'a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
        "day": (DAY, 'a day written "YYYY-MM-DD"'),
        "arxiv": (ARXIV, 'an arXiv id such as "1810.04805"'),
    }

    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, str):
            expected = f"{self._FORMS[self.form][1]} in quotes" if self.form in ("date", "day", "arxiv") else "text"
            ck.report(path, f"expected {expected}, got {describe(value, ck.doc.raw.get(tuple(path)))}")
            return
        if not value.strip():
            ck.report(path, "must not be empty")
            return
        if JINJA.search(value):
            ck.report(path, "must not contain template delimiters such as {{, {% or {#", "V405")
        if self.choices and value not in self.choices:
            ck.report(path, f"{value!r} is not one of: {', '.join(self.choices)}", "V402")
            return
        if self.form:
            pattern, wanted = self._FORMS[self.form]
            if not pattern.fullmatch(value):
                ck.report(path, f"{value!r} is not {wanted}")
                return
        if self.form in ("date", "day"):
            check_date(value, path, ck)
        if self.form == "url":
            problem = safetext.url_problem(value)
            if problem:
                ck.report(path, f"{value!r} {problem}", "S302")

    def json_schema(self) -> dict:
        schema: dict = {"type": "string", "minLength": 1}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.form:
            schema["pattern"] = self._FORMS[self.form][0].pattern
        return self._base(schema)


def check_date(value: str, path, ck: Checker) -> None:
    year, month, day = DATE.fullmatch(value).groups()
    try:
        first = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        ck.report(path, f"{value!r} is not a real date ({exc})", "V406")
        return
    if first > ck.today:
        ck.report(path, f"{value!r} is in the future", "V406")


@dataclass
class Ref(Text):
    """The id of another entry of kind `kind`; existence is checked once every file is loaded."""

    kind: str = ""

    def __post_init__(self):
        self.form = "slug"

    def check(self, value, path, ck: Checker) -> None:
        before = len(ck.doc.problems)
        super().check(value, path, ck)
        if len(ck.doc.problems) == before:
            ck.refs.append((self.kind, value, tuple(path)))


@dataclass
class Integer(Spec):
    minimum: int = 0
    maximum: int = MAX_COUNT

    def check(self, value, path, ck: Checker) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            ck.report(path, f"expected an integer, got {describe(value, ck.doc.raw.get(tuple(path)))}")
        elif value < self.minimum:
            ck.report(path, f"must be at least {self.minimum}, got {value}", "V404")
        elif value > self.maximum:
            ck.report(path, f"must be at most {self.maximum:,}, got {value:,}", "V404")

    def json_schema(self) -> dict:
        return self._base({"type": "integer", "minimum": self.minimum, "maximum": self.maximum})


@dataclass
class Score(Spec):
    """A measured result: an integer or a decimal number, as printed in the source."""

    def check(self, value, path, ck: Checker) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ck.report(path, f"expected a number, got {describe(value, ck.doc.raw.get(tuple(path)))}")
        elif value != value or value in (float("inf"), float("-inf")):
            ck.report(path, "must be a finite number")

    def json_schema(self) -> dict:
        return self._base({"type": "number"})


@dataclass
class Boolean(Spec):
    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, bool):
            ck.report(path, f"expected true or false, got {describe(value, ck.doc.raw.get(tuple(path)))}")

    def json_schema(self) -> dict:
        return self._base({"type": "boolean"})


@dataclass
class ListOf(Spec):
    item: Spec = None
    min_items: int = 0
    unique: bool = True

    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, list):
            if isinstance(value, str) and isinstance(self.item, Text):
                ck.report(path, f"expected a list, got {describe(value, None)}: write [{value}]")
            else:
                ck.report(path, f"expected a list, got {describe(value, ck.doc.raw.get(tuple(path)))}")
            return
        if len(value) < self.min_items:
            ck.report(path, f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}", "V403")
        seen = set()
        for index, item in enumerate(value):
            if not is_placeholder(item, tuple(path) + (index,), ck):
                self.item.check(item, tuple(path) + (index,), ck)
            if self.unique and isinstance(item, str):
                if item in seen:
                    ck.report(tuple(path) + (index,), f"{item!r} is listed twice", "R502")
                seen.add(item)

    def json_schema(self) -> dict:
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._base(schema)


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    """A mapping with a fixed set of keys: a key that is not listed is an error (usually a typo)."""

    fields: dict = field(default_factory=dict)
    title: str = ""

    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, dict):
            ck.report(path, f"expected a mapping of keys to values, got {describe(value, ck.doc.raw.get(tuple(path)))}")
            return
        for key in value:
            if key not in self.fields:
                hint = _closest(key, self.fields)
                ck.report(tuple(path) + (key,), "unknown key" + (f" (did you mean {hint!r}?)" if hint else ""),
                          "V403")
        for key, spec_field in self.fields.items():
            if key in value:
                if not is_placeholder(value[key], tuple(path) + (key,), ck):
                    spec_field.spec.check(value[key], tuple(path) + (key,), ck)
            elif spec_field.required:
                ck.report(tuple(path) + (key,), "is required", "V403")

    def json_schema(self) -> dict:
        schema: dict = {
            "type": "object",
            "additionalProperties": False,
            "properties": {key: f.spec.json_schema() for key, f in self.fields.items()},
        }
        required = [key for key, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        if self.title:
            schema["title"] = self.title
        return self._base(schema)


@dataclass
class MappingOf(Spec):
    """A mapping from slugs chosen by the contributor to values of one spec (e.g. metric id -> score)."""

    value: Spec = None
    min_items: int = 1

    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, dict):
            ck.report(path, f"expected a mapping of keys to values, got {describe(value, ck.doc.raw.get(tuple(path)))}")
            return
        if len(value) < self.min_items:
            ck.report(path, f"needs at least {self.min_items} entry", "V403")
        for key, item in value.items():
            if not isinstance(key, str) or not SLUG.fullmatch(key):
                ck.report(tuple(path) + (key,), f"key {key!r} is not an id (lowercase letters, digits, hyphens)")
                continue
            self.value.check(item, tuple(path) + (key,), ck)

    def json_schema(self) -> dict:
        return self._base({"type": "object", "minProperties": self.min_items,
                           "propertyNames": {"pattern": SLUG.pattern},
                           "additionalProperties": self.value.json_schema()})


def _closest(key: str, options) -> str | None:
    import difflib

    match = difflib.get_close_matches(str(key), list(options), n=1, cutoff=0.75)
    return match[0] if match else None


@dataclass
class Quantity(Spec):
    """A hyperparameter: `unknown`, a plain integer from the variant's source, or the long form with provenance."""

    long_form: Record = None

    def __post_init__(self):
        self.long_form = Record(
            description="A value with its own provenance.",
            fields={
                "value": Field(Integer(minimum=1, description="The number itself, as a plain integer."), True),
                "source": Field(Text(form="slug", description="Id of an entry in the model's `sources`."
                                                             " Defaults to the variant's source.")),
                "estimated": Field(Boolean(description="True when the number is derived rather than stated by"
                                                       " the source; say how in `note`.")),
                "note": Field(Text(description="How the number was found, or why it looks odd.")),
            },
        )

    def check(self, value, path, ck: Checker) -> None:
        if value == UNDISCLOSED:
            return
        if isinstance(value, dict):
            self.long_form.check(value, path, ck)
            return
        if isinstance(value, bool) or not isinstance(value, int):
            ck.report(path, f"expected an integer, unknown, or a mapping with value and source, got "
                            f"{describe(value, ck.doc.raw.get(tuple(path)))}")
        elif value < 1:
            ck.report(path, f"must be a positive integer, got {value}", "V404")
        elif value > MAX_COUNT:
            ck.report(path, f"must be at most {MAX_COUNT:,} (10^15), got {value:,}", "V404")

    def json_schema(self) -> dict:
        return self._base({"oneOf": [
            {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
            {"const": UNDISCLOSED, "description": "The source does not disclose this number."},
            self.long_form.json_schema(),
        ]})


@dataclass
class Sourced(Spec):
    """An architecture component: a plain value (citing the block's source) or `{value:, source:, note:}`; either
    may be `unknown`, which says the source was read and does not disclose it (a closed model's report)."""

    value: Spec = None
    long_form: Record = None

    def __post_init__(self):
        self.value = Undisclosable(value=self.value)
        self.long_form = Record(description="A value with its own provenance.", fields={
            "value": Field(self.value, True),
            "source": Field(Text(form="slug", description="Id of an entry in the model's `sources`.")),
            "note": Field(Text(description="Where exactly the source says it, or why it looks odd.")),
        })

    def check(self, value, path, ck: Checker) -> None:
        if isinstance(value, dict):
            self.long_form.check(value, path, ck)
        else:
            self.value.check(value, path, ck)

    def json_schema(self) -> dict:
        return self._base({"oneOf": [self.value.json_schema(), self.long_form.json_schema()]})


@dataclass
class Undisclosable(Spec):
    """A value that may also be `unknown`: the source was read and does not disclose it."""

    value: Spec = None

    def check(self, value, path, ck: Checker) -> None:
        if value == UNDISCLOSED:
            return
        if isinstance(value, str) and isinstance(self.value, Text) and self.value.choices \
                and value not in self.value.choices:
            ck.report(path, f"{value!r} is not one of: {', '.join(self.value.choices)}; or {UNDISCLOSED} when the"
                            " source does not disclose it", "V402")
        else:
            self.value.check(value, path, ck)

    def json_schema(self) -> dict:
        return {"oneOf": [self.value.json_schema(),
                          {"const": UNDISCLOSED, "description": "The source does not disclose it."}]}


LAYER_KIND = re.compile(r"^(%s)(/(%s))?$" % ("|".join(map(re.escape, LAYER_MIXERS)), "|".join(FFN_KINDS)), re.ASCII)


@dataclass
class LayerKind(Spec):
    """One layer of a layer-mix pattern: `<mixer>` or `<mixer>/<ffn>`."""

    def check(self, value, path, ck: Checker) -> None:
        if not isinstance(value, str):
            ck.report(path, f"expected a layer kind, got {describe(value, ck.doc.raw.get(tuple(path)))}")
        elif not LAYER_KIND.fullmatch(value):
            mixer = value.split("/")[0]
            if mixer not in LAYER_MIXERS:
                ck.report(path, f"{value!r}: the layer's mixer must be one of: {', '.join(LAYER_MIXERS)}", "A602")
            else:
                ck.report(path, f"{value!r}: after the / comes the feed-forward kind, one of: "
                                f"{', '.join(FFN_KINDS)}", "A602")

    def json_schema(self) -> dict:
        return self._base({"type": "string", "pattern": LAYER_KIND.pattern})


def components_spec(variant: bool) -> Record:
    """The `components` block of a model (its source required) or of a variant (overrides, key by key)."""
    fields = {"source": Field(Text(form="slug", description=(
        "Id of the source (in `sources`) that every plain value below cites" +
        (": defaults to the model's components source." if variant else "."))), not variant)}
    for component in COMPONENTS:
        plain = (Boolean(description=component.meaning) if component.choices is None else
                 Text(description=component.meaning, choices=tuple(component.choices)))
        fields[component.name] = Field(Sourced(value=plain, description=component.meaning))
    fields["layer_mix"] = Field(ListOf(unique=False, min_items=1, item=Record(fields={
        "repeat": Field(Integer(minimum=1, maximum=10_000, description="How many times the pattern repeats;"
                                                                        " 1 when omitted.")),
        "pattern": Field(ListOf(item=LayerKind(), min_items=1, unique=False, description=(
            "The layers of one repetition, in order: <mixer> or <mixer>/<ffn>. Mixers: " + ", ".join(LAYER_MIXERS)
            + "; feed-forward kinds: " + ", ".join(FFN_KINDS) + " (omitted: moe when the variant records experts,"
            " else dense).")), True),
        "source": Field(Text(form="slug", description="Id of the source of this group, if another.")),
        "note": Field(Text(description="Anything a reader should know about this group.")),
    }), description="The stack as ordered groups; their layers must add up to `layers`. Omit it for a uniform"
                    " stack of full-attention layers."))
    return Record(description=("Overrides of the model's architecture components for this variant." if variant
                               else "The architecture's named parts, each read from a source."), fields=fields)


def _text(description: str, **kwargs) -> Text:
    return Text(description=description, **kwargs)


def former_ids(what: str, effect: str) -> Field:
    """`aliases`: the ids an entry had before it was renamed, so that links published with them keep working."""
    return Field(ListOf(item=Text(form="slug"), description=f"Former ids of this {what}. When you rename it, keep"
                                                           f" the old id here: {effect}."))


PAGE_ALIASES = former_ids("entry", "the build writes a redirect from each old address to the new one")

# When an entry joined the Atlas and when its facts last changed: the Atom feed (/feed.xml) is made from these.
ENTRY_DATES = {
    "date_added": Field(_text("The day this entry was added to the Atlas, quoted: YYYY-MM-DD.", form="day"), True),
    "date_updated": Field(_text("The day its facts last changed (a corrected number, a new variant; not a typo"
                                " fix), quoted: YYYY-MM-DD.", form="day")),
}


def seed_corrections(fields: str) -> ListOf:
    """Where a secondary source (a seed) disagrees with the primary one, for any kind of entry."""
    return ListOf(unique=False, item=Record(fields={
        "field": Field(_text(f"What was corrected: {fields}."), True),
        "seed": Field(_text("What the secondary source said."), True),
        "note": Field(_text("What the primary source says instead, and where."), True),
    }), description="Where a secondary source disagrees with the primary one.")


ORGANIZATION = Record(
    title="Organization",
    fields={
        "id": Field(_text("Slug used to refer to this organization.", form="slug"), True),
        "name": Field(_text("Display name."), True),
        "kind": Field(_text("What sort of organization it is.",
                            choices=ORGANIZATION_KINDS), True),
    },
)
ORGANIZATIONS = ListOf(item=ORGANIZATION, min_items=1, unique=False,
                       description="The controlled vocabulary of organizations.")

FAMILY = Record(
    title="Family",
    description="A family of models, shown on /families/<id>/; the id is the file name.",
    fields={
        "name": Field(_text("Display name."), True),
        "aliases": PAGE_ALIASES,
        "order": Field(Integer(minimum=1, description="Position on the families index."), True),
        "architecture": Field(_text("The architecture its models share.", choices=FAMILY_ARCHITECTURES), True),
        "description": Field(_text("Two to five sentences, in your own words."), True),
        **ENTRY_DATES,
    },
)



PAPER = Record(
    title="Paper",
    description="A paper, shown on /papers/<id>/; the id is the file name (<first-author>-<year>-<keyword>).",
    fields={
        "title": Field(_text("Title as published."), True),
        "aliases": PAGE_ALIASES,
        "authors": Field(ListOf(item=Text(), min_items=1, description="Authors in order; at least the first."), True),
        "authors_shortened": Field(Boolean(description="True when `authors` gives only the first authors of a longer"
                                                       " list: pages write et al. and BibTeX writes and others.")),
        "organizations": Field(ListOf(item=Ref(kind="organization"), min_items=1,
                                      description="Ids from data/organizations.yaml."), True),
        "date": Field(_text("First public version, quoted: YYYY, YYYY-MM or YYYY-MM-DD.", form="date"), True),
        "arxiv": Field(_text("arXiv identifier, quoted.", form="arxiv")),
        "url": Field(_text("Canonical link.", form="url"), True),
        "venue": Field(_text("Where it was published, if anywhere.")),
        "summary": Field(_text("One to three sentences, in your own words."), True),
        "kind": Field(_text("model: it introduces a model of the Atlas; method: a technique, analysis, system or"
                            " dataset; survey: a review of other work.", choices=tuple(PAPER_KINDS)), True),
        "topics": Field(ListOf(item=Text(choices=tuple(TOPICS)), min_items=1,
                               description="Topic tags, from the fixed list."), True),
        **ENTRY_DATES,
    },
)

_SOURCE = Record(
    description="Where numbers come from: a paper of the Atlas with a locator, or a URL.",
    fields={
        "id": Field(_text("Slug that variants and numbers use to cite this source.", form="slug"), True),
        "paper": Field(Ref(kind="paper", description="Id of a paper in data/papers/.")),
        "locator": Field(_text("Where in the paper: table, section or appendix.")),
        "url": Field(_text("Address of a model card, configuration file, repository or post.", form="url")),
        "kind": Field(_text("What the URL points at.",
                            choices=SOURCE_KINDS)),
        "read_via": Field(_text("Where the source was actually read when not at `url` itself: a copy such as a"
                                " mirror of a config file in another repository (address with commit).",
                                form="url")),
        "note": Field(_text("What the copy is, or anything a reader should know about this source.")),
    },
)

_VARIANT = Record(
    description="One size or version of the model: one row of its variants table.",
    fields={
        "id": Field(_text("Unique within the model; the row's anchor.", form="slug"), True),
        "aliases": former_ids("variant", "links to the old anchor still reach this row"),
        "name": Field(_text("Display name."), True),
        "source": Field(_text("Id of the source (in `sources`) for every plain number of this variant.",
                              form="slug"), True),
        "date": Field(_text("When this size was released, if on another day than the model's `date`, quoted.",
                            form="date")),
        "open_weights": Field(Boolean(description="Whether this size's weights were released, if not as the"
                                                  " model's `open_weights` says (a size described but never"
                                                  " released).")),
        **{name: Field(Quantity(description=f"{name}: an integer, unknown, or a mapping with provenance."))
           for name in HYPERPARAMETERS},
        "components": Field(components_spec(variant=True)),
        "note": Field(_text("Anything a reader should know about this variant.")),
    },
)


MODEL = Record(
    title="Model",
    description="A model, shown on /models/<id>/; the id is the file name.",
    fields={
        "name": Field(_text("Display name."), True),
        "other_names": Field(ListOf(item=Text(), description="Other names readers may search for.")),
        "aliases": PAGE_ALIASES,
        "families": Field(ListOf(item=Ref(kind="family"), min_items=1, description="Ids of data/families/."), True),
        "organizations": Field(ListOf(item=Ref(kind="organization"), min_items=1,
                                      description="Ids from data/organizations.yaml."), True),
        "date": Field(_text("First public release or paper, quoted: YYYY, YYYY-MM or YYYY-MM-DD.", form="date"),
                      True),
        "architecture": Field(_text("Transformer layout.", choices=MODEL_ARCHITECTURES), True),
        "architecture_note": Field(_text("Required when architecture is other: what it is instead.")),
        "modalities": Field(Record(fields={
            "input": Field(ListOf(item=Text(choices=MODALITIES), min_items=1), True),
            "output": Field(ListOf(item=Text(choices=OUTPUT_MODALITIES), min_items=1), True),
        }), True),
        "papers": Field(ListOf(item=Ref(kind="paper"), description="Ids of data/papers/; the introducing paper"
                                                                    " first.")),
        "concepts": Field(ListOf(item=Ref(kind="concept"), description="Ids of data/concepts/: the ideas the model"
                                                                        " is built from.")),
        "derived_from": Field(ListOf(unique=False, item=Record(fields={
            "model": Field(Ref(kind="model", description="Id of the parent model."), True),
            "relation": Field(_text("How this model was made from the parent.", choices=tuple(RELATIONS)), True),
            "note": Field(_text("Details of the relation.")),
        }))),
        "license": Field(_text("SPDX id where one exists; 'proprietary' for closed models."), True),
        "open_weights": Field(Boolean(description="Were the trained weights released?"), True),
        "links": Field(Record(fields={
            "homepage": Field(_text("Project or announcement page.", form="url")),
            "repository": Field(_text("Code repository.", form="url")),
            "weights": Field(_text("Where the weights can be downloaded.", form="url")),
        })),
        "summary": Field(_text("Two to five sentences, in your own words."), True),
        "key_ideas": Field(Record(fields={name: Field(_text(hint)) for name, (_, hint) in KEY_IDEAS.items()})),
        "components": Field(components_spec(variant=False)),
        "sources": Field(ListOf(item=_SOURCE, min_items=1, unique=False), True),
        "variants": Field(ListOf(item=_VARIANT, min_items=1, unique=False), True),
        "seed_corrections": Field(seed_corrections("date, organizations, variants.<id> or variants.<id>.<number>")),
        "moved_variants": Field(ListOf(unique=False, item=Record(fields={
            "id": Field(_text("The variant's former id on this page (its published anchor).", form="slug"), True),
            "model": Field(Ref(kind="model", description="The model whose page holds the variant now, under the"
                                                         " same id."), True),
        }), description="Variants that moved to another model's page: each keeps its anchor here, as a row that"
                        " links to where it went.")),
        **ENTRY_DATES,
    },
)


CONCEPT = Record(
    title="Concept",
    description="An idea models are built from, shown on /concepts/<id>/; the id is the file name.",
    fields={
        "name": Field(_text("Display name."), True),
        "other_names": Field(ListOf(item=Text(), description="Other names and abbreviations readers may search"
                                                             " for.")),
        "aliases": PAGE_ALIASES,
        "category": Field(_text("Where it sits on the concepts index.", choices=tuple(CONCEPT_CATEGORIES)), True),
        "summary": Field(_text("One sentence, in your own words: shown in lists and as the page description."),
                         True),
        "description": Field(_text("Two to four short paragraphs in your own words, separated by blank lines:"
                                   " what it is, why it matters, where it is used."), True),
        "papers": Field(ListOf(item=Ref(kind="paper"), description="Ids of data/papers/; the paper that"
                                                                    " introduced the idea first.")),
        "related": Field(ListOf(item=Ref(kind="concept"), description="Ids of related concepts.")),
        **ENTRY_DATES,
    },
)


RESOURCE = Record(
    title="Learning resource",
    description="An article, tutorial, video, book or implementation; the id is the file name.",
    fields={
        "title": Field(_text("Title as published."), True),
        "url": Field(_text("Where to find it.", form="url"), True),
        "kind": Field(_text("What sort of resource it is.", choices=tuple(RESOURCE_KINDS)), True),
        "authors": Field(ListOf(item=Text(), description="Authors or maintainers, if known.")),
        "date": Field(_text("Publication date if known, quoted: YYYY, YYYY-MM or YYYY-MM-DD.", form="date")),
        "summary": Field(_text("One sentence in your own words: what a reader gets from it.")),
        "concepts": Field(ListOf(item=Ref(kind="concept"), description="Concepts it explains.")),
        "models": Field(ListOf(item=Ref(kind="model"), description="Models it explains or implements.")),
    },
)

BENCHMARK = Record(
    title="Benchmark table",
    description="A table of results from one source, shown on the pages of its paper and of the models in it.",
    fields={
        "title": Field(_text("What the table shows."), True),
        "paper": Field(Ref(kind="paper", description="Id of the paper the table comes from, if any.")),
        "locator": Field(_text("Where in the paper: table or figure.")),
        "url": Field(_text("The source when it is not a paper of the Atlas.", form="url")),
        "description": Field(_text("One to three sentences in your own words: what was measured and how."), True),
        "metrics": Field(ListOf(unique=False, min_items=1, item=Record(fields={
            "id": Field(_text("Key used in each row's scores.", form="slug"), True),
            "name": Field(_text("Column heading, e.g. MMLU."), True),
            "unit": Field(_text("What the number is, e.g. accuracy (%) or score (1-10)."), True),
            "setting": Field(_text("How it was measured, e.g. 5-shot.")),
            "higher_is_better": Field(Boolean(description="Defaults to true.")),
        })), True),
        "rows": Field(ListOf(unique=False, min_items=1, item=Record(fields={
            "label": Field(_text("The row as the source names it."), True),
            "model": Field(Ref(kind="model", description="Id of the model, when it is in the Atlas.")),
            "variant": Field(_text("Id of the variant within that model.", form="slug")),
            "note": Field(_text("Anything a reader should know about this row.")),
            "scores": Field(MappingOf(value=Score(), description="Metric id -> number as printed."), True),
        })), True),
        "seed_corrections": Field(seed_corrections("e.g. rows[3].scores.mmlu")),
    },
)

EXCLUSION = Record(
    title="Excluded title",
    fields={
        "title": Field(_text("The title as the seed lists it."), True),
        "seed": Field(_text("Which seed document listed it, e.g. 004."), True),
        "reason": Field(_text("Why it is not in the Atlas, in one sentence."), True),
    },
)
EXCLUSIONS = ListOf(item=EXCLUSION, min_items=1, unique=False,
                    description="Titles from the seed documents deliberately left out of the Atlas.")

# The element ids a model page gives its sections and boxes. A variant's id is its table row's id, so a variant
# may not take one of these (the page would hold two elements with one id); tests/test_render.py checks this list
# against the ids of the built pages.
MODEL_PAGE_ANCHORS = ("key-ideas", "variants", "notes", "architecture", "lineage", "benchmarks", "resources", "corrections", "share",
                      "share-link", "share-bibtex", "share-bibtex-label")
MODEL_PAGE_ANCHOR_PREFIXES = ("source-", "lineage-", "arch-")  # the sources list and the lineage chart


KINDS = {"organizations": ORGANIZATIONS, "exclusions": EXCLUSIONS, "family": FAMILY, "paper": PAPER,
         "model": MODEL, "concept": CONCEPT, "resource": RESOURCE, "benchmark": BENCHMARK}


def json_schemas() -> dict[str, dict]:
    """File name -> JSON Schema, for editors (yaml-language-server) and for the published site."""
    out = {}
    for kind, spec in KINDS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"{kind}.schema.json", **spec.json_schema()}
        out[f"{kind}.schema.json"] = schema
    return out
