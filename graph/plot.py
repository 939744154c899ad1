"""Timeline charts as PNG files (matplotlib, an optional dependency: ``pip install geograph[plot]``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .files import atomic_write
from .errors import OptionError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["plot_timeline"]


def plot_timeline(rows: "pd.DataFrame", path: str | Path, *, title: str = "geograph timeline",
                  metrics: list[str] | None = None) -> Path:
    """Draw timeline rows (:func:`graph.analysis.temporal.timeline`) as one panel per metric.

    Actor metrics get one line per actor, graph-level metrics one line; the x axis is the snapshot
    date. The PNG is written atomically and carries no timestamp, so the same rows give the same
    file.

    Parameters
    ----------
    rows : pandas.DataFrame
        Long rows with ``period``, ``actor``, ``metric``, ``value``.
    path : str or Path
        The ``.png`` to write.
    title : str
        The figure's title.
    metrics : list of str, optional
        The panels, in order (default: the actor metrics present, then ``frustration_index``).

    Raises
    ------
    OptionError
        When matplotlib is not installed.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise OptionError("a timeline chart needs matplotlib. Hint: pip install 'geograph[plot]'.") from None
    import pandas as pd

    if metrics is None:
        actor_metrics = sorted(rows.loc[rows.actor.notna(), "metric"].unique())
        metrics = actor_metrics + ["frustration_index"]
    data = rows.assign(day=pd.to_datetime(rows.period))
    fig, axes = plt.subplots(len(metrics), 1, figsize=(9, 2.6 * len(metrics) + 0.6), sharex=True, squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics):
        part = data[data.metric == metric]
        if part.actor.notna().any():
            for actor, line in part.groupby("actor", sort=True):
                ax.plot(line.day, line.value.astype(float), marker="o", markersize=3, label=actor)
            ax.legend(fontsize=8, ncol=4, loc="best")
        else:
            ax.plot(part.day, part.value.astype(float), marker="o", markersize=3, color="#c62828")
        ax.set_ylabel(metric.replace("_", " "))
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel("snapshot date")
    fig.suptitle(title)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return atomic_write(path, buffer.getvalue())
