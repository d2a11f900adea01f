"""The animator's workflows under the PoseGPT panel: the pose library."""
from __future__ import annotations

import bpy


class POSEGPT_PT_library(bpy.types.Panel):
    """Save poses to Blender's pose library (the Asset Browser's Current File)."""

    bl_idname = "POSEGPT_PT_library"
    bl_label = "Pose Library"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "PoseGPT"
    bl_parent_id = "POSEGPT_PT_main"
    bl_options = {"DEFAULT_CLOSED"}

    def draw(self, context: bpy.types.Context) -> None:
        self.layout.operator("posegpt.save_pose_asset", icon="ASSET_MANAGER")


classes = (POSEGPT_PT_library,)
