"""The core: read, validate and index data/. No Jinja, no MkDocs, nothing of the Atlas above it.

problems (codes and printing) ← safetext (allowed characters, names, addresses) ← yamlsource (strict, bounded YAML)
← kinds (entry kinds, folders, addresses) and schema (the data model) ← files (finding data files), numbers
(hyperparameter values), rules (rules across fields and files) ← catalog (load, check, index).
"""
