"""Load every file of data/, check it, and index it: the one entry point the renderers and the site use.

`load_catalog(root)` returns the catalog and the list of problems. When there is any problem the catalog is None:
the site is never built from part of the data, so no entry can go missing without an error saying why.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import schema, yamlsource
from .yamlsource import Problem

DATA_DIRS = {"families": "family", "models": "model", "papers": "paper"}
ORGANIZATIONS_FILE = "organizations.yaml"


@dataclass(frozen=True)
class Number:
    """A hyperparameter after validation: its value (None when unknown) and where it comes from."""

    value: int | None
    source: dict | None = None
    estimated: bool = False
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass
class Catalog:
    organizations: dict = field(default_factory=dict)
    families: dict = field(default_factory=dict)  # id -> entry, in display order
    models: dict = field(default_factory=dict)  # id -> entry, by date then name
    papers: dict = field(default_factory=dict)  # id -> entry, by date then title

    def models_of_family(self, family_id: str) -> list:
        return [m for m in self.models.values() if family_id in m["families"]]

    def models_of_paper(self, paper_id: str) -> list:
        """The models that name this paper first: the ones it introduces."""
        return [m for m in self.models.values() if m.get("papers") and m["papers"][0] == paper_id]

    def models_citing_paper(self, paper_id: str) -> list:
        return [m for m in self.models.values() if paper_id in m.get("papers", [])]

    def children(self, model_id: str) -> list:
        """(child model, relation entry) for every model derived from this one."""
        return [(m, edge) for m in self.models.values() for edge in m.get("derived_from", [])
                if edge["model"] == model_id]

    def filter_models(self, family=None, organization=None, architecture=None, year_from=None, year_to=None):
        """Models matching every given criterion; a criterion left as None does not filter."""
        out = []
        for model in self.models.values():
            year = int(model["date"][:4])
            if family is not None and family not in model["families"]:
                continue
            if organization is not None and organization not in model["organizations"]:
                continue
            if architecture is not None and model["architecture"] != architecture:
                continue
            if year_from is not None and year < int(year_from):
                continue
            if year_to is not None and year > int(year_to):
                continue
            out.append(model)
        return out


def data_files(root: Path) -> list[Path]:
    data = root / "data"
    return sorted(p for p in data.rglob("*") if p.is_file())


def fingerprint(root: Path) -> tuple:
    """Changes whenever a data file is added, removed or edited: the cache key for `mkdocs serve`."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in data_files(root))


def load_catalog(root: Path, today: dt.date | None = None) -> tuple[Catalog | None, list[Problem]]:
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []
    docs: dict[str, dict] = {kind: {} for kind in ("family", "model", "paper")}
    checkers = []

    for path in data_files(root):
        rel = path.relative_to(root / "data")
        shown = path.relative_to(root).as_posix()
        parts = rel.parts
        if parts == (ORGANIZATIONS_FILE,):
            kind = "organizations"
        elif len(parts) == 2 and parts[0] in DATA_DIRS and path.suffix == ".yaml":
            kind = DATA_DIRS[parts[0]]
        elif parts[0] == "schema" and path.suffix == ".json":
            continue  # generated JSON Schemas for editors, checked by the tests
        elif path.name.startswith(".") or path.name == "README.md":
            continue
        else:
            problems.append(Problem(shown, 1, "(file)", "not a data file the Atlas reads: entries go in "
                                    "data/families/, data/models/ or data/papers/ as <id>.yaml"))
            continue
        doc = yamlsource.load(path, root)
        ck = schema.Checker(doc, today)
        checkers.append((kind, ck))
        if kind != "organizations":
            if not schema.SLUG.match(path.stem):
                doc.problems.append(Problem(shown, 1, "id", f"file name {path.stem!r} is not a valid id: use "
                                            "lowercase letters, digits and hyphens, starting with a letter or digit"))
            docs[kind][path.stem] = ck
        if doc.data is not None:
            schema.KINDS[kind].check(doc.data, (), ck)

    org_ck = next((ck for kind, ck in checkers if kind == "organizations"), None)
    if org_ck is None:
        problems.append(Problem(f"data/{ORGANIZATIONS_FILE}", 1, "(file)", "is missing"))
    organizations = _organizations(org_ck)
    known = {"organization": set(organizations), **{k: set(v) for k, v in docs.items()}}

    for kind, ck in checkers:
        for ref_kind, ref_id, path in ck.refs:
            if ref_id not in known[ref_kind]:
                ck.report(path, f"no {ref_kind} with id {ref_id!r}" + _where(ref_kind))
    for model_id, ck in docs["model"].items():
        if isinstance(ck.doc.data, dict):
            _check_model(model_id, ck)
    _check_unique_across(docs, checkers)

    for _, ck in checkers:
        problems.extend(ck.doc.problems)
    problems.sort(key=lambda p: (p.file, p.line, p.field))
    if problems:
        return None, problems
    return _build(organizations, docs), []


