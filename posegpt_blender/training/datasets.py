"""PoseGPT training data: documented JSONL formats, the project's own text-pose set, a mixture.

Every record becomes a conversation (list of posegpt_chat.Turn). A pose is written either as the
worker's schema ({"smpl": {"global_orient": [3], "body_pose": [69], ...}} or just its "smpl"
part) or as 72 numbers / [24][3]: axis-angle per SMPL joint in SMPL's frame. Image paths are
relative to the JSONL file. One JSON object per line:

- text_pose:  {"text": "a person squatting", "pose": POSE}            (or "poses": [POSE, ...]
              for a keyframe sequence; PoseScript's captions fit here once converted)
- image_pose: {"image": "crops/0001.jpg", "pose": POSE, "text": optional extra request}
              (4D-Humans / EFT style crops with SMPL fits, or Blender renders written by
              `python -m posegpt_blender render-data`)
- pose_text:  {"pose": POSE, "text": "the person is kneeling on the left knee, ..."}
- edit:       {"source": POSE, "text": "lean further forward", "target": POSE}
- chat:       {"turns": [{"role": "user", "text": "... <POSE_IN> ...", "image": optional path,
                          "poses": [POSE, ...]},
                         {"role": "assistant", "text": "... <POSE> ...", "poses": [POSE, ...]}]}
              user poses go to its <POSE_IN> tokens, assistant poses are the targets of <POSE>.

Two sources of captioned poses are drawn as text->pose, pose->text and "mirror it" edits:
- "project" needs no file: the project's CMU + sampler text-pose set (data/dataset.py);
- "posescript" reads PoseScript's release as it is (data/posescript.py) with your AMASS copy:
  {"kind": "posescript", "captions": ["posescript_human_6293.json", ...],
   "ids": "ids_2_dataset_sequence_and_frame_index_100k.json", "amass": "AMASS/",
   "split": "train_ids_100k.json" (optional)}.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from core.pose import SmplPose
from ..models.pose_head import POSE_TOKEN
from ..models.posegpt_chat import (EDIT_POSE, IMAGE_TO_POSE, POSE_TO_TEXT, TEXT_TO_POSE, Turn)

KINDS = ("text_pose", "image_pose", "pose_text", "edit", "chat", "project", "posescript")


def pose_answer(count: int) -> str:
    """The assistant's answer carrying count poses (ChatPose answers "Sure, it is [POSE].")."""
    return "Sure, it is " + " ".join([POSE_TOKEN] * count) + "."


def parse_pose(value: Any) -> np.ndarray:
    """(24, 3) axis-angle from a schema dict or 72 numbers."""
    if isinstance(value, dict):
        return SmplPose.from_dict(value).rotations()
    arr = np.asarray(value, dtype=np.float64)
    if arr.size != 72 or not np.all(np.isfinite(arr)):
        raise ValueError(f"a pose must be a schema object or 72 finite numbers, got shape "
                         f"{arr.shape}")
    return arr.reshape(24, 3)


def _image(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"), dtype=np.uint8)


def _text_pose(r: dict, root: Path) -> list[Turn]:
    poses = [parse_pose(p) for p in (r["poses"] if "poses" in r else [r["pose"]])]
    return [Turn("user", TEXT_TO_POSE.format(text=r["text"])),
            Turn("assistant", pose_answer(len(poses)), poses=poses)]


def _image_pose(r: dict, root: Path) -> list[Turn]:
    prompt = f"{IMAGE_TO_POSE} {r.get('text', '')}".strip()
    return [Turn("user", prompt, image=_image(root / r["image"])),
            Turn("assistant", pose_answer(1), poses=[parse_pose(r["pose"])])]


def _pose_text(r: dict, root: Path) -> list[Turn]:
    return [Turn("user", POSE_TO_TEXT, poses=[parse_pose(r["pose"])]),
            Turn("assistant", r["text"])]


def _edit(r: dict, root: Path) -> list[Turn]:
    return [Turn("user", EDIT_POSE.format(text=r["text"]), poses=[parse_pose(r["source"])]),
            Turn("assistant", pose_answer(1), poses=[parse_pose(r["target"])])]


def _chat(r: dict, root: Path) -> list[Turn]:
    return [Turn(t["role"], t["text"], poses=[parse_pose(p) for p in t.get("poses", [])],
                 image=_image(root / t["image"]) if t.get("image") else None)
            for t in r["turns"]]


CONVERTERS: dict[str, Callable[[dict, Path], list[Turn]]] = {
    "text_pose": _text_pose, "image_pose": _image_pose, "pose_text": _pose_text,
    "edit": _edit, "chat": _chat}


@dataclass
class JsonlSource:
    """One JSONL file of a given kind; records are parsed up front, images read when drawn."""

    kind: str
    path: Path
    records: list[dict]

    @classmethod
    def load(cls, kind: str, path: Path) -> "JsonlSource":
        if kind not in CONVERTERS:
            raise ValueError(f"unknown data kind {kind!r}; use one of {', '.join(KINDS)}")
        records = []
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
        if not records:
            raise ValueError(f"{path}: no records")
        source = cls(kind, Path(path), records)
        source.conversation(0)  # fail at start-up, not mid-run, on a malformed first record
        return source

    def __len__(self) -> int:
        return len(self.records)

    def conversation(self, index: int) -> list[Turn]:
        try:
            return CONVERTERS[self.kind](self.records[index], self.path.parent)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{self.path}: record {index + 1} is not a valid {self.kind} "
                             f"record ({exc!r})") from exc


