"""Operators: apply the SMPL pose to a character, save and load bone map presets."""
from __future__ import annotations

import json
from pathlib import Path

import bpy

from ..core.bone_maps import BUILTIN_MAPS, BoneMapError, load_preset, save_preset
from ..core.pose import PoseFormatError
from ..operator_base import PoseGPTOperator, UserError
from .apply import MAP_PROP, apply_smpl_to_armature, bone_map_for
from .source import last_pose, pose_from_armature

PARTS = {
    "ALL": None,
    "ARMS": {f"{s}_{j}" for s in ("left", "right")
             for j in ("collar", "shoulder", "elbow", "wrist", "hand")},
    "LEGS": {f"{s}_{j}" for s in ("left", "right") for j in ("hip", "knee", "ankle", "foot")},
    "TORSO": {"pelvis", "spine1", "spine2", "spine3", "neck", "head"},
}
_MAP_ITEMS = [("AUTO", "Auto-detect", "The armature's stored map, or the best built-in map")] + [
    (key.upper(), m.name, f"Built-in map: {m.name}") for key, m in BUILTIN_MAPS.items()]


def _armature(name: str, context: bpy.types.Context) -> bpy.types.Object | None:
    obj = bpy.data.objects.get(name) if name else context.active_object
    return obj if obj is not None and obj.type == "ARMATURE" else None


def preset_dir() -> Path:
    """Per-user folder for bone map presets (never next to the add-on's code)."""
    root_package = __package__.rpartition(".")[0]
    return Path(bpy.utils.extension_path_user(root_package, path="bone_maps", create=True))


class POSEGPT_OT_retarget_apply(PoseGPTOperator, bpy.types.Operator):
    """Pose a character (Rigify, Mixamo, MakeHuman, game rigs) like the SMPL pose"""

    bl_idname = "posegpt.retarget_apply"
    bl_label = "Apply Pose to Character"
    bl_options = {"REGISTER", "UNDO"}

    source: bpy.props.EnumProperty(name="Source", items=[
        ("LAST", "Last PoseGPT pose", "The pose PoseGPT made last"),
        ("ARMATURE", "SMPL armature", "The pose of an SMPL armature")], default="LAST")
    source_armature: bpy.props.StringProperty(name="SMPL Armature")
    target_armature: bpy.props.StringProperty(name="Character", description="Empty: active")
    bone_map: bpy.props.EnumProperty(name="Bone Map", items=_MAP_ITEMS, default="AUTO")
    part: bpy.props.EnumProperty(name="Bones", items=[
        ("ALL", "Whole body", ""), ("ARMS", "Arms", ""), ("LEGS", "Legs", ""),
        ("TORSO", "Torso and head", "")], default="ALL")
    blend: bpy.props.FloatProperty(name="Blend", min=0.0, max=1.0, default=1.0,
                                   subtype="FACTOR")
    mirror: bpy.props.BoolProperty(name="Mirror", default=False)
    keep_feet_planted: bpy.props.BoolProperty(name="Keep Feet Planted", default=False)
    keyframe: bpy.props.BoolProperty(name="Insert Keyframes", default=False)
    every_keyed_frame: bpy.props.BoolProperty(
        name="Every Keyed Frame", default=False,
        description="With an SMPL armature as the source: key the character on each frame the "
                    "armature is keyed on (a clip from Pose from Video)")
    expected = (UserError, ValueError, PoseFormatError, BoneMapError)

    def run(self, context: bpy.types.Context) -> set[str]:
        target = _armature(self.target_armature, context)
        if target is None:
            raise UserError("Select the character's armature (or name it)")
        if self.source == "LAST":
            pose = last_pose(context.scene)
        else:
            source = _armature(self.source_armature, context)
            if source is None or source == target:
                raise ValueError("name an SMPL armature other than the character")
            pose = pose_from_armature(source)
        mapping = None if self.bone_map == "AUTO" else BUILTIN_MAPS[self.bone_map.lower()]
        options = dict(mapping=mapping, joints=PARTS[self.part], blend=self.blend,
                       mirror=self.mirror, keep_feet_planted=self.keep_feet_planted)
        if self.every_keyed_frame:
            if self.source != "ARMATURE":
                raise ValueError("Every Keyed Frame needs an SMPL armature as the source")
            report = _apply_every_keyed_frame(context, source, target, options)
        else:
            report = apply_smpl_to_armature(target, pose, keyframe=self.keyframe, **options)
        missing = f"; missing: {', '.join(report.missing)}" if report.missing else ""
        self.report({"INFO"}, f"Posed {len(report.posed)} bones with the {report.map_name} "
                              f"map{missing}")
        return {"FINISHED"}


