"""The animator's workflows under the PoseGPT panel: variations to pick from, the pose
library and the shot list."""
from __future__ import annotations

import bpy

from ..status import ghosts
from .sidebar import SubPanel


class POSEGPT_PT_variations(SubPanel, bpy.types.Panel):
    """The ghost rigs of the last request with Count > 1: use one, or discard them all."""

    bl_idname = "POSEGPT_PT_variations"
    bl_label = "Variations"
    bl_options = set()  # open: it shows only while there are variations to pick

    @classmethod
    def poll(cls, context: bpy.types.Context) -> bool:
        return bool(ghosts(context.scene))

    def draw(self, context: bpy.types.Context) -> None:
        layout = self.layout
        row = layout.row(align=True)
        for i in range(len(ghosts(context.scene))):
            row.operator("posegpt.pick_variation", text=str(i + 1)).index = i
        row = layout.row(align=True)
        row.operator("posegpt.choose_variation", text="Click to Choose",
                     icon="RESTRICT_SELECT_OFF")
        row.operator("posegpt.discard_variations", text="Discard", icon="X")


class POSEGPT_PT_library(SubPanel, bpy.types.Panel):
    """Save poses to Blender's pose library (the Asset Browser's Current File)."""

    bl_idname = "POSEGPT_PT_library"
    bl_label = "Pose Library"

    def draw(self, context: bpy.types.Context) -> None:
        self.layout.operator("posegpt.save_pose_asset", icon="ASSET_MANAGER")


class POSEGPT_UL_shots(bpy.types.UIList):
    def draw_item(self, context, layout, data, item, icon, active_data, active_propname,
                  index=0, flt_flag=0):
        row = layout.row(align=True)
        row.prop(item, "frame", text="", emboss=False)
        row.prop(item, "prompt", text="", emboss=False)


class POSEGPT_PT_shots(SubPanel, bpy.types.Panel):
    """(frame, request) rows asked in one conversation and keyed at their frames."""

    bl_idname = "POSEGPT_PT_shots"
    bl_label = "Shot List"

    def draw(self, context: bpy.types.Context) -> None:
        layout = self.layout
        flow = context.scene.posegpt_workflow
        row = layout.row()
        row.template_list("POSEGPT_UL_shots", "", flow, "shots", flow, "active_shot", rows=4)
        col = row.column(align=True)
        col.operator("posegpt.shot_add", text="", icon="ADD")
        col.operator("posegpt.shot_remove", text="", icon="REMOVE")
        row = layout.row(align=True)
        row.prop(flow, "shot_text", text="")
        row.operator("posegpt.shots_from_text", text="Load", icon="TEXT")
        layout.prop(flow, "character")
        layout.operator("posegpt.key_shot_list", text="Key All", icon="KEYFRAME_HLT")


classes = (POSEGPT_PT_variations, POSEGPT_PT_library, POSEGPT_UL_shots, POSEGPT_PT_shots)
