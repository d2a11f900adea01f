"""Bone maps (SMPL joint -> a rig's bone): built-in maps, detection by bone names, JSON presets.

A map names, per SMPL joint, the bone whose head sits at that joint and whose rotation carries
the joint's (limb FK controls on control rigs). `root` receives the pelvis translation (the
pelvis bone unless a rig moves its body with another control, as Rigify's `torso`).
`align` says how the rig's rest relates to SMPL's zero pose: "segments" (a character rig: each
bone is swung onto its SMPL segment to build the shared T-pose) or "rest" (the rest already is
SMPL's zero pose, bone by bone: the SMPL rig itself). `match_suffix` matches bone names on
their ending, for Mixamo's import-dependent prefixes (`mixamorig:`, `mixamorig1:`, ...).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .skeleton import JOINT_NAMES

PRESET_FORMAT = "posegpt-bone-map"
PRESET_VERSION = 1
ALIGN_MODES = ("segments", "rest")
# Characters that may end a suffix-matched bone's prefix ("mixamorig:", "mixamorig_", "rig|").
_PREFIX_ENDS = ":_|."


class BoneMapError(ValueError):
    """A bone map (or preset file) that cannot be used; the message says why."""


@dataclass
class BoneMap:
    """SMPL joint name -> bone name, plus how to read the rig."""

    name: str
    bones: dict[str, str]
    root: str | None = None
    align: str = "segments"
    match_suffix: bool = False

    def __post_init__(self) -> None:
        validate(self)

    @property
    def root_bone(self) -> str | None:
        """The bone that takes the pelvis translation (the pelvis bone by default)."""
        return self.root or self.bones.get("pelvis")

    def to_dict(self) -> dict[str, Any]:
        """The JSON preset form."""
        return {"format": PRESET_FORMAT, "version": PRESET_VERSION, "name": self.name,
                "bones": dict(self.bones), "root": self.root, "align": self.align,
                "match_suffix": self.match_suffix}

    @classmethod
    def from_dict(cls, data: Any, source: str = "bone map") -> "BoneMap":
        """Parse and validate a preset dict; errors name the source and the bad field."""
        if not isinstance(data, dict):
            raise BoneMapError(f"{source}: a bone map must be a JSON object, "
                               f"got {type(data).__name__}")
        if data.get("format", PRESET_FORMAT) != PRESET_FORMAT:
            raise BoneMapError(f"{source}: not a PoseGPT bone map (format {data.get('format')!r})")
        version = data.get("version", PRESET_VERSION)
        if version != PRESET_VERSION:
            raise BoneMapError(f"{source}: bone map version {version!r} is not supported "
                               f"(this version reads {PRESET_VERSION})")
        bones = data.get("bones")
        if not isinstance(bones, dict):
            raise BoneMapError(f'{source}: "bones" must be an object of SMPL joint -> bone name')
        name = data.get("name", "Custom")
        root = data.get("root")
        align = data.get("align", "segments")
        match_suffix = data.get("match_suffix", False)
        if not isinstance(name, str):
            raise BoneMapError(f'{source}: "name" must be a string')
        if root is not None and (not isinstance(root, str) or not root):
            raise BoneMapError(f'{source}: "root" must be a bone name or null')
        if not isinstance(match_suffix, bool):
            raise BoneMapError(f'{source}: "match_suffix" must be true or false')
        try:
            return cls(name=name, bones=dict(bones), root=root, align=align,
                       match_suffix=match_suffix)
        except BoneMapError as exc:
            raise BoneMapError(f"{source}: {exc}") from None

    def resolve(self, bone_names: Iterable[str]) -> dict[str, str]:
        """SMPL joint -> the armature's actual bone name, for the joints found in bone_names."""
        names = list(bone_names)
        found = {}
        for joint, bone in self.bones.items():
            actual = _match(bone, names, self.match_suffix)
            if actual is not None:
                found[joint] = actual
        return found

    def resolve_root(self, bone_names: Iterable[str]) -> str | None:
        """The armature's actual root bone name, or None when it has none."""
        return None if self.root_bone is None else _match(
            self.root_bone, list(bone_names), self.match_suffix)

    def score(self, bone_names: Iterable[str]) -> float:
        """Fraction of this map's bones present in bone_names (0..1)."""
        return len(self.resolve(bone_names)) / len(self.bones)


def validate(bone_map: BoneMap) -> None:
    """Raise BoneMapError unless the map names known joints, distinct bones and a known mode."""
    if not bone_map.bones:
        raise BoneMapError("the bone map maps no joints")
    unknown = sorted(set(bone_map.bones) - set(JOINT_NAMES))
    if unknown:
        raise BoneMapError(f"unknown SMPL joints {unknown}; joints are {list(JOINT_NAMES)}")
    for joint, bone in bone_map.bones.items():
        if not isinstance(bone, str) or not bone.strip():
            raise BoneMapError(f"joint {joint!r} must map to a bone name, got {bone!r}")
    seen: dict[str, str] = {}
    for joint, bone in bone_map.bones.items():
        if bone in seen:
            raise BoneMapError(f"bone {bone!r} is mapped twice ({seen[bone]!r} and {joint!r})")
        seen[bone] = joint
    if bone_map.align not in ALIGN_MODES:
        raise BoneMapError(f"align must be one of {ALIGN_MODES}, got {bone_map.align!r}")


def _match(bone: str, names: list[str], match_suffix: bool) -> str | None:
    if bone in names:
        return bone
    if not match_suffix:
        return None
    for name in names:
        if name.endswith(bone):
            prefix = name[: -len(bone)]
            if prefix and prefix[-1] in _PREFIX_ENDS:
                return name
    return None


