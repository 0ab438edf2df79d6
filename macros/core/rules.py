"""The rules that span fields or files: references, uniqueness, names, lineage, reserved ids.

Each rule reads the documents as loaded (values may still be of the wrong type, which the schema reports) and adds
coded problems to the file they concern. `check_across` runs them all, in an order that keeps messages stable.
"""

from __future__ import annotations

from . import architecture as arch
from . import safetext, schema
from .files import reserved_description
from .kinds import DATA_DIRS, ORGANIZATIONS_FILE, PAGE_KINDS
from .problems import Problem
from .registry import NUMBER_FIELDS, UNDISCLOSED


def check_across(docs: dict, checkers: list, reserved: dict, problems: list):
    """Every rule that spans fields or files. Returns the organizations by id and the exclusions' checker;
    a problem that belongs to no file's checker (a missing file) is appended to `problems`."""
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
            _check_moved_variants(ck, docs["model"])
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
    return organizations, exclusions_ck


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
            _check_architecture(data, variant, ("variants", index), set(sources), ck)
    _check_component_sources(data.get("components"), ("components",), set(sources), ck)
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
    return len(parts) == 3 and parts[1] in variant_ids and (parts[2] in schema.HYPERPARAMETERS
                                                            or parts[2] in ("date", "open_weights"))


def _check_variant(variant: dict, path: tuple, sources: set, ck: schema.Checker) -> None:
    if isinstance(variant.get("source"), str) and variant["source"] not in sources:
        ck.report(path + ("source",), f"no source with id {variant['source']!r} in this file's sources", "R501")
    for name in schema.HYPERPARAMETERS:
        number = variant.get(name)
        if isinstance(number, dict) and isinstance(number.get("source"), str) and number["source"] not in sources:
            ck.report(path + (name, "source"), f"no source with id {number['source']!r} in this file's sources",
                      "R501")

    v = arch.variant_numbers(variant, schema.HYPERPARAMETERS)

    def rule(ok: bool, name: str, message: str) -> None:
        if not ok:
            ck.report(path + (name,), message, "R503")

    if v["active_params"] and v["params"]:
        rule(v["active_params"] <= v["params"], "active_params",
             f"{v['active_params']} active parameters exceed the {v['params']} total")
    if v["experts_per_token"] and v["experts"]:
        rule(v["experts_per_token"] <= v["experts"], "experts_per_token",
             f"{v['experts_per_token']} experts per token exceed the {v['experts']} experts")
    if v["kv_heads"] and v["heads"] and not (v["kv_heads"] <= v["heads"] and v["heads"] % v["kv_heads"] == 0):
        ck.report(path + ("kv_heads",), f"{v['kv_heads']} key/value heads must be at most {v['heads']} heads and"
                                        " divide them", "A601")
    if v["d_model"] and v["heads"] and v["d_head"] and v["d_model"] != v["heads"] * v["d_head"]:
        explained = any(isinstance(variant.get(name), dict) and variant[name].get("note")
                        for name in ("d_model", "d_head"))
        rule(explained, "d_model",
             f"{v['d_model']} is not heads x d_head = {v['heads']} x {v['d_head']} = {v['heads'] * v['d_head']};"
             " if the source prints it so, use the long form with a note on d_model or d_head")


def _check_moved_variants(ck: schema.Checker, models: dict) -> None:
    """A moved variant's anchor is free on this page, and the model it names holds a variant of that id."""
    data = ck.doc.data
    own = set(_ids(data.get("variants")))
    for index, moved in enumerate(data.get("moved_variants") or []):
        if not isinstance(moved, dict) or not isinstance(moved.get("id"), str):
            continue
        if moved["id"] in own:
            ck.report(("moved_variants", index, "id"), f"{moved['id']!r} is still a variant of this model", "R502")
        if moved["id"] in schema.MODEL_PAGE_ANCHORS or moved["id"].startswith(schema.MODEL_PAGE_ANCHOR_PREFIXES):
            ck.report(("moved_variants", index, "id"), f"{moved['id']!r} is the anchor of a section of the model"
                                                       " page: it cannot have been a variant's", "S305")
        target = models.get(moved.get("model")) if isinstance(moved.get("model"), str) else None
        if target is not None and isinstance(target.doc.data, dict) and \
                moved["id"] not in _ids(target.doc.data.get("variants")):
            ck.report(("moved_variants", index, "id"), f"model {moved['model']!r} has no variant {moved['id']!r}",
                      "R501")


