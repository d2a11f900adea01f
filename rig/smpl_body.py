"""The real SMPL/SMPL-X body from the user's own model file: the mesh skinned to the rig, one
shape key per shape coefficient (beta), driven when a pose with betas is applied."""
from __future__ import annotations

import bpy
import numpy as np

from ..core.skeleton import JOINT_NAMES
from ..core.smpl_model import NUM_SHAPE_KEYS, SmplModel

MIN_WEIGHT = 1e-4  # smaller skin weights are left out of the vertex groups
BETA_RANGE = 5.0   # shape keys' slider range, in standard deviations


def shape_key_name(k: int) -> str:
    return f"beta_{k}"


def build_smpl_body(context: bpy.types.Context, rig: bpy.types.Object,
                    model: SmplModel) -> bpy.types.Object:
    """A mesh parented to rig (pelvis at the origin, like the bones), with vertex groups,
    an Armature modifier and shape keys beta_0..beta_9."""
    origin = model.joints[0]
    mesh = bpy.data.meshes.new(rig.name + "_body")
    mesh.from_pydata((model.vertices - origin).tolist(), [], model.faces.tolist())
    mesh.shade_smooth()
    body = bpy.data.objects.new(rig.name + "_body", mesh)
    for j, name in enumerate(JOINT_NAMES):
        group = body.vertex_groups.new(name=name)
        for weight in np.unique(np.round(model.weights[:, j], 6)):
            if weight < MIN_WEIGHT:
                continue
            members = np.flatnonzero(np.abs(model.weights[:, j] - weight) < 5e-7)
            group.add(members.tolist(), float(weight), "REPLACE")
    body.shape_key_add(name="Basis", from_mix=False)
    for k in range(NUM_SHAPE_KEYS):
        key = body.shape_key_add(name=shape_key_name(k), from_mix=False)
        key.slider_min, key.slider_max = -BETA_RANGE, BETA_RANGE
        key.data.foreach_set("co", (model.vertices - origin
                                    + model.shapedirs[:, :, k]).ravel().astype(np.float32))
    context.scene.collection.objects.link(body)
    body.parent = rig
    body.modifiers.new("Armature", "ARMATURE").object = rig
    return body


def set_betas(rig: bpy.types.Object, betas: np.ndarray, keyframe: bool, frame: int) -> None:
    """Drive the shape keys of rig's SMPL body (if it has one) with betas."""
    for child in rig.children:
        keys = child.data.shape_keys if child.type == "MESH" else None
        if keys is None or shape_key_name(0) not in keys.key_blocks:
            continue
        for k in range(NUM_SHAPE_KEYS):
            block = keys.key_blocks[shape_key_name(k)]
            block.value = float(np.clip(betas[k], -BETA_RANGE, BETA_RANGE))
            if keyframe:
                block.keyframe_insert("value", frame=frame)
