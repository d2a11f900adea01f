"""A procedural mannequin: one ellipsoid per body segment, rigidly skinned to its bone.

A free body for renders (no SMPL licence needed). Left limbs are blue, right limbs orange, so
a render shows at a glance which side is which. The head has a face (nose, eyes, mouth, ears)
and hair on its back: without them a pose detector trained on people reads a front view as
seen from behind (MediaPipe did for every front render of the faceless mannequin).
"""
from __future__ import annotations

import bmesh
import bpy
import numpy as np
from mathutils import Matrix, Vector

from ..core.skeleton import JOINT_INDEX, JOINT_NAMES, rest_positions

# (bone, from joint, to joint or an offset from the from-joint, radius across, end padding)
_SEGMENTS: tuple[tuple[str, str, object, float, float], ...] = (
    ("pelvis", "left_hip", "right_hip", 0.10, 0.06),
    ("spine1", "spine1", "spine2", 0.12, 0.05),
    ("spine2", "spine2", "spine3", 0.13, 0.05),
    ("spine3", "spine3", "neck", 0.14, 0.02),
    ("neck", "neck", "head", 0.05, 0.02),
    ("head", "head", (0.0, 0.20, 0.01), 0.09, 0.01),
    ("left_collar", "left_collar", "left_shoulder", 0.05, 0.02),
    ("left_shoulder", "left_shoulder", "left_elbow", 0.05, 0.02),
    ("left_elbow", "left_elbow", "left_wrist", 0.04, 0.02),
    ("left_wrist", "left_wrist", "left_hand", 0.035, 0.01),
    ("left_hand", "left_hand", (0.07, 0.0, 0.0), 0.03, 0.0),
    ("left_hip", "left_hip", "left_knee", 0.075, 0.03),
    ("left_knee", "left_knee", "left_ankle", 0.055, 0.03),
    ("left_ankle", "left_ankle", "left_foot", 0.045, 0.04),
    ("left_foot", "left_foot", (0.0, 0.0, 0.06), 0.04, 0.0),
)
# Head features, rigid with the head bone: (colour, centre from the head joint, radii x, y, z).
# The face looks along +Z (the head's surface is ~0.09 m in front of its axis at eye level);
# ears sit on the sides, level with the eyes.
_FEATURES: tuple[tuple[str, tuple[float, float, float], tuple[float, float, float]], ...] = (
    ("skin", (0.0, 0.105, 0.095), (0.018, 0.028, 0.03)),      # nose
    ("white", (0.033, 0.125, 0.086), (0.017, 0.011, 0.01)),   # left eye
    ("white", (-0.033, 0.125, 0.086), (0.017, 0.011, 0.01)),  # right eye
    ("eye", (0.033, 0.124, 0.095), (0.008, 0.008, 0.005)),    # left pupil
    ("eye", (-0.033, 0.124, 0.095), (0.008, 0.008, 0.005)),   # right pupil
    ("hair", (0.034, 0.146, 0.088), (0.02, 0.005, 0.008)),    # left eyebrow
    ("hair", (-0.034, 0.146, 0.088), (0.02, 0.005, 0.008)),   # right eyebrow
    ("mouth", (0.0, 0.07, 0.09), (0.025, 0.007, 0.008)),
    ("skin", (0.088, 0.115, -0.005), (0.014, 0.03, 0.022)),   # left ear
    ("skin", (-0.088, 0.115, -0.005), (0.014, 0.03, 0.022)),  # right ear
    ("hair", (0.0, 0.135, -0.022), (0.094, 0.09, 0.086)),     # covers the top and back only
    ("hair", (0.0, 0.085, -0.03), (0.088, 0.07, 0.07)),       # down to the nape
)
_COLOURS = {"": (0.75, 0.75, 0.72, 1.0), "left": (0.20, 0.40, 0.85, 1.0),
            "right": (0.90, 0.50, 0.15, 1.0), "skin": (0.80, 0.60, 0.48, 1.0),
            "eye": (0.03, 0.03, 0.03, 1.0), "white": (0.92, 0.92, 0.90, 1.0),
            "mouth": (0.55, 0.15, 0.15, 1.0), "hair": (0.12, 0.08, 0.05, 1.0)}


