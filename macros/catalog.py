"""Load every file of data/, check it, and index it: the one entry point the renderers and the site use.

`load_catalog(root)` returns the catalog and the list of problems. When there is any problem the catalog is None:
the site is never built from part of the data, so no entry can go missing without an error saying why.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import safetext, schema, yamlsource
from .yamlsource import Problem

DATA_DIRS = {"families": "family", "models": "model", "papers": "paper", "concepts": "concept",
             "resources": "resource", "benchmarks": "benchmark"}
ENTRY_KINDS = tuple(DATA_DIRS.values())
PAGE_KINDS = ("family", "model", "paper", "concept")  # the kinds with a page of their own, hence a URL to keep
ORGANIZATIONS_FILE = "organizations.yaml"
EXCLUSIONS_FILE = "excluded-papers.yaml"  # seed titles deliberately left out, each with its reason


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
    concepts: dict = field(default_factory=dict)  # id -> entry, by category then name
    resources: dict = field(default_factory=dict)  # id -> entry, by kind then title
    benchmarks: dict = field(default_factory=dict)  # id -> entry, by title
    exclusions: list = field(default_factory=list)  # excluded seed titles, by seed then title

    def models_of_family(self, family_id: str) -> list:
        return [m for m in self.models.values() if family_id in m["families"]]

    def models_of_paper(self, paper_id: str) -> list:
        """The models that name this paper first: the ones it introduces."""
        return [m for m in self.models.values() if m.get("papers") and m["papers"][0] == paper_id]

    def models_citing_paper(self, paper_id: str) -> list:
        return [m for m in self.models.values() if paper_id in m.get("papers", [])]

    def models_using_concept(self, concept_id: str) -> list:
        return [m for m in self.models.values() if concept_id in m["concepts"]]

    def concepts_citing_paper(self, paper_id: str) -> list:
        return [c for c in self.concepts.values() if paper_id in c["papers"]]

    def resources_about(self, kind: str, entry_id: str) -> list:
        """Resources that explain a concept or a model (kind is "concepts" or "models")."""
        return [r for r in self.resources.values() if entry_id in r[kind]]

    def benchmarks_of_paper(self, paper_id: str) -> list:
        return [b for b in self.benchmarks.values() if b["paper"] == paper_id]

    def benchmark_rows_of_model(self, model_id: str) -> list:
        """(table, row) for every benchmark row about this model, in table order."""
        return [(b, row) for b in self.benchmarks.values() for row in b["rows"] if row["model"] == model_id]

    def papers_with_topic(self, topic: str) -> list:
        return [p for p in self.papers.values() if topic in p["topics"]]

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


def data_paths(root: Path) -> list[tuple[Path, os.stat_result]]:
    """Every path under data/ except folders, with its lstat: symlinks are listed, never followed, so a link to a
    file outside the repository (or to a folder, or a broken one) is seen and refused rather than read or skipped."""
    out = []
    pending = [Path(root) / "data"]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(Path(entry.path))
                else:
                    out.append((Path(entry.path), info))
    return sorted(out)


def data_files(root: Path) -> list[Path]:
    """The regular files under data/."""
    return [path for path, info in data_paths(root) if stat.S_ISREG(info.st_mode)]


def fingerprint(root: Path) -> tuple:
    """Changes whenever a data file is added, removed or edited: the cache key for `mkdocs serve`."""
    return tuple((str(p), info.st_mode, info.st_mtime_ns, info.st_size) for p, info in data_paths(root))


def reserved_ids(root: Path) -> dict[str, dict[str, str]]:
    """folder -> {id: hand-written page}: the addresses under /models/, /papers/, … that docs/ already uses.

    An entry with such an id would silently replace the hand-written page (data/models/index.yaml would become
    /models/), so the ids are refused.
    """
    out: dict[str, dict[str, str]] = {}
    for folder in DATA_DIRS:
        docs = Path(root) / "docs" / folder
        names = {"index": f"docs/{folder}/index.md"}  # every folder's own page, whether written yet or not
        if docs.is_dir():
            for path in docs.iterdir():
                page_id = path.stem if path.suffix == ".md" else path.name
                names[page_id] = path.relative_to(root).as_posix()
        out[folder] = names
    return out


def load_catalog(root: Path, today: dt.date | None = None) -> tuple[Catalog | None, list[Problem]]:
    root = Path(root)
    today = today or dt.date.today()
    problems: list[Problem] = []
    docs: dict[str, dict] = {kind: {} for kind in ENTRY_KINDS}
    checkers = []

    reserved = reserved_ids(root)
    for path, info in data_paths(root):
        rel = path.relative_to(root / "data")
        shown = path.relative_to(root).as_posix()
        parts = rel.parts
        if not stat.S_ISREG(info.st_mode):
            what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
            problems.append(Problem(shown, 1, "(file)", f"is {what}: data/ holds plain files only, so nothing"
                                    " outside the repository can be read or published", "F101"))
            continue
        if parts == (ORGANIZATIONS_FILE,):
            kind = "organizations"
        elif parts == (EXCLUSIONS_FILE,):
            kind = "exclusions"
        elif len(parts) == 2 and parts[0] in DATA_DIRS and path.suffix == ".yaml":
            kind = DATA_DIRS[parts[0]]
        elif parts[0] == "schema" and path.suffix == ".json":
            continue  # generated JSON Schemas for editors, checked by the tests
        elif path.name.startswith(".") or path.name == "README.md":
            continue
        else:
            problems.append(Problem(shown, 1, "(file)", "not a data file the Atlas reads: entries go in "
                                    f"{_folder_list()} as <id>.yaml", "F102"))
            continue
        doc = yamlsource.load(path, root)
        ck = schema.Checker(doc, today)
        checkers.append((kind, ck))
        if kind in ENTRY_KINDS:
            if not schema.SLUG.fullmatch(path.stem):
                doc.problems.append(Problem(shown, 1, "id", f"file name {path.stem!r} is not a valid id: use "
                                            "lowercase letters, digits and hyphens, starting with a letter or digit"))
            elif path.stem in reserved[parts[0]]:
                doc.problems.append(Problem(shown, 1, "id", f"{path.stem!r} is the address of the hand-written page"
                                            f" {reserved[parts[0]][path.stem]}: choose another id", "S305"))
            docs[kind][path.stem] = ck
        if doc.data is not None:
            schema.KINDS[kind].check(doc.data, (), ck)

    org_ck = next((ck for kind, ck in checkers if kind == "organizations"), None)
    if org_ck is None:
        problems.append(Problem(f"data/{ORGANIZATIONS_FILE}", 1, "(file)", "is missing", "F105"))
    organizations = _organizations(org_ck)
    known = {"organization": set(organizations), **{k: set(v) for k, v in docs.items()}}

    for kind, ck in checkers:
        for ref_kind, ref_id, path in ck.refs:
            if ref_id not in known[ref_kind]:
                ck.report(path, f"no {ref_kind} with id {ref_id!r}" + _where(ref_kind), "R501")
    for model_id, ck in docs["model"].items():
        if isinstance(ck.doc.data, dict):
            _check_model(model_id, ck)
    for ck in docs["benchmark"].values():
        if isinstance(ck.doc.data, dict):
            _check_benchmark(ck, docs["model"])
    for concept_id, ck in docs["concept"].items():
        if isinstance(ck.doc.data, dict) and concept_id in (ck.doc.data.get("related") or []):
            index = ck.doc.data["related"].index(concept_id)
            ck.report(("related", index), "a concept cannot be related to itself", "R503")
    for kind in PAGE_KINDS:
        for ck in docs[kind].values():
            _check_entry_dates(ck)
    _check_lineage(docs["model"])
    for kind, folder in zip(DATA_DIRS.values(), DATA_DIRS):
        if kind in PAGE_KINDS:
            _check_reserved_aliases(docs[kind], reserved[folder])
    _check_papers_are_used(docs)
    _check_unique_across(docs, checkers)
    exclusions_ck = next((ck for kind, ck in checkers if kind == "exclusions"), None)
    if exclusions_ck is not None:
        _check_exclusions(exclusions_ck, docs["paper"])

    for _, ck in checkers:
        problems.extend(ck.doc.problems)
    problems.sort(key=lambda p: (p.file, p.line, p.field))
    if problems:
        return None, problems
    return _build(organizations, docs, exclusions_ck.doc.data if exclusions_ck else []), []


def problems_heading(problems: list) -> str:
    """The line above a problem listing, the same in `make check` and in the build."""
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in data/: nothing was built"


def _folder_list() -> str:
    folders = [f"data/{folder}/" for folder in DATA_DIRS]
    return ", ".join(folders[:-1]) + " or " + folders[-1]


def _where(kind: str) -> str:
    if kind == "organization":
        return f" in data/{ORGANIZATIONS_FILE}"
    return " in data/" + next(folder for folder, k in DATA_DIRS.items() if k == kind) + "/"


def _organizations(ck) -> dict:
    if ck is None or not isinstance(ck.doc.data, list):
        return {}
    out = {}
    for index, entry in enumerate(ck.doc.data):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            if entry["id"] in out:
                ck.report((index, "id"), f"organization {entry['id']!r} is defined twice", "R502")
            out[entry["id"]] = entry
    return out


def _ids(items) -> list:
    """The string ids of a list of mappings (an id of the wrong type is reported by the schema, not here)."""
    if not isinstance(items, list):
        return []
    return [item.get("id") for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _value(number):
    """The integer of a hyperparameter in any of its forms, or None."""
    if isinstance(number, dict):
        number = number.get("value")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _check_model(model_id: str, ck: schema.Checker) -> None:
    data = ck.doc.data
    if data.get("architecture") == "other" and not data.get("architecture_note"):
        ck.report(("architecture_note",), "is required when architecture is 'other'", "V403")
    if data.get("architecture") not in (None, "other") and "architecture_note" in data:
        ck.report(("architecture_note",), "is only used when architecture is 'other'", "R503")

    sources = _ids(data.get("sources"))
    _no_repeats(sources, ("sources",), "source id", ck)
    for index, source in enumerate(data.get("sources") or []):
        if isinstance(source, dict) and ("paper" in source) == ("url" in source):
            ck.report(("sources", index), "give exactly one of paper or url", "R503")
        if isinstance(source, dict) and "kind" in source and "url" not in source:
            ck.report(("sources", index, "kind"), "only applies to a url source", "R503")

    variants = data.get("variants") if isinstance(data.get("variants"), list) else []
    _no_repeats(_ids(variants), ("variants",), "variant id", ck)
    for index, variant in enumerate(variants):
        if isinstance(variant, dict):
            _check_variant(variant, ("variants", index), set(sources), ck)
    for index, variant in enumerate(variants):
        if not isinstance(variant, dict):
            continue
        anchors = [(("variants", index, "id"), variant.get("id"))]
        anchors += [(("variants", index, "aliases", i), alias) for i, alias in enumerate(_list(variant.get("aliases")))]
        for path, anchor in anchors:
            if isinstance(anchor, str) and (anchor in schema.MODEL_PAGE_ANCHORS
                                            or anchor.startswith(schema.MODEL_PAGE_ANCHOR_PREFIXES)):
                ck.report(path, f"{anchor!r} is the anchor of a section of the model page (#{anchor}): choose"
                                " another id", "S305")

    for index, edge in enumerate(data.get("derived_from") or []):
        if isinstance(edge, dict) and edge.get("model") == model_id:
            ck.report(("derived_from", index, "model"), "a model cannot be derived from itself", "R504")

    variant_ids = {v["id"]: v for v in variants if isinstance(v, dict) and isinstance(v.get("id"), str)}
    for index, correction in enumerate(data.get("seed_corrections") or []):
        target = correction.get("field") if isinstance(correction, dict) else None
        if isinstance(target, str) and not _field_exists(target, data, variant_ids):
            ck.report(("seed_corrections", index, "field"),
                      f"{target!r} names nothing in this file: use a top-level key, variants.<id> or "
                      "variants.<id>.<number>", "R501")


def _no_repeats(ids, path, what, ck) -> None:
    seen = set()
    for index, item_id in enumerate(ids):
        if not isinstance(item_id, str):  # reported by the schema as a wrong type
            continue
        if item_id in seen:
            ck.report(path + (index, "id"), f"{what} {item_id!r} is used twice", "R502")
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
        ck.report(path + ("source",), f"no source with id {variant['source']!r} in this file's sources", "R501")
    for name in schema.HYPERPARAMETERS:
        number = variant.get(name)
        if isinstance(number, dict) and isinstance(number.get("source"), str) and number["source"] not in sources:
            ck.report(path + (name, "source"), f"no source with id {number['source']!r} in this file's sources",
                      "R501")

    v = {name: _value(variant.get(name)) for name in schema.HYPERPARAMETERS}

    def rule(ok: bool, name: str, message: str) -> None:
        if not ok:
            ck.report(path + (name,), message, "R503")

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


def _check_benchmark(ck: schema.Checker, models: dict) -> None:
    data = ck.doc.data
    if ("paper" in data) == ("url" in data):
        ck.report(("paper",), "give exactly one of paper (with locator) or url", "R503")
    if "locator" in data and "paper" not in data:
        ck.report(("locator",), "only applies to a paper source", "R503")
    metrics = data.get("metrics") if isinstance(data.get("metrics"), list) else []
    metric_ids = _ids(metrics)
    _no_repeats(metric_ids, ("metrics",), "metric id", ck)
    for index, row in enumerate(data.get("rows") or []):
        if not isinstance(row, dict):
            continue
        for key in (row.get("scores") if isinstance(row.get("scores"), dict) else {}):
            if key not in metric_ids and isinstance(key, str) and schema.SLUG.fullmatch(key):  # else reported already
                ck.report(("rows", index, "scores", key), f"{key!r} is not one of this table's metric ids: "
                                                          + ", ".join(str(m) for m in metric_ids), "R501")
        variant = row.get("variant")
        if variant is None:
            continue
        model_ck = models.get(row.get("model")) if isinstance(row.get("model"), str) else None
        if "model" not in row:
            ck.report(("rows", index, "variant"), "needs model: a variant belongs to a model", "V403")
        elif model_ck is not None and isinstance(model_ck.doc.data, dict):
            if variant not in _ids(model_ck.doc.data.get("variants")):
                ck.report(("rows", index, "variant"), f"model {row['model']!r} has no variant {variant!r}", "R501")


def _check_entry_dates(ck: schema.Checker) -> None:
    data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
    added, updated = data.get("date_added"), data.get("date_updated")
    if isinstance(added, str) and isinstance(updated, str) and updated < added:
        ck.report(("date_updated",), f"{updated!r} is before date_added {added!r}", "R503")


def _check_papers_are_used(docs: dict) -> None:
    """A paper of kind `model` must introduce one: some model names it first in its `papers`.

    Skipped while any model file has a problem of its own: a model that failed to load would make its paper look
    unused, and that second message would only distract from the first.
    """
    if any(ck.doc.problems or not isinstance(ck.doc.data, dict) for ck in docs["model"].values()):
        return
    introduced = {data["papers"][0] for data in (ck.doc.data for ck in docs["model"].values())
                  if isinstance(data, dict) and isinstance(data.get("papers"), list) and data["papers"]
                  and isinstance(data["papers"][0], str)}
    for paper_id, ck in docs["paper"].items():
        if isinstance(ck.doc.data, dict) and ck.doc.data.get("kind") == "model" and paper_id not in introduced:
            ck.report(("kind",), "is model, but no model in data/models/ names this paper first in its papers;"
                                 " use method or survey for a paper that introduces no model of the Atlas", "R503")


def _check_exclusions(ck: schema.Checker, papers: dict) -> None:
    """An excluded title must not also be in the Atlas, or the two lists contradict each other."""
    titles = {ck_paper.doc.data.get("title", "").casefold(): paper_id for paper_id, ck_paper in papers.items()
              if isinstance(ck_paper.doc.data, dict) and isinstance(ck_paper.doc.data.get("title"), str)}
    seen = set()
    for index, entry in enumerate(ck.doc.data if isinstance(ck.doc.data, list) else []):
        title = entry.get("title") if isinstance(entry, dict) else None
        if not isinstance(title, str):
            continue
        if title.casefold() in titles:
            ck.report((index, "title"), f"is excluded here but is the paper {titles[title.casefold()]!r}", "R503")
        if title.casefold() in seen:
            ck.report((index, "title"), "is listed twice", "R502")
        seen.add(title.casefold())


def _check_unique_across(docs: dict, checkers) -> None:
    """Names, other names and arXiv ids must each point at one entry, or search and links become ambiguous."""
    for kind, title_key in (("model", "name"), ("family", "name"), ("concept", "name"), ("paper", "title")):
        _check_names(docs[kind], kind, title_key)
    for kind in PAGE_KINDS:
        _check_aliases(docs[kind], kind)
    _unique_values(docs["resource"], "url", "resource")
    arxiv: dict[str, str] = {}
    for paper_id, ck in docs["paper"].items():
        number = ck.doc.data.get("arxiv") if isinstance(ck.doc.data, dict) else None
        if isinstance(number, str):
            if number in arxiv:
                ck.report(("arxiv",), f"arXiv {number} is already the paper {arxiv[number]!r}", "R502")
            else:
                arxiv[number] = paper_id


def _check_aliases(docs: dict, kind: str) -> None:
    """Each former id redirects to exactly one entry, and never hides a page that exists under that id."""
    owner: dict[str, str] = {}
    for entry_id, ck in docs.items():
        data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
        for index, alias in enumerate(_list(data.get("aliases"))):
            if not isinstance(alias, str):
                continue
            if alias == entry_id:
                ck.report(("aliases", index), f"{alias!r} is this {kind}'s own id", "R502")
            elif alias in docs:
                ck.report(("aliases", index), f"{alias!r} is the id of another {kind}: a redirect there would"
                                              " hide its page", "R502")
            elif alias in owner:
                ck.report(("aliases", index), f"{alias!r} is already a former id of {kind} {owner[alias]!r}", "R502")
            else:
                owner[alias] = entry_id
    if kind == "model":
        for ck in docs.values():
            variants = ck.doc.data.get("variants") if isinstance(ck.doc.data, dict) else None
            anchors = set(_ids(variants))
            for v_index, variant in enumerate(_list(variants)):
                for index, alias in enumerate(_list(variant.get("aliases") if isinstance(variant, dict) else None)):
                    if alias in anchors:
                        ck.report(("variants", v_index, "aliases", index),
                                  f"{alias!r} is already a variant id or former id in this file", "R502")
                    anchors.add(alias)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _check_names(docs: dict, kind: str, title_key: str) -> None:
    """Each name (and other name) points at one entry, compared as a reader sees them: 'BΕRT' with a Greek
    Epsilon, 'ＢＥＲＴ' in full-width letters and 'bert' are all the name 'BERT'. A word mixing Latin letters with
    Greek or Cyrillic look-alikes is refused even when no other entry has the name: it can only be meant to
    deceive."""
    names: dict[str, str] = {}
    for entry_id, ck in docs.items():
        data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
        labels = [((title_key,), data.get(title_key))]
        labels += [(("other_names", i), name) for i, name in enumerate(_list(data.get("other_names")))]
        for path, label in labels:
            if not isinstance(label, str):
                continue
            word = safetext.mixed_script_word(label)
            if word:
                ck.report(path, f"the word {word!r} mixes Latin letters with Greek or Cyrillic letters that look"
                                " like Latin ones: write it in one script", "S304")
            key = safetext.fold_name(label)
            owner = names.get(key)
            if owner is not None and owner != entry_id:
                same = key == label.casefold()
                ck.report(path, f"{label!r} already names {kind} {owner!r}" + (
                    "" if same else " (compared after Unicode normalisation and folding look-alike letters)"),
                    "R502" if same else "S303")
            elif owner is None:
                names[key] = entry_id


def _check_lineage(models: dict) -> None:
    """derived_from must run forward in time and never loop, whatever the loop's length. A parent dated after its
    child needs a note on the edge that says why (a month-precision date may equal the child's)."""
    parents: dict[str, list] = {}
    for model_id, ck in models.items():
        data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
        for index, edge in enumerate(_list(data.get("derived_from"))):
            parent = edge.get("model") if isinstance(edge, dict) else None
            if not isinstance(parent, str) or parent not in models or parent == model_id:
                continue
            parents.setdefault(model_id, []).append(parent)
            parent_data = models[parent].doc.data if isinstance(models[parent].doc.data, dict) else {}
            child_date, parent_date = data.get("date"), parent_data.get("date")
            explained = bool(edge.get("note"))  # e.g. FLAN tuned LaMDA's base model months before LaMDA's paper
            if isinstance(child_date, str) and isinstance(parent_date, str) and not explained:
                shared = min(len(child_date), len(parent_date))
                if parent_date[:shared] > child_date[:shared]:
                    ck.report(("derived_from", index, "model"), f"{parent!r} is dated {parent_date}, after this"
                                                                f" model ({child_date}): a model cannot derive"
                                                                " from a later one (if the parent existed before"
                                                                " its release, say so in this edge's note)", "R504")
    done: set = set()  # models whose ancestry has been fully walked
    for start in sorted(parents):
        if start in done:
            continue
        path, on_path, stack = [start], {start}, [iter(parents.get(start, []))]
        while stack:  # depth-first and iterative, so a long chain cannot exhaust Python's recursion limit
            parent = next(stack[-1], None)
            if parent is None:
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
            elif parent in on_path:
                loop = path[path.index(parent):] + [parent]
                ck = models[loop[0]]
                index = next(i for i, edge in enumerate(ck.doc.data["derived_from"])
                             if isinstance(edge, dict) and edge.get("model") == loop[1])
                ck.report(("derived_from", index, "model"), "lineage loops back to this model: "
                                                            + " → ".join(loop), "R504")
            elif parent not in done:
                path.append(parent)
                on_path.add(parent)
                stack.append(iter(parents.get(parent, [])))


def _check_reserved_aliases(docs: dict, reserved: dict) -> None:
    for ck in docs.values():
        data = ck.doc.data if isinstance(ck.doc.data, dict) else {}
        for index, alias in enumerate(_list(data.get("aliases"))):
            if isinstance(alias, str) and alias in reserved:
                ck.report(("aliases", index), f"{alias!r} is the address of the hand-written page {reserved[alias]}",
                          "S305")


def _unique_values(docs: dict, key: str, kind: str) -> None:
    owner: dict[str, str] = {}
    for entry_id, ck in docs.items():
        value = ck.doc.data.get(key) if isinstance(ck.doc.data, dict) else None
        if not isinstance(value, str):
            continue
        folded = value.casefold().rstrip("/")
        if folded in owner:
            ck.report((key,), f"{value!r} is already the {key} of {kind} {owner[folded]!r}", "R502")
        else:
            owner[folded] = entry_id


def _number(raw, default_source: dict | None, sources: dict) -> Number | None:
    if raw is None:
        return None
    if raw == "unknown":
        return Number(None, default_source)
    if isinstance(raw, dict):
        return Number(raw["value"], sources.get(raw.get("source")) or default_source,
                      bool(raw.get("estimated")), raw.get("note"))
    return Number(raw, default_source)


def known_value(number: Number | None) -> int | None:
    """The integer of a validated hyperparameter, or None when it is unrecorded or undisclosed."""
    return number.value if number is not None and number.known else None


def derived_figures(numbers: dict) -> dict:
    """Figures the Atlas computes, never states: tokens per parameter and the 6·N·D training-compute estimate.

    Mixture-of-experts models spend compute on their active parameters only, so those are used when known.
    """
    params, tokens = known_value(numbers.get("params")), known_value(numbers.get("training_tokens"))
    if params is None or tokens is None:
        return {"tokens_per_param": None, "train_flops": None}
    active = known_value(numbers.get("active_params"))
    return {"tokens_per_param": tokens / params, "train_flops": 6 * (active or params) * tokens}


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


def _build(organizations: dict, docs: dict, exclusions: list) -> Catalog:
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
            variant["derived"] = derived_figures(variant["numbers"])
    models = dict(sorted(models.items(), key=lambda kv: (kv[1]["date"], kv[1]["name"].casefold())))
    categories = list(schema.CONCEPT_CATEGORIES)
    concepts = dict(sorted(entries("concept").items(),
                           key=lambda kv: (categories.index(kv[1]["category"]), kv[1]["name"].casefold())))
    kinds = list(schema.RESOURCE_KINDS)
    resources = dict(sorted(entries("resource").items(),
                            key=lambda kv: (kinds.index(kv[1]["kind"]), kv[1]["title"].casefold())))
    benchmarks = dict(sorted(entries("benchmark").items(), key=lambda kv: kv[1]["title"].casefold()))
    for table in benchmarks.values():
        table["best"] = {}
        for metric in table["metrics"]:
            metric["higher_is_better"] = metric["higher_is_better"] is not False
            scores = [row["scores"][metric["id"]] for row in table["rows"] if metric["id"] in row["scores"]]
            pick = max if metric["higher_is_better"] else min
            table["best"][metric["id"]] = pick(scores) if scores else None
    exclusions = sorted((with_defaults(schema.EXCLUSION, e) for e in exclusions),
                        key=lambda e: (e["seed"], e["title"].casefold()))
    return Catalog(organizations, families, models, papers, concepts, resources, benchmarks, exclusions)


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
