"""Option values from a closed set, with a did-you-mean when one is mistyped.

click's own :class:`click.Choice` lists the valid values but does not say which one was meant;
:class:`Choice` adds the nearest, by the rule every reader of geograph uses
(:func:`graph.rules.did_you_mean`): ``--sort betweeness`` … ``did you mean 'betweenness'?``.
"""

from __future__ import annotations

from typing import Any

import click

from ..rules import did_you_mean

__all__ = ["Choice"]


class Choice(click.Choice):
    """A :class:`click.Choice` whose error for an unknown value ends with the value meant.

    Examples
    --------
    >>> @click.command()
    ... @click.option("--sort", type=Choice(["betweenness", "closeness"]))
    ... def show(sort):
    ...     pass
    >>> from click.testing import CliRunner
    >>> print(CliRunner().invoke(show, ["--sort", "betweeness"]).output.splitlines()[-1])
    Error: Invalid value for '--sort': 'betweeness' is not one of 'betweenness', 'closeness'; did you mean 'betweenness'?
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            guess = did_you_mean(str(value), [str(c) for c in self.choices])
            if not guess:
                raise
            self.fail(f"{exc.message.rstrip('.')}; {guess}", param, ctx)
