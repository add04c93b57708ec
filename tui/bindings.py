"""Key bindings whose descriptions follow the worker's language.

Textual reads a Binding's description as plain text when it draws the Footer, the help
screen and the command palette, and bindings are merged once per class. We write the
description (and tooltip) as a catalogue key, and give every node a translated copy of
its class's bindings when it is created and again whenever the language changes.

Textual has no public way to give one node its own bindings, to add a key to one node,
or to list a node's own keys: this module is the one place that reaches into
`DOMNode._bindings` for them, and pyproject.toml pins Textual's major version for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from .i18n import catalogue, current_language, t


def _translated(text: str) -> str:
    return t(text) if text and text in catalogue(current_language()) else text


def translate_bindings(node: DOMNode) -> None:
    """Replace `node`'s bindings with copies described in the current language."""
    merged: BindingsMap | None = type(node)._merged_bindings
    if merged is None:
        return
    keys: dict[str, list[Binding]] = {
        key: [
            replace(b, description=_translated(b.description), tooltip=_translated(b.tooltip))
            for b in bindings
        ]
        for key, bindings in merged.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def bind(node: DOMNode, key: str, action: str, description: str) -> None:
    """Give `node` (only) one more key, e.g. a key per questionnaire defined as data."""
    node._bindings.bind(key, action, description)


def own_bindings(node: DOMNode) -> Iterator[tuple[str, Binding]]:
    """(key, binding) for each of `node`'s own bindings, in their order."""
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            yield key, binding


def binding_description(binding: Binding) -> str:
    return _translated(binding.description)
