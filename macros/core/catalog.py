"""Load every file of data/, check it, and index it: the one entry point the renderers and the site use.

`load_catalog(root)` returns the catalog and the list of problems. When there is any problem the catalog is None:
the site is never built from part of the data, so no entry can go missing without an error saying why.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import architecture, rules, schema, yamlsource
from .files import data_paths, fingerprint, folder_list, reserved_description, reserved_ids
from .kinds import DATA_DIRS, ENTRY_KINDS, EXCLUSIONS_FILE, ORGANIZATIONS_FILE, PAGE_KINDS
from .numbers import derived_figures, known_value, number
from .problems import Problem


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

    # Every "which entries point at this one" question is answered from one index, made the first time one is asked,
    # so a page costs the same however many entries the catalog holds (a scan per question grew as entries squared).
    @functools.cached_property
    def _backlinks(self) -> dict:
        index: dict = {name: collections.defaultdict(list) for name in (
            "family", "introduces", "cites", "concept", "paper_concepts", "topic", "children", "benchmarks",
            "benchmark_rows", "resources:models", "resources:concepts")}
        for model in self.models.values():
            for family_id in model["families"]:
                index["family"][family_id].append(model)
            if model.get("papers"):
                index["introduces"][model["papers"][0]].append(model)
            for paper_id in dict.fromkeys(model.get("papers", [])):
                index["cites"][paper_id].append(model)
            for concept_id in model["concepts"]:
                index["concept"][concept_id].append(model)
            for edge in model.get("derived_from", []):
                index["children"][edge["model"]].append((model, edge))
        for concept in self.concepts.values():
            for paper_id in dict.fromkeys(concept["papers"]):
                index["paper_concepts"][paper_id].append(concept)
        for resource in self.resources.values():
            for kind in ("models", "concepts"):
                for entry_id in dict.fromkeys(resource[kind]):
                    index[f"resources:{kind}"][entry_id].append(resource)
        for table in self.benchmarks.values():
            index["benchmarks"][table["paper"]].append(table)
            for row in table["rows"]:
                index["benchmark_rows"][row["model"]].append((table, row))
        for paper in self.papers.values():
            for topic in dict.fromkeys(paper["topics"]):
                index["topic"][topic].append(paper)
        return index

    @functools.cached_property
    def sizes_newest_first(self) -> list:
        """(model, variant) for every variant: newest first (a size's own date), then by model name and file order."""
        by_name = sorted(self.models.values(), key=lambda m: m["name"].casefold())
        rows = [(model, variant) for model in by_name for variant in model["variants"]]
        return sorted(rows, key=lambda row: row[1]["date"], reverse=True)  # stable: equal dates stay by name

    def changes_newest_first(self) -> list[tuple[str, dict]]:
        """(kind, entry) for every entry with a page, the latest added or corrected first (ties by kind, then id)."""
        kinds = list(PAGE_KINDS)
        items = [(kind, entry) for kind, page_kind in PAGE_KINDS.items()
                 for entry in getattr(self, page_kind.folder).values()]
        items.sort(key=lambda item: (kinds.index(item[0]), item[1]["id"]))
        items.sort(key=lambda item: item[1]["date_updated"] or item[1]["date_added"], reverse=True)
        return items

    @functools.cached_property
    def coverage(self) -> dict:
        """What the Atlas covers, for the home page, /about/ and the API: counts, and the span of model dates."""
        models = list(self.models.values())
        newest = max(models, key=lambda m: m["date"]) if models else None
        oldest = min(models, key=lambda m: m["date"]) if models else None
        changed = max((e["date_updated"] or e["date_added"] for _, e in self.changes_newest_first()[:1]),
                      default=None)
        return {"models": len(models), "sizes": sum(len(m["variants"]) for m in models), "papers": len(self.papers),
                "concepts": len(self.concepts), "families": len(self.families),
                "first_model_date": oldest["date"] if oldest else None,
                "newest_model_date": newest["date"] if newest else None,
                "newest_model": newest["id"] if newest else None, "last_changed": changed}

    @functools.cached_property
    def _model_rank(self) -> dict:
        return {model_id: rank for rank, model_id in enumerate(self.models)}

    def models_in_order(self, model_ids) -> list:
        """The models with these ids, in catalog order (by date, then name), without scanning the catalog."""
        return [self.models[i] for i in sorted(model_ids, key=self._model_rank.__getitem__)]

    def _linked(self, index: str, entry_id) -> list:
        return list(self._backlinks[index].get(entry_id, ()))

    def models_of_family(self, family_id: str) -> list:
        return self._linked("family", family_id)

    def models_of_paper(self, paper_id: str) -> list:
        """The models that name this paper first: the ones it introduces."""
        return self._linked("introduces", paper_id)

    def models_citing_paper(self, paper_id: str) -> list:
        return self._linked("cites", paper_id)

    def models_using_concept(self, concept_id: str) -> list:
        return self._linked("concept", concept_id)

    def concepts_citing_paper(self, paper_id: str) -> list:
        return self._linked("paper_concepts", paper_id)

    def resources_about(self, kind: str, entry_id: str) -> list:
        """Resources that explain a concept or a model (kind is "concepts" or "models")."""
        return self._linked(f"resources:{kind}", entry_id)

    def benchmarks_of_paper(self, paper_id: str) -> list:
        return self._linked("benchmarks", paper_id)

    def benchmark_rows_of_model(self, model_id: str) -> list:
        """(table, row) for every benchmark row about this model, in table order."""
        return self._linked("benchmark_rows", model_id)

    def papers_with_topic(self, topic: str) -> list:
        return self._linked("topic", topic)

    def children(self, model_id: str) -> list:
        """(child model, relation entry) for every model derived from this one."""
        return self._linked("children", model_id)

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
                                    f"{folder_list()} as <id>.yaml", "F102"))
            continue
        doc = yamlsource.load(path, root)
        ck = schema.Checker(doc, today)
        checkers.append((kind, ck))
        if kind in ENTRY_KINDS:
            if not schema.SLUG.fullmatch(path.stem):
                doc.problems.append(Problem(shown, 1, "id", f"file name {path.stem!r} is not a valid id: use "
                                            "lowercase letters, digits and hyphens, starting with a letter or digit"))
            elif path.stem in reserved[parts[0]]:
                doc.problems.append(Problem(shown, 1, "id", f"{path.stem!r} is the address of"
                                            f" {reserved_description(reserved[parts[0]][path.stem])}: choose another id",
                                            "S305"))
            docs[kind][path.stem] = ck
        if doc.data is not None:
            schema.KINDS[kind].check(doc.data, (), ck)

    organizations, exclusions_ck = rules.check_across(docs, checkers, reserved, problems)

    for _, ck in checkers:
        problems.extend(ck.doc.problems)
    problems.sort(key=lambda p: (p.file, p.line, p.field))
    if problems:
        return None, problems
    return _build(organizations, docs, exclusions_ck.doc.data if exclusions_ck else []), []


def problems_heading(problems: list) -> str:
    """The line above a problem listing, the same in `make check` and in the build."""
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in data/: nothing was built"


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
            # A size released on another day, or never released, says so; otherwise it shares the model's.
            variant["date"] = variant["date"] or model["date"]
            variant["open_weights"] = model["open_weights"] if variant["open_weights"] is None \
                else variant["open_weights"]
            default = sources[variant["source"]]
            variant["numbers"] = {name: number(variant.get(name), default, sources)
                                  for name in schema.HYPERPARAMETERS}
            shape = architecture.shape_of(model, variant, {k: known_value(v) for k, v in variant["numbers"].items()})
            variant["shape"] = shape
            variant["derived"] = {**derived_figures(variant["numbers"]), **architecture.shape_figures(shape)}
    models = dict(sorted(models.items(), key=lambda kv: (kv[1]["date"], kv[1]["name"].casefold())))
    categories = list(schema.CONCEPT_CATEGORIES)
    concepts = dict(sorted(entries("concept").items(),
                           key=lambda kv: (categories.index(kv[1]["category"]), kv[1]["name"].casefold())))
    for model in models.values():  # the concepts the structured architecture implies join the hand-written ones
        implied = [c for v in model["variants"] for c in architecture.implied_concepts(v["shape"], v["numbers"])]
        model["concepts"] = list(dict.fromkeys([*model["concepts"], *(c for c in implied if c in concepts)]))
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
    """The repository root: the parent of the macros package, unless ATLAS_ROOT says otherwise (tests, benchmarks)."""
    return Path(os.environ.get("ATLAS_ROOT") or Path(__file__).resolve().parents[2])