def problems_heading(problems: list) -> str:
    """The line above a problem listing, the same in `make check` and in the build."""
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in data/: nothing was built"


def _where(kind: str) -> str:
    return {"organization": f" in data/{ORGANIZATIONS_FILE}", "family": " in data/families/",
            "paper": " in data/papers/", "model": " in data/models/"}[kind]


def _organizations(ck) -> dict:
    if ck is None or not isinstance(ck.doc.data, list):
        return {}
    out = {}
    for index, entry in enumerate(ck.doc.data):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            if entry["id"] in out:
                ck.report((index, "id"), f"organization {entry['id']!r} is defined twice")
            out[entry["id"]] = entry
    return out


def _ids(items) -> list:
    return [item.get("id") for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _value(number):
    """The integer of a hyperparameter in any of its forms, or None."""
    if isinstance(number, dict):
        number = number.get("value")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _check_model(model_id: str, ck: schema.Checker) -> None:
    data = ck.doc.data
    if data.get("architecture") == "other" and not data.get("architecture_note"):
        ck.report(("architecture_note",), "is required when architecture is 'other'")
    if data.get("architecture") not in (None, "other") and "architecture_note" in data:
        ck.report(("architecture_note",), "is only used when architecture is 'other'")

    sources = _ids(data.get("sources"))
    _no_repeats(sources, ("sources",), "source id", ck)
    for index, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and ("paper" in source) == ("url" in source):
            ck.report(("sources", index), "give exactly one of paper or url")
        if isinstance(source, dict) and "kind" in source and "url" not in source:
            ck.report(("sources", index, "kind"), "only applies to a url source")

    variants = data.get("variants") if isinstance(data.get("variants"), list) else []
    _no_repeats(_ids(variants), ("variants",), "variant id", ck)
    for index, variant in enumerate(variants):
        if isinstance(variant, dict):
            _check_variant(variant, ("variants", index), set(sources), ck)

    for index, edge in enumerate(data.get("derived_from") or []):
        if isinstance(edge, dict) and edge.get("model") == model_id:
            ck.report(("derived_from", index, "model"), "a model cannot be derived from itself")

    variant_ids = {v.get("id"): v for v in variants if isinstance(v, dict)}
    for index, correction in enumerate(data.get("seed_corrections") or []):
        target = correction.get("field") if isinstance(correction, dict) else None
        if isinstance(target, str) and not _field_exists(target, data, variant_ids):
            ck.report(("seed_corrections", index, "field"),
                      f"{target!r} names nothing in this file: use a top-level key, variants.<id> or "
                      "variants.<id>.<number>")


def _no_repeats(ids, path, what, ck) -> None:
    seen = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            ck.report(path + (index, "id"), f"{what} {item_id!r} is used twice")
        seen.add(item_id)


def _field_exists(target: str, data: dict, variant_ids: dict) -> bool:
    parts = target.split(".")
    if parts[0] != "variants":
        return len(parts) == 1 and parts[0] in schema.MODEL.fields
    if len(parts) == 2:
        return parts[1] in variant_ids
    return len(parts) == 3 and parts[1] in variant_ids and parts[2] in schema.HYPERPARAMETERS


def _check_variant(variant: dict, path: tuple, sources: set, ck: schema.Checker) -> None:
    if isinstance(variant.get("source"), str) and variant["source"] not in sources:
        ck.report(path + ("source",), f"no source with id {variant['source']!r} in this file's sources")
    for name in schema.HYPERPARAMETERS:
        number = variant.get(name)
        if isinstance(number, dict) and isinstance(number.get("source"), str) and number["source"] not in sources:
            ck.report(path + (name, "source"), f"no source with id {number['source']!r} in this file's sources")

    v = {name: _value(variant.get(name)) for name in schema.HYPERPARAMETERS}

    def rule(ok: bool, name: str, message: str) -> None:
        if not ok:
            ck.report(path + (name,), message)

    if v["active_params"] and v["params"]:
        rule(v["active_params"] <= v["params"], "active_params",
             f"{v['active_params']} active parameters exceed the {v['params']} total")
    if v["experts_per_token"] and v["experts"]:
        rule(v["experts_per_token"] <= v["experts"], "experts_per_token",
             f"{v['experts_per_token']} experts per token exceed the {v['experts']} experts")
    if v["kv_heads"] and v["heads"]:
        rule(v["kv_heads"] <= v["heads"] and v["heads"] % v["kv_heads"] == 0, "kv_heads",
             f"{v['kv_heads']} key/value heads must be at most {v['heads']} heads and divide them")
    if v["d_model"] and v["heads"] and v["d_head"] and v["d_model"] != v["heads"] * v["d_head"]:
        explained = any(isinstance(variant.get(name), dict) and variant[name].get("note")
                        for name in ("d_model", "d_head"))
        rule(explained, "d_model",
             f"{v['d_model']} is not heads x d_head = {v['heads']} x {v['d_head']} = {v['heads'] * v['d_head']};"
             " if the source prints it so, use the long form with a note on d_model or d_head")


def _check_unique_across(docs: dict, checkers) -> None:
    """Names, aliases and arXiv ids must each point at one entry, or search and links become ambiguous."""
    names: dict[str, tuple] = {}
    for model_id, ck in docs["model"].items():
        data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
        labels = [(("name",), data.get("name"))]
        labels += [(("aliases", i), alias) for i, alias in enumerate(data.get("aliases") or [])]
        for path, label in labels:
            if not isinstance(label, str):
                continue
            key = label.casefold()
            if key in names and names[key][0] != model_id:
                ck.report(path, f"{label!r} already names model {names[key][0]!r}")
            elif key not in names:
                names[key] = (model_id, path)
        for i, alias in enumerate(data.get("aliases") or []):
            if isinstance(alias, str) and alias in docs["model"] and alias != model_id:
                ck.report(("aliases", i), f"{alias!r} is the id of another model")
    arxiv: dict[str, str] = {}
    for paper_id, ck in docs["paper"].items():
        number = ck.doc.data.get("arxiv") if isinstance(ck.doc.data, dict) else None
        if isinstance(number, str):
            if number in arxiv:
                ck.report(("arxiv",), f"arXiv {number} is already the paper {arxiv[number]!r}")
            else:
                arxiv[number] = paper_id


def _number(raw, default_source: dict | None, sources: dict) -> Number | None:
    if raw is None:
        return None
    if raw == "unknown":
        return Number(None, default_source)
    if isinstance(raw, dict):
        return Number(raw["value"], sources.get(raw.get("source")) or default_source,
                      bool(raw.get("estimated")), raw.get("note"))
    return Number(raw, default_source)


def with_defaults(spec, value):
    """Fill every optional key the schema defines (None, [] or {}), so renderers never meet a missing key."""
    if isinstance(spec, schema.Record) and isinstance(value, dict):
        out = {}
        for key, f in spec.fields.items():
            if key in value:
                out[key] = with_defaults(f.spec, value[key])
            elif isinstance(f.spec, schema.ListOf):
                out[key] = []
            elif isinstance(f.spec, schema.Record):
                out[key] = {}
            else:
                out[key] = None
        return out
    if isinstance(spec, schema.ListOf) and isinstance(value, list):
        return [with_defaults(spec.item, item) for item in value]
    return value


def _build(organizations: dict, docs: dict) -> Catalog:
    folders = {kind: folder for folder, kind in DATA_DIRS.items()}

    def entries(kind):
        return {entry_id: {"id": entry_id, "file": f"data/{folders[kind]}/{entry_id}.yaml",
                           **with_defaults(schema.KINDS[kind], ck.doc.data)}
                for entry_id, ck in docs[kind].items()}

    families = dict(sorted(entries("family").items(), key=lambda kv: (kv[1]["order"], kv[1]["name"])))
    papers = dict(sorted(entries("paper").items(), key=lambda kv: (kv[1]["date"], kv[1]["title"].casefold())))
    models = entries("model")
    for model in models.values():
        sources = {s["id"]: s for s in model["sources"]}
        for variant in model["variants"]:
            default = sources[variant["source"]]
            variant["numbers"] = {name: _number(variant.get(name), default, sources)
                                  for name in schema.HYPERPARAMETERS}
    models = dict(sorted(models.items(), key=lambda kv: (kv[1]["date"], kv[1]["name"].casefold())))
    return Catalog(organizations, families, models, papers)


_CACHE: dict = {}


def cached_catalog(root: Path) -> tuple[Catalog | None, list[Problem]]:
    """load_catalog, reused until a data file changes (mkdocs serve rebuilds often; hooks stay imported)."""
    root = Path(root).resolve()
    key = (str(root), fingerprint(root), dt.date.today())
    if _CACHE.get("key") != key:
        _CACHE["key"] = key
        _CACHE["value"] = load_catalog(root)
    return _CACHE["value"]


def project_root() -> Path:
    """The repository root: the parent of this package, unless ATLAS_ROOT says otherwise (tests, benchmarks)."""
    return Path(os.environ.get("ATLAS_ROOT") or Path(__file__).resolve().parent.parent)