def _sided(template: dict[str, str], left: str, right: str) -> dict[str, str]:
    """Expand {'shoulder': 'upper_arm{s}'} into left_/right_ joints with the side tags."""
    out = {}
    for joint, bone in template.items():
        if "{s}" in bone:
            out[f"left_{joint}"] = bone.format(s=left)
            out[f"right_{joint}"] = bone.format(s=right)
        else:
            out[joint] = bone
    return out


def _side_words(template: dict[str, str]) -> dict[str, str]:
    """Expand {'shoulder': '{S}Arm'} with Mixamo's Left/Right prefixes."""
    out = {}
    for joint, bone in template.items():
        if "{S}" in bone:
            out[f"left_{joint}"] = bone.format(S="Left")
            out[f"right_{joint}"] = bone.format(S="Right")
        else:
            out[joint] = bone
    return out


BUILTIN_MAPS: dict[str, BoneMap] = {
    "smpl": BoneMap("SMPL", {n: n for n in JOINT_NAMES}, align="rest"),
    # Rigify's generated rig: FK controls. The pelvis rotates the hip FK bone; `torso` moves
    # the whole body, so it takes the translation.
    "rigify": BoneMap("Rigify (generated rig)", _sided({
        "pelvis": "spine_fk", "spine1": "spine_fk.001", "spine2": "spine_fk.002",
        "spine3": "spine_fk.003", "neck": "neck", "head": "head",
        "collar": "shoulder{s}", "shoulder": "upper_arm_fk{s}", "elbow": "forearm_fk{s}",
        "wrist": "hand_fk{s}", "hip": "thigh_fk{s}", "knee": "shin_fk{s}",
        "ankle": "foot_fk{s}", "foot": "toe_fk{s}",
    }, ".L", ".R"), root="torso"),
    # spine.005 (upper neck) is left unmapped: it follows spine.004 rigidly.
    "rigify_metarig": BoneMap("Rigify (metarig)", _sided({
        "pelvis": "spine", "spine1": "spine.001", "spine2": "spine.002", "spine3": "spine.003",
        "neck": "spine.004", "head": "spine.006",
        "collar": "shoulder{s}", "shoulder": "upper_arm{s}", "elbow": "forearm{s}",
        "wrist": "hand{s}", "hip": "thigh{s}", "knee": "shin{s}", "ankle": "foot{s}",
        "foot": "toe{s}",
    }, ".L", ".R")),
    "mixamo": BoneMap("Mixamo", _side_words({
        "pelvis": "Hips", "spine1": "Spine", "spine2": "Spine1", "spine3": "Spine2",
        "neck": "Neck", "head": "Head",
        "collar": "{S}Shoulder", "shoulder": "{S}Arm", "elbow": "{S}ForeArm",
        "wrist": "{S}Hand", "hip": "{S}UpLeg", "knee": "{S}Leg", "ankle": "{S}Foot",
        "foot": "{S}ToeBase",
    }), match_suffix=True),
    # MakeHuman / MPFB default rig: five spine bones (spine05 lowest) for SMPL's three, the
    # unmapped ones follow their parent. `root` sits at the pelvis.
    "makehuman": BoneMap("MakeHuman / MPFB (default rig)", _sided({
        "pelvis": "root", "spine1": "spine05", "spine2": "spine03", "spine3": "spine01",
        "neck": "neck01", "head": "head",
        "collar": "clavicle{s}", "shoulder": "upperarm01{s}", "elbow": "lowerarm01{s}",
        "wrist": "wrist{s}", "hip": "upperleg01{s}", "knee": "lowerleg01{s}",
        "ankle": "foot{s}",
    }, ".L", ".R")),
    "unreal": BoneMap("Unreal / game engine", _sided({
        "pelvis": "pelvis", "spine1": "spine_01", "spine2": "spine_02", "spine3": "spine_03",
        "neck": "neck_01", "head": "head",
        "collar": "clavicle{s}", "shoulder": "upperarm{s}", "elbow": "lowerarm{s}",
        "wrist": "hand{s}", "hip": "thigh{s}", "knee": "calf{s}", "ankle": "foot{s}",
        "foot": "ball{s}",
    }, "_l", "_r")),
}


def detect_bone_map(bone_names: Iterable[str],
                    min_score: float = 0.6) -> tuple[str, BoneMap, float]:
    """The built-in map that fits bone_names best: (key, map, score); raises below min_score."""
    names = list(bone_names)
    scored = sorted(((m.score(names), key) for key, m in BUILTIN_MAPS.items()), reverse=True)
    best_score, best_key = scored[0]
    if best_score < min_score:
        summary = ", ".join(f"{BUILTIN_MAPS[k].name} {s:.0%}" for s, k in scored[:3])
        raise BoneMapError(f"no built-in bone map fits this armature (best: {summary}); "
                           "edit a mapping and save it as a preset")
    return best_key, BUILTIN_MAPS[best_key], best_score


def load_preset(path: str | Path) -> BoneMap:
    """Read a JSON bone map preset; BoneMapError names the file and the problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoneMapError(f"{path}: cannot read as JSON ({exc})") from exc
    return BoneMap.from_dict(data, source=str(path))


def save_preset(path: str | Path, bone_map: BoneMap) -> None:
    """Write a bone map as a JSON preset (validated first)."""
    validate(bone_map)
    Path(path).write_text(json.dumps(bone_map.to_dict(), indent=1), encoding="utf-8")
