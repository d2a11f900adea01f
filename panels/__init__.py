"""View3D > Sidebar > PoseGPT: worker status, prompt, pictures, describe, files, conversation."""
from __future__ import annotations

import bpy

from .. import status
from ..rig import find_rig
from . import workflows
from .sidebar import SidebarPanel, SubPanel, draw_lines

_STATE_ICONS = {"stopped": "RADIOBUT_OFF", "starting": "SORTTIME", "ready": "CHECKMARK",
                "failed": "ERROR"}


class POSEGPT_UL_turns(bpy.types.UIList):
    def draw_item(self, context, layout, data, item, icon, active_data, active_propname,
                  index=0, flt_flag=0):
        layout.label(text=item.prompt, icon="USER")


class POSEGPT_PT_main(SidebarPanel, bpy.types.Panel):
    bl_idname = "POSEGPT_PT_main"
    bl_label = "PoseGPT"

    def draw(self, context: bpy.types.Context) -> None:
        layout = self.layout
        settings = context.scene.posegpt
        self._draw_worker(layout)

        box = layout.box()
        box.prop(settings, "prompt", text="")
        box.prop(settings, "edit_current")
        row = box.row(align=True)
        row.prop(settings, "count")
        row.prop(context.scene.posegpt_workflow, "variations", text="")
        row = box.row(align=True)
        row.operator("posegpt.pose_from_text", text="Pose", icon="ARMATURE_DATA")
        row.operator("posegpt.pose_from_image", text="From Image...", icon="IMAGE_DATA")
        row.operator("posegpt.pose_from_view", text="From View", icon="CAMERA_DATA")
        box.operator("posegpt.pose_from_video", text="From Video...", icon="FILE_MOVIE")
        if settings.people:  # the last picture showed several people
            box.label(text=settings.people, icon="COMMUNITY")
            box.prop(settings, "person", text="Person (-1: largest)")
        if status.request() is not None:
            label, elapsed = status.request()
            box.progress(factor=(elapsed % 3.0) / 3.0, type="BAR",
                         text=f"{label} ({elapsed:.0f} s, Esc cancels)")
        row = box.row(align=True)
        row.prop(settings, "insert_keyframe")
        row.prop(settings, "ground")

        col = layout.column(align=True)
        col.operator("posegpt.create_rig", icon="OUTLINER_OB_ARMATURE")
        col.operator("posegpt.describe", text="Describe", icon="TEXT")
        row = col.row(align=True)
        row.operator("posegpt.import_smpl", text="Import SMPL", icon="IMPORT")
        row.operator("posegpt.export_smpl", text="Export SMPL", icon="EXPORT")
        col.operator("posegpt.export_rig", text="Export BVH/FBX", icon="EXPORT")

        conv = layout.box()
        header = conv.row()
        header.label(text="Conversation", icon="OUTLINER_DATA_GP_LAYER")
        header.operator("posegpt.clear_conversation", text="", icon="TRASH")
        if settings.turns:
            conv.template_list("POSEGPT_UL_turns", "", settings, "turns", settings,
                               "active_turn", rows=3)
            index = min(settings.active_turn, len(settings.turns) - 1)
            width = max(20, int(context.region.width / 7)) if context.region else 40
            draw_lines(conv, settings.turns[index].answer, width)
        else:
            conv.label(text="Nothing asked yet")

    @staticmethod
    def _draw_worker(layout: bpy.types.UILayout) -> None:
        box = layout.box()
        if not bpy.app.online_access:
            box.label(text="Online access is off", icon="ERROR")
            box.label(text="Preferences > System > Network > Allow Online Access")
            return
        state, detail = status.worker_line()
        row = box.row()
        row.label(text=f"Worker: {state}", icon=_STATE_ICONS[state])
        if state in ("starting", "ready"):
            row.operator("posegpt.worker_stop", text="Stop", icon="PAUSE")
        else:
            row.operator("posegpt.worker_start", text="Start", icon="PLAY")
        if state == "failed":
            col = draw_lines(box, detail, 40)
            col.label(text="Check Preferences > Add-ons > PoseGPT, then Start", icon="INFO")
        else:
            box.label(text=detail)


class POSEGPT_PT_character(SubPanel, bpy.types.Panel):
    """Retargeting onto the user's own rig (options in the Adjust Last Operation panel)."""

    bl_idname = "POSEGPT_PT_character"
    bl_label = "Your Character"

    def draw(self, context: bpy.types.Context) -> None:
        col = self.layout.column(align=True)
        col.operator("posegpt.retarget_apply", icon="ARMATURE_DATA")
        rig = find_rig(context)
        if rig is not None and rig.animation_data and rig.animation_data.action:
            clip = col.operator("posegpt.retarget_apply", text="Apply Keyed Clip to Character",
                                icon="ACTION")
            clip.source, clip.source_armature, clip.every_keyed_frame = "ARMATURE", rig.name, True
        row = col.row(align=True)
        row.operator("posegpt.bone_map_save", icon="FILE_TICK")
        row.operator("posegpt.bone_map_load", icon="FILEBROWSER")


classes = (POSEGPT_UL_turns, POSEGPT_PT_main, POSEGPT_PT_character) + workflows.classes