def keyed_frames(obj: bpy.types.Object) -> list[int]:
    """The frames obj's action has keys on (Blender 4.4+ layered actions, or Action.fcurves)."""
    action = obj.animation_data.action if obj.animation_data else None
    if action is None:
        return []
    if getattr(action, "layers", None):
        curves = [fc for layer in action.layers for strip in layer.strips
                  for bag in strip.channelbags for fc in bag.fcurves]
    else:
        curves = list(action.fcurves)
    return sorted({round(k.co[0]) for fc in curves for k in fc.keyframe_points})


def _apply_every_keyed_frame(context: bpy.types.Context, source: bpy.types.Object,
                             target: bpy.types.Object, options: dict):
    """Key target on every frame source is keyed on, each with source's pose there; the scene
    returns to its current frame."""
    frames = keyed_frames(source)
    if not frames:
        raise ValueError(f"'{source.name}' has no keyframes: key it first (Pose from Video)")
    scene = context.scene
    current = scene.frame_current
    report = None
    try:
        for frame in frames:
            scene.frame_set(frame)
            report = apply_smpl_to_armature(target, pose_from_armature(source), keyframe=True,
                                            **options)
    finally:
        scene.frame_set(current)
    return report


def _preset_path(filepath: str, preset_name: str) -> Path:
    """The chosen file, or the named preset in the extension's presets folder."""
    if filepath:
        return Path(filepath)
    return preset_dir() / f"{bpy.path.clean_name(preset_name)}.json"


class POSEGPT_OT_bone_map_save(PoseGPTOperator, bpy.types.Operator):
    """Save the character's bone map (stored or detected) as a JSON preset"""

    bl_idname = "posegpt.bone_map_save"
    bl_label = "Save Bone Map"

    filepath: bpy.props.StringProperty(subtype="FILE_PATH", description="Empty: presets folder")
    preset_name: bpy.props.StringProperty(name="Name", default="my_rig")

    def run(self, context: bpy.types.Context) -> set[str]:
        target = context.active_object
        if target is None or target.type != "ARMATURE":
            raise UserError("Select the character's armature")
        try:
            bone_map, _ = bone_map_for(target, None)
            path = _preset_path(self.filepath, self.preset_name)
            save_preset(path, bone_map)
        except (OSError, BoneMapError) as exc:
            raise UserError(f"Cannot save the bone map: {exc}") from exc
        self.report({"INFO"}, f"Saved bone map to {path}")
        return {"FINISHED"}


class POSEGPT_OT_bone_map_load(PoseGPTOperator, bpy.types.Operator):
    """Load a JSON bone map preset onto the character's armature"""

    bl_idname = "posegpt.bone_map_load"
    bl_label = "Load Bone Map"
    bl_options = {"REGISTER", "UNDO"}

    filepath: bpy.props.StringProperty(subtype="FILE_PATH")
    preset_name: bpy.props.StringProperty(name="Name", description="A preset in the presets folder")

    expected = (UserError, BoneMapError)

    def run(self, context: bpy.types.Context) -> set[str]:
        target = context.active_object
        if target is None or target.type != "ARMATURE":
            raise UserError("Select the character's armature")
        bone_map = load_preset(_preset_path(self.filepath, self.preset_name))
        target[MAP_PROP] = json.dumps(bone_map.to_dict())
        found = len(bone_map.resolve(target.data.bones.keys()))
        self.report({"INFO"}, f"Loaded '{bone_map.name}': {found}/{len(bone_map.bones)} bones "
                              "found on this armature")
        return {"FINISHED"}


CLASSES = (POSEGPT_OT_retarget_apply, POSEGPT_OT_bone_map_save, POSEGPT_OT_bone_map_load)