@dataclass
class CaptionedPoses:
    """Poses with several captions each, drawn as text->pose, pose->text and mirror edits."""

    rotvecs: np.ndarray
    captions: list[list[str]]

    @classmethod
    def project(cls, size: str, seed: int) -> "CaptionedPoses":
        """The project's text-pose set, train split."""
        from ..data.dataset import build_dataset

        data = build_dataset(seed=seed, size=size).subset("train")
        return cls(data.rotvecs.astype(np.float64), data.captions)

    @classmethod
    def posescript(cls, entry: dict, root: Path) -> "CaptionedPoses":
        """PoseScript's release from the config entry's files; paths relative to root."""
        from ..data.posescript import load_posescript

        missing = {"captions", "ids", "amass"} - set(entry)
        if missing:
            raise ValueError(f"posescript data entry needs {sorted(missing)}")
        captions = entry["captions"] if isinstance(entry["captions"], list) \
            else [entry["captions"]]
        rotvecs, texts = load_posescript(
            [root / c for c in captions], root / entry["ids"], root / entry["amass"],
            root / entry["split"] if entry.get("split") else None)
        return cls(rotvecs, texts)

    def __len__(self) -> int:
        return len(self.captions)

    def conversation(self, index: int, rng: random.Random | None = None) -> list[Turn]:
        from core.retarget import mirror_rotations

        rng = rng or random.Random(index)
        pose, caption = self.rotvecs[index], rng.choice(self.captions[index])
        task = rng.random()
        if task < 0.6:
            return _text_pose({"text": caption, "pose": pose}, Path())
        if task < 0.85:
            return _pose_text({"text": caption, "pose": pose}, Path())
        return _edit({"source": pose, "text": "Mirror it.", "target": mirror_rotations(pose)}, Path())


class Mixture:
    """Endless conversations: a source drawn by weight, then a record uniformly."""

    def __init__(self, sources: list[JsonlSource | CaptionedPoses], weights: list[float],
                 seed: int) -> None:
        if not sources or len(sources) != len(weights) or min(weights) <= 0:
            raise ValueError("give at least one data source, each with a positive weight")
        self.sources, self.weights, self.rng = sources, weights, random.Random(seed)

    def reseed(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def __iter__(self) -> Iterator[list[Turn]]:
        while True:
            source = self.rng.choices(self.sources, self.weights)[0]
            index = self.rng.randrange(len(source))
            if isinstance(source, CaptionedPoses):
                yield source.conversation(index, self.rng)
            else:
                yield source.conversation(index)


def load_mixture(entries: list[dict], root: Path, seed: int) -> Mixture:
    """Mixture from config entries {"kind", "path" | "size" | PoseScript's files, "weight"};
    paths relative to root."""
    sources: list[JsonlSource | CaptionedPoses] = []
    for entry in entries:
        kind = entry.get("kind")
        if kind == "project":
            sources.append(CaptionedPoses.project(entry.get("size", "full"), seed))
        elif kind == "posescript":
            sources.append(CaptionedPoses.posescript(entry, root))
        elif "path" in entry:
            sources.append(JsonlSource.load(kind, root / entry["path"]))
        else:
            raise ValueError(f"data entry {entry} needs \"path\" (or kind \"project\")")
    return Mixture(sources, [float(e.get("weight", 1.0)) for e in entries], seed)
