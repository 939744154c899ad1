"""The readers of every input format; each applies the field rules of :mod:`graph.rules`.

- ``located``, ``plain_yaml``, ``yaml_reader``: YAML into values that know where they were written
  (the fast path for plain block YAML first, PyYAML for the rest; no module calls back);
- ``files``: bounded reads of a file's bytes and text;
- ``fields``, ``dataset``: the dataset checker and the loader of YAML datasets (``load``,
  ``validate``, ``check``);
- ``edgelist``: CSV edge lists;
- ``table``, ``sheet``: spreadsheets (CSV, xlsx) into rows, and rows into checked records
  (:mod:`graph.importer` writes them as YAML with :mod:`graph.yaml_text`);
- ``scenario``: scenario overlays, read and checked (checked against a dataset and applied by
  :mod:`graph.scenario`).

A new input format is a new module here that reads into a :class:`~graph.model.Dataset` (or the
``Raw`` of :mod:`graph.read.fields`) and reports through :mod:`graph.rules`.
"""

__all__: list[str] = []
