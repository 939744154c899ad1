"""The readers of every input format, each beside the field rules of :mod:`graph.rules`.

- ``located``, ``plain_yaml``, ``yaml_reader``: YAML into values that know where they were written
  (the fast path for plain block YAML, PyYAML for the rest);
- ``files``: bounded reads of a file's bytes and text;
- ``fields``, ``dataset``: the dataset checker and the loader of YAML datasets;
- ``edgelist``: CSV edge lists;
- ``table``, ``sheet``: spreadsheets (CSV, xlsx) into rows and checked records;
- ``scenario``: scenario overlays, read and checked (applied by :mod:`graph.scenario`).
"""

__all__: list[str] = []