def _all_segments() -> list[tuple[str, str, object, float, float]]:
    """The table above plus its mirror image for the right side."""
    segments = list(_SEGMENTS)
    for bone, a, b, radius, pad in _SEGMENTS:
        if bone.startswith("left_"):
            end = "right_" + b[5:] if isinstance(b, str) else (-b[0], b[1], b[2])
            segments.append(("right_" + bone[5:], "right_" + a[5:], end, radius, pad))
    return segments


def _colour(bone: str) -> str:
    if bone in ("head", "neck"):
        return "skin"
    return bone.split("_", 1)[0] if bone.startswith(("left_", "right_")) else ""


def _assign(verts, deform, group: int, material: int) -> None:
    """Rigidly skin the vertices to one bone; their faces take one material, smooth."""
    for vert in verts:
        vert[deform][group] = 1.0
    for face in {f for v in verts for f in v.link_faces}:
        face.material_index = material
        face.smooth = True


def _segment_matrix(start: np.ndarray, end: np.ndarray, radius: float, pad: float) -> Matrix:
    """Maps the unit sphere onto an ellipsoid spanning start..end (plus pad) with this radius."""
    axis = end - start
    length = float(np.linalg.norm(axis))
    y = Vector(axis / length)
    helper = Vector((0.0, 0.0, 1.0)) if abs(y.z) < 0.9 else Vector((1.0, 0.0, 0.0))
    x = y.cross(helper).normalized()
    z = x.cross(y)
    rotation = Matrix((x, y, z)).transposed().to_4x4()
    scale = Matrix.Diagonal((radius, length / 2 + pad, radius, 1.0))
    return Matrix.Translation(Vector((start + end) / 2)) @ rotation @ scale


def build_mannequin(context: bpy.types.Context, rig: bpy.types.Object) -> bpy.types.Object:
    """A mesh parented to rig, one vertex group per bone, deformed by an Armature modifier."""
    positions = rest_positions()
    mesh = bpy.data.meshes.new(rig.name + "_body")
    body = bpy.data.objects.new(rig.name + "_body", mesh)
    for name in JOINT_NAMES:
        body.vertex_groups.new(name=name)
    materials = {}
    for key, colour in _COLOURS.items():
        mat = bpy.data.materials.new(f"{rig.name}_body{('_' + key) if key else ''}")
        mat.diffuse_color = colour
        if mat.node_tree is None:  # Blender < 5.0 creates materials without nodes
            mat.use_nodes = True
        mat.node_tree.nodes["Principled BSDF"].inputs["Base Color"].default_value = colour
        mesh.materials.append(mat)
        materials[key] = len(mesh.materials) - 1

    bm = bmesh.new()
    deform = bm.verts.layers.deform.verify()
    for bone, a, b, radius, pad in _all_segments():
        start = positions[JOINT_INDEX[a]]
        end = positions[JOINT_INDEX[b]] if isinstance(b, str) else start + np.array(b)
        made = bmesh.ops.create_uvsphere(bm, u_segments=16, v_segments=10, radius=1.0,
                                         matrix=_segment_matrix(start, end, radius, pad))
        _assign(made["verts"], deform, JOINT_INDEX[bone], materials[_colour(bone)])
    head = positions[JOINT_INDEX["head"]]
    for colour, centre, radii in _FEATURES:
        matrix = Matrix.Translation(Vector(head + np.array(centre))) @ Matrix.Diagonal(
            (*radii, 1.0))
        made = bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=8, radius=1.0,
                                         matrix=matrix)
        _assign(made["verts"], deform, JOINT_INDEX["head"], materials[colour])
    bm.to_mesh(mesh)
    bm.free()

    context.scene.collection.objects.link(body)
    body.parent = rig  # the body's coordinates are SMPL's frame, like the bones'
    modifier = body.modifiers.new("Armature", "ARMATURE")
    modifier.object = rig
    return body
