"""Key bindings whose descriptions follow the worker's language.

Textual reads a Binding's description as plain text when it draws the Footer, the help
screen and the command palette, and bindings are merged once per class. We write the
description (and tooltip) as a catalogue key, and give every node a translated copy of
its class's bindings when it is created and again whenever the language changes.
"""

from __future__ import annotations

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
        key: [replace(b, description=_translated(b.description), tooltip=_translated(b.tooltip))
              for b in bindings]
        for key, bindings in merged.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def binding_description(binding: Binding) -> str:
    return _translated(binding.description)
