"""Import and export SMPL poses (.npz with SMPL / SMPL-X / AMASS keys, .json in the schema),
and export a rig through Blender's own BVH and FBX exporters."""

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import bpy
from bpy_extras.io_utils import ExportHelper, ImportHelper

from ..core.pose import PoseFormatError, load_pose_file, save_pose_file
from ..operator_base import PoseGPTOperator, UserError
from ..rig import find_rig, read_pose
from .pose_ops import apply_poses, check_target

_FILTER = "*.npz;*.json"


class POSEGPT_OT_import_smpl(PoseGPTOperator, bpy.types.Operator, ImportHelper):
    """Pose the SMPL rig from a .npz or .json pose file (a sequence is keyed frame by frame)"""

    bl_idname = "posegpt.import_smpl"
    bl_label = "Import SMPL Pose"
    bl_options = {"REGISTER", "UNDO"}

    filename_ext = ".npz"
    filter_glob: bpy.props.StringProperty(default=_FILTER, options={"HIDDEN"})
    expected = (PoseFormatError, OSError, UserError)
    failure_prefix = "Cannot import: "

    def run(self, context: bpy.types.Context) -> set[str]:
        check_target(context)
        poses = load_pose_file(bpy.path.abspath(self.filepath))
        rig = apply_poses(context, poses)
        self.report({"INFO"}, f"Posed '{rig.name}' from {len(poses)} pose(s)")
        return {"FINISHED"}


class POSEGPT_OT_export_smpl(PoseGPTOperator, bpy.types.Operator, ExportHelper):
    """Save the SMPL rig's current pose as .npz (SMPL keys) or .json (the pose schema)"""

    bl_idname = "posegpt.export_smpl"
    bl_label = "Export SMPL Pose"

    filename_ext = ".npz"
    filter_glob: bpy.props.StringProperty(default=_FILTER, options={"HIDDEN"})
    check_extension = None  # keep .json when the user types it

    def run(self, context: bpy.types.Context) -> set[str]:
        rig = find_rig(context)
        if rig is None:
            raise UserError("No PoseGPT rig to export: create one with Create SMPL Rig.")
        try:
            save_pose_file(bpy.path.abspath(self.filepath), [read_pose(rig)])
        except (PoseFormatError, OSError) as exc:
            raise UserError(f"Cannot export: {exc}") from exc
        self.report({"INFO"}, f"Saved the pose of '{rig.name}' to {self.filepath}")
        return {"FINISHED"}


def export_target(context: bpy.types.Context) -> bpy.types.Object | None:
    """The active armature (the user's own character too), else the PoseGPT rig."""
    active = context.view_layer.objects.active
    return active if active is not None and active.type == "ARMATURE" else find_rig(context)


@contextmanager
def selected_only(context: bpy.types.Context, objects: list[bpy.types.Object]) -> Iterator[None]:
    """objects selected (the first active) while exporting; the user's selection comes back."""
    layer = context.view_layer
    before, active = [o for o in layer.objects if o.select_get()], layer.objects.active
    try:
        for obj in before:
            obj.select_set(False)
        for obj in objects:
            obj.select_set(True)
        layer.objects.active = objects[0]
        yield
    finally:
        for obj in layer.objects:
            obj.select_set(obj in before)
        layer.objects.active = active


class POSEGPT_OT_export_rig(PoseGPTOperator, bpy.types.Operator, ExportHelper):
    """Export the active armature (else the PoseGPT rig) as .bvh (animation) or .fbx (rig, its
    meshes and animation) with Blender's own exporters"""

    bl_idname = "posegpt.export_rig"
    bl_label = "Export Rig (BVH/FBX)"

    filename_ext = ".fbx"
    filter_glob: bpy.props.StringProperty(default="*.bvh;*.fbx", options={"HIDDEN"})
    check_extension = None  # keep .bvh when the user types it

    def run(self, context: bpy.types.Context) -> set[str]:
        rig = export_target(context)
        path = Path(bpy.path.abspath(self.filepath))
        if rig is None:
            raise UserError("No armature to export: select your character's armature or "
                            "create a rig with Create SMPL Rig.")
        if path.suffix.lower() not in (".bvh", ".fbx"):
            raise UserError(f"Cannot export to '{path.name}': use a .bvh or .fbx name.")
        scene = context.scene
        meshes = [c for c in rig.children_recursive if c.type == "MESH"]
        try:
            with selected_only(context, [rig] + meshes):
                if path.suffix.lower() == ".bvh":
                    bpy.ops.export_anim.bvh(filepath=str(path), frame_start=scene.frame_start,
                                            frame_end=scene.frame_end)
                else:
                    bpy.ops.export_scene.fbx(filepath=str(path), use_selection=True,
                                             object_types={"ARMATURE", "MESH"},
                                             add_leaf_bones=False, bake_anim=True)
        except (RuntimeError, OSError) as exc:
            raise UserError(f"Cannot export '{rig.name}': {exc}") from exc
        self.report({"INFO"}, f"Exported '{rig.name}' to {path}")
        return {"FINISHED"}


classes = (POSEGPT_OT_import_smpl, POSEGPT_OT_export_smpl, POSEGPT_OT_export_rig)