def _check_component_sources(components, path: tuple, sources: set, ck: schema.Checker) -> None:
    """Every source a components block cites (its own, a long-form value's, a layer-mix group's) exists."""
    if not isinstance(components, dict):
        return
    cited = [((("source",), components.get("source")))]
    cited += [((name, "source"), value.get("source")) for name, value in components.items()
              if isinstance(value, dict)]
    cited += [(("layer_mix", i, "source"), group.get("source"))
              for i, group in enumerate(components.get("layer_mix") or []) if isinstance(group, dict)]
    for where, source in cited:
        if isinstance(source, str) and source not in sources:
            ck.report(path + where, f"no source with id {source!r} in this file's sources", "R501")


SET_BY_WEIGHTS = tuple(field.name for field in NUMBER_FIELDS if field.set_by_weights)
MLA_NUMBERS = ("kv_lora_rank", "q_lora_rank", "rope_head_dim")
ROPE_NUMBERS = ("rope_theta", "rotary_dim")
MOE_NUMBERS = ("shared_experts", "expert_d_ff")
WINDOWED = tuple(name for name, mixer in arch.LAYER_MIXERS.items() if mixer.cache == "window")


def _check_architecture(model: dict, variant: dict, path: tuple, sources: set, ck: schema.Checker) -> None:
    """The rules between architecture fields (codes A601-A605), for one variant with the model's components."""
    _check_component_sources(variant.get("components"), path + ("components",), sources, ck)
    if isinstance(variant.get("date"), str) and isinstance(model.get("date"), str) \
            and variant["date"] < model["date"][:len(variant["date"])]:
        ck.report(path + ("date",), f"{variant['date']} is before the model's date {model['date']}: the model's"
                                    " date is its first release", "R503")
    raw = arch.merged_components(model.get("components"), variant.get("components"))
    c = arch.component_values(raw)
    n = arch.variant_numbers(variant, schema.HYPERPARAMETERS)
    moe = arch.has_experts(variant)
    # Report at the variant's own override when it has one, else at the model's components block.
    own = variant.get("components") if isinstance(variant.get("components"), dict) else {}

    def where(name: str) -> tuple:
        return path + ("components", name) if name in own else ("components", name)

    def a(code: str, at: tuple, message: str) -> None:
        ck.report(at, message, code)

    # `unknown` says the makers do not disclose it; released weights always do, through their config and code.
    if variant.get("open_weights", model.get("open_weights")) is True:
        for name in SET_BY_WEIGHTS:
            if variant.get(name) == UNDISCLOSED:
                a("A605", path + (name,), "this size's weights are released, so its config gives this number:"
                                          " read it there, or leave the field out (not recorded)")
        for name in arch.undisclosed_components(raw):
            a("A605", where(name), "a size with released weights shows this in its config and code: read it"
                                   " there, or leave the field out (not recorded)")

    attention, heads, kv = c["attention"], n["heads"], n["kv_heads"]
    if attention == "mqa" and kv is not None and kv != 1:
        a("A601", path + ("kv_heads",), f"multi-query attention has one key/value head, not {kv}")
    if attention == "mha" and kv is not None and heads is not None and kv != heads:
        a("A601", path + ("kv_heads",), f"multi-head attention has as many key/value heads as heads ({heads}),"
                                        f" not {kv}: is it gqa?")
    if attention == "gqa" and kv is not None and heads is not None and not 1 < kv < heads:
        a("A601", path + ("kv_heads",), f"grouped-query attention needs between 2 and {heads - 1} key/value heads,"
                                        f" not {kv}" + (": is it mqa?" if kv == 1 else ": is it mha?"))
    if attention == "none" and heads is not None:
        a("A602", path + ("heads",), "a model without attention has no attention heads")
    for name in MLA_NUMBERS:
        if n[name] is not None and attention != "mla":
            a("A602", path + (name,), "only applies to multi-head latent attention: set components.attention to"
                                      " mla, or remove it")
    for name in ROPE_NUMBERS:
        if n[name] is not None and c["positions"] != "rope":
            a("A602", path + (name,), "only applies to rotary positions: set components.positions to rope, or"
                                      " remove it")
    if n["rotary_dim"] and n["d_head"] and n["rotary_dim"] > n["d_head"]:
        a("A602", path + ("rotary_dim",), f"{n['rotary_dim']} rotated dimensions exceed the head size {n['d_head']}")
    if not moe:
        for name in MOE_NUMBERS + ("experts_per_token",):
            if variant.get(name) is not None:
                a("A602", path + (name,), "only applies to a mixture of experts: record `experts`, or remove it")
        if c["router"] is not None:
            a("A602", where("router"), "only applies to a mixture of experts: record `experts`, or remove it")
    modalities = model.get("modalities") if isinstance(model.get("modalities"), dict) else {}
    inputs = modalities.get("input") if isinstance(modalities.get("input"), list) else []
    if n["patch_size"] is not None and not {"image", "video"} & set(inputs):
        a("A602", path + ("patch_size",), "only applies to a model that reads images or video")
    if n["frame_ms"] is not None and "audio" not in inputs:
        a("A602", path + ("frame_ms",), "only applies to a model that reads audio")

    mix = raw.get("layer_mix")
    if mix is None:
        if n["sliding_window"] is not None:
            a("A604", path + ("sliding_window",), "no layer uses a window: give components.layer_mix with its"
                                                  " sliding (or chunked) layers")
        return
    at = where("layer_mix")
    if model.get("architecture") == "encoder-decoder":
        a("A602", at, "a layer mix describes one stack: leave it out for an encoder-decoder model")
        return
    groups = arch.layer_groups(mix, moe)
    if groups is None:  # not well formed: the schema says why
        return
    if n["layers"] is not None and arch.layer_count(groups) != n["layers"]:
        parts = " + ".join(f"{g.repeat} × {len(g.layers)}" for g in groups)
        a("A603", at, f"the groups hold {parts} = {arch.layer_count(groups)} layers, but"
                      f" {variant.get('id', 'the variant')} has {n['layers']}")
    mixers = arch.mixers_in(groups)
    if "moe" in arch.ffns_in(groups) and not moe:
        a("A602", at, "has mixture-of-experts layers, but the variant records no `experts`")
    if attention == "none" and mixers & {m for m, x in arch.LAYER_MIXERS.items() if x.cache in ("full", "window")}:
        a("A602", at, "has attention layers, but components.attention is none")
    windowed = mixers & set(WINDOWED)
    if windowed and "sliding_window" not in variant:
        a("A604", path + ("sliding_window",), f"the layer mix has {', '.join(sorted(windowed))} layers: record"
                                              " their window (or `unknown`)")
    if n["sliding_window"] is not None and not windowed:
        a("A604", path + ("sliding_window",), "no layer of the layer mix uses a window")
    if n["sliding_window"] and n["context_length"] and n["sliding_window"] >= n["context_length"]:
        a("A604", path + ("sliding_window",), f"a window of {n['sliding_window']} is not shorter than the"
                                              f" {n['context_length']}-token context")


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
                ck.report(("aliases", index), f"{alias!r} is the address of {reserved_description(reserved[alias])}",
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
