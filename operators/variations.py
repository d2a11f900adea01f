"""Variations: Count > 1 answers shown side by side as ghost rigs to pick from, or saved as
pose assets (keying them on consecutive frames stays in pose_ops.apply_poses).

A ghost is a copy of the rig (and of its body) beside it, holding one answer: it carries no
rig tag, so requests never pose it, and it is removed when one is picked or all are discarded.
Picking applies the ghost's pose to the rig it was made from, in one undo step; in the UI the
Choose Variation operator picks the ghost under a click, and Esc discards them all.
"""
from __future__ import annotations

import json

import bpy
from bpy_extras import view3d_utils
from mathutils import Vector

from ..core.pose import SmplPose
from ..retarget.source import store_last_pose
from ..rig import RIG_TAG, apply_pose, find_rig
from . import props
from .pose_asset import save_as_pose_asset
from ..operator_base import PoseGPTOperator, UserError
from ..status import GHOST_PROP, ghosts

POSE_PROP = "posegpt_variation_pose"   # its pose, JSON in the pose schema
OF_PROP = "posegpt_variation_of"       # the name of the rig it would pose
OWN_MESH_PROP = "posegpt_variation_mesh"  # a ghost body with its own mesh (shape keys)
GHOST_SPACING = 1.1                    # metres between neighbours, side by side
PICK_MARGIN_PX = 24


def _copy_rig(context: bpy.types.Context, rig: bpy.types.Object, name: str
              ) -> bpy.types.Object:
    """rig and its body as new objects (sharing their armature and mesh data), unanimated and
    not tagged as a rig."""
    copy = rig.copy()
    copy.name = name
    copy.animation_data_clear()
    if RIG_TAG in copy:
        del copy[RIG_TAG]
    context.scene.collection.objects.link(copy)
    for child in rig.children:
        body = child.copy()
        body.name = f"{name} body"
        body.animation_data_clear()
        if body.type == "MESH" and body.data.shape_keys is not None:
            body.data = body.data.copy()  # its betas are the ghost's own, not the rig's
            body[OWN_MESH_PROP] = 1
        body.parent = copy
        for modifier in body.modifiers:
            if modifier.type == "ARMATURE" and modifier.object == rig:
                modifier.object = copy
        context.scene.collection.objects.link(body)
    return copy


def _remove(obj: bpy.types.Object) -> None:
    for child in list(obj.children):
        mesh = child.data if child.get(OWN_MESH_PROP) else None
        bpy.data.objects.remove(child)
        if mesh is not None:
            bpy.data.meshes.remove(mesh)
    bpy.data.objects.remove(obj)


def discard(scene: bpy.types.Scene) -> int:
    """Remove every ghost and its body; how many ghosts there were."""
    found = ghosts(scene)
    for ghost in found:
        _remove(ghost)
    return len(found)


def show_ghosts(context: bpy.types.Context, rig: bpy.types.Object, poses: list[SmplPose],
                ground: bool) -> list[bpy.types.Object]:
    """One ghost per pose in a row to the right of rig (earlier ghosts are removed first);
    the active object and the selection stay as they were."""
    discard(context.scene)
    made = []
    for i, pose in enumerate(poses):
        ghost = _copy_rig(context, rig, f"Variation {i + 1}")
        ghost[GHOST_PROP] = i
        ghost[POSE_PROP] = json.dumps(pose.to_dict())
        ghost[OF_PROP] = rig.name
        ghost.location = rig.location + Vector((GHOST_SPACING * (i + 1), 0.0, 0.0))
        ghost.show_name = True
        ghost.select_set(False)
        apply_pose(ghost, pose, ground=ground)
        made.append(ghost)
    return made


def save_assets(context: bpy.types.Context, rig: bpy.types.Object, poses: list[SmplPose],
                name: str, description: str, ground: bool) -> list[bpy.types.Action]:
    """Each pose as a pose asset 'name 1', 'name 2'...; rig itself is not changed (each pose
    is saved from a temporary copy of it)."""
    actions = []
    for i, pose in enumerate(poses):
        temp = _copy_rig(context, rig, f"{rig.name} variation")
        try:
            apply_pose(temp, pose, ground=ground)
            action = save_as_pose_asset(temp, f"{name} {i + 1}", description)
            if hasattr(action, "slots"):  # 4.4+: the slot named for the rig, not the copy
                action.slots[0].name_display = rig.name
            actions.append(action)
        finally:
            _remove(temp)
    return actions


def present(context: bpy.types.Context, mode: str, rig: bpy.types.Object,
            poses: list[SmplPose], answer: str, request: str) -> str:
    """Several answers as ghosts beside rig (mode GHOSTS) or as pose assets named after the
    request (ASSETS); what was done, in words."""
    ground = props.settings(context).ground
    if mode == "GHOSTS":
        show_ghosts(context, rig, poses, ground)
        return f"{len(poses)} variations beside '{rig.name}': pick one (click it, or Use in the " \
               "Variations panel); Esc or Discard removes them"
    if mode == "ASSETS":
        actions = save_assets(context, rig, poses, request, answer, ground)
        return f"Saved {len(actions)} pose assets: {', '.join(a.name for a in actions)}"
    raise ValueError(f"unknown variations mode {mode!r}")


def pick(context: bpy.types.Context, index: int) -> bpy.types.Object:
    """Pose the rig the ghosts were made from like ghost index, then remove every ghost;
    the posed rig. UserError (nothing changed) when there is no such ghost or rig."""
    found = ghosts(context.scene)
    if not found:
        raise UserError("There are no variations to pick from: ask with Count > 1 and "
                        "Variations set to Pick.")
    if not 0 <= index < len(found):
        raise UserError(f"There are {len(found)} variations: pick 1 to {len(found)}.")
    ghost = found[index]
    rig = bpy.data.objects.get(ghost.get(OF_PROP, "")) or find_rig(context)
    if rig is None or rig.get(GHOST_PROP) is not None:
        raise UserError("The rig these variations were made for is gone: create a rig first.")
    pose = SmplPose.from_dict(json.loads(ghost[POSE_PROP]))
    settings = props.settings(context)
    apply_pose(rig, pose, ground=settings.ground, keyframe=settings.insert_keyframe)
    turns = settings.turns
    store_last_pose(context.scene, pose, turns[-1].answer if len(turns) else "")
    discard(context.scene)
    return rig


class POSEGPT_OT_pick_variation(PoseGPTOperator, bpy.types.Operator):
    """Pose the rig like this variation and remove the others"""

    bl_idname = "posegpt.pick_variation"
    bl_label = "Use Variation"
    bl_options = {"REGISTER", "UNDO"}

    index: bpy.props.IntProperty(name="Variation", min=0, description="0 is the first")

    expected = (UserError, ValueError)

    def run(self, context: bpy.types.Context) -> set[str]:
        rig = pick(context, self.index)
        self.report({"INFO"}, f"Posed '{rig.name}' like variation {self.index + 1}")
        return {"FINISHED"}


class POSEGPT_OT_discard_variations(PoseGPTOperator, bpy.types.Operator):
    """Remove every variation's ghost rig (the rig keeps its pose)"""

    bl_idname = "posegpt.discard_variations"
    bl_label = "Discard Variations"
    bl_options = {"REGISTER", "UNDO"}

    def run(self, context: bpy.types.Context) -> set[str]:
        self.report({"INFO"}, f"Removed {discard(context.scene)} variations")
        return {"FINISHED"}


def ghost_under(context: bpy.types.Context, mouse_x: int, mouse_y: int) -> int | None:
    """The index of the ghost whose bones' screen rectangle holds the window point (mouse_x,
    mouse_y) in a 3D View, or None."""
    for area in context.screen.areas if context.screen else ():
        region = next((r for r in area.regions if r.type == "WINDOW"), None)
        if area.type != "VIEW_3D" or region is None:
            continue
        x, y = mouse_x - region.x, mouse_y - region.y
        if not (0 <= x < region.width and 0 <= y < region.height):
            continue
        view = area.spaces.active.region_3d
        for i, ghost in enumerate(ghosts(context.scene)):
            points = [view3d_utils.location_3d_to_region_2d(region, view,
                                                            ghost.matrix_world @ p)
                      for pb in ghost.pose.bones for p in (pb.head, pb.tail)]
            points = [p for p in points if p is not None]
            if points and (min(p.x for p in points) - PICK_MARGIN_PX <= x
                           <= max(p.x for p in points) + PICK_MARGIN_PX) and \
                    (min(p.y for p in points) - PICK_MARGIN_PX <= y
                     <= max(p.y for p in points) + PICK_MARGIN_PX):
                return i
    return None


class POSEGPT_OT_choose_variation(PoseGPTOperator, bpy.types.Operator):
    """Click a variation in the 3D View to use it; Esc discards them all"""

    bl_idname = "posegpt.choose_variation"
    bl_label = "Choose Variation"
    bl_options = {"REGISTER", "UNDO"}

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if not ghosts(context.scene) or context.window is None:
            return {"CANCELLED"}
        context.window_manager.modal_handler_add(self)
        context.workspace.status_text_set("PoseGPT: click a variation to use it, Esc discards "
                                          "them all")
        return {"RUNNING_MODAL"}

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if not ghosts(context.scene):  # picked or discarded from the panel meanwhile
            return self._end(context, {"CANCELLED"})
        if event.type == "ESC" and event.value == "PRESS":
            discard(context.scene)
            self.report({"INFO"}, "Variations discarded")
            return self._end(context, {"FINISHED"})
        if event.type == "LEFTMOUSE" and event.value == "PRESS":
            index = ghost_under(context, event.mouse_x, event.mouse_y)
            if index is not None:
                return self._end(context, self.guard(self._pick, context, index))
        return {"PASS_THROUGH"}  # navigate the view meanwhile

    def _pick(self, context: bpy.types.Context, index: int) -> set[str]:
        rig = pick(context, index)
        self.report({"INFO"}, f"Posed '{rig.name}' like variation {index + 1}")
        return {"FINISHED"}

    @staticmethod
    def _end(context: bpy.types.Context, result: set[str]) -> set[str]:
        context.workspace.status_text_set(None)
        return result


classes = (POSEGPT_OT_pick_variation, POSEGPT_OT_discard_variations,
           POSEGPT_OT_choose_variation)
