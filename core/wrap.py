"""Word wrapping for Blender's labels, which never wrap by themselves."""
from __future__ import annotations


def wrap_words(text: str, width: int) -> list[str]:
    """text's words in lines of at most width characters (a longer word gets a line of its own)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines
