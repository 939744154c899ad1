"""The old name of :mod:`graph.files`, kept so that earlier imports of ``graph._io`` still work."""

from .files import atomic_write

__all__ = ["atomic_write"]
