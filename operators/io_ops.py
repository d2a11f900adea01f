"""Import and export SMPL poses (.npz with SMPL / SMPL-X / AMASS keys, .json in the schema)."""

import bpy
from bpy_extras.io_utils import ExportHelper, ImportHelper

from ..core.pose import PoseFormatError, load_pose_file, save_pose_file
from ..rig import find_rig, read_pose
from .pose_ops import apply_poses, check_target
from .session import UserError

_FILTER = "*.npz;*.json"


class POSEGPT_OT_import_smpl(bpy.types.Operator, ImportHelper):
    """Pose the SMPL rig from a .npz or .json pose file (a sequence is keyed frame by frame)"""

    bl_idname = "posegpt.import_smpl"
    bl_label = "Import SMPL Pose"
    bl_options = {"REGISTER", "UNDO"}

    filename_ext = ".npz"
    filter_glob: bpy.props.StringProperty(default=_FILTER, options={"HIDDEN"})

    def execute(self, context: bpy.types.Context) -> set[str]:
        try:
            check_target(context)
            poses = load_pose_file(bpy.path.abspath(self.filepath))
        except (PoseFormatError, OSError, UserError) as exc:
            self.report({"ERROR"}, f"Cannot import: {exc}")
            return {"CANCELLED"}
        rig = apply_poses(context, poses)
        self.report({"INFO"}, f"Posed '{rig.name}' from {len(poses)} pose(s)")
        return {"FINISHED"}


class POSEGPT_OT_export_smpl(bpy.types.Operator, ExportHelper):
    """Save the SMPL rig's current pose as .npz (SMPL keys) or .json (the pose schema)"""

    bl_idname = "posegpt.export_smpl"
    bl_label = "Export SMPL Pose"

    filename_ext = ".npz"
    filter_glob: bpy.props.StringProperty(default=_FILTER, options={"HIDDEN"})
    check_extension = None  # keep .json when the user types it

    def execute(self, context: bpy.types.Context) -> set[str]:
        rig = find_rig(context)
        if rig is None:
            self.report({"ERROR"}, "No PoseGPT rig to export: create one with Create SMPL Rig.")
            return {"CANCELLED"}
        try:
            save_pose_file(bpy.path.abspath(self.filepath), [read_pose(rig)])
        except (PoseFormatError, OSError) as exc:
            self.report({"ERROR"}, f"Cannot export: {exc}")
            return {"CANCELLED"}
        self.report({"INFO"}, f"Saved the pose of '{rig.name}' to {self.filepath}")
        return {"FINISHED"}


classes = (POSEGPT_OT_import_smpl, POSEGPT_OT_export_smpl)
