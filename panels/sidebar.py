"""What every PoseGPT panel in the 3D View's sidebar shares: where it stands, and wrapped text."""
from __future__ import annotations

import bpy

from ..core.wrap import wrap_words


class SidebarPanel:
    """Mixin for bpy.types.Panel classes: the View3D > Sidebar > PoseGPT tab."""

    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "PoseGPT"


class SubPanel(SidebarPanel):
    """A section under the main PoseGPT panel, closed until opened."""

    bl_parent_id = "POSEGPT_PT_main"
    bl_options = {"DEFAULT_CLOSED"}


def draw_lines(layout: bpy.types.UILayout, text: str, width: int) -> bpy.types.UILayout:
    """text wrapped to width characters, a label a line, in a tight column (returned, for more)."""
    col = layout.column(align=True)
    for line in wrap_words(text, width):
        col.label(text=line)
    return col
