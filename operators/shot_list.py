"""Shot list: (frame, request) rows asked in one conversation and keyed at their frames.

Rows come from the panel's list or from a text block of lines like `12: crouching, looking
left`. Key All asks the worker row by row, each request carrying the earlier rows as history
(so a row may say "now stand up"), then keys every pose on the rig, and on the character when
one is named, in one undo step; Esc stops between rows and changes nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import bpy

from ..core.client import WorkerClient, poses_from_response
from ..core.protocol import MAX_HISTORY_MESSAGES, MAX_TEXT_CHARS
from ..core.pose import SmplPose
from ..retarget.apply import apply_smpl_to_armature
from ..retarget.source import store_last_pose
from ..rig import apply_pose, find_rig
from . import props, session
from .pose_ops import check_target, new_rig
from .requests import RequestOperator
from ..operator_base import PoseGPTOperator, UserError
from .workflow_props import workflow

MAX_SHOTS = 100
MAX_FRAME = 1048574      # Blender's last frame
_LINE = re.compile(r"^\s*(-?\d+)\s*[:.)]\s*(.*?)\s*$")


@dataclass(frozen=True)
class Shot:
    frame: int
    prompt: str


def check_shots(shots: list[Shot]) -> list[Shot]:
    """shots, or a UserError naming the first row that is empty, repeated or out of range."""
    if not shots:
        raise UserError("The shot list is empty: add rows (frame and request) or load a text "
                        "block of lines like '12: crouching, looking left'.")
    if len(shots) > MAX_SHOTS:
        raise UserError(f"The shot list has {len(shots)} rows; at most {MAX_SHOTS} are keyed "
                        "at once: split it.")
    seen: set[int] = set()
    for i, shot in enumerate(shots, start=1):
        if not shot.prompt:
            raise UserError(f"Shot row {i} (frame {shot.frame}) has no request.")
        if len(shot.prompt) > MAX_TEXT_CHARS:
            raise UserError(f"Shot row {i} is {len(shot.prompt)} characters; the worker reads "
                            f"at most {MAX_TEXT_CHARS}.")
        if not 0 <= shot.frame <= MAX_FRAME:
            raise UserError(f"Shot row {i}: frame {shot.frame} is outside 0..{MAX_FRAME}.")
        if shot.frame in seen:
            raise UserError(f"Shot row {i}: frame {shot.frame} is keyed by an earlier row too.")
        seen.add(shot.frame)
    return shots


def parse_shot_text(text: str) -> list[Shot]:
    """Lines `FRAME: request` (blank lines and lines starting with # are skipped); UserError
    naming the first line that is not one."""
    shots = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise UserError(f"Line {number} of the shot text is not 'FRAME: request' (e.g. "
                            f"'12: crouching, looking left'): {line.strip()[:60]!r}")
        shots.append(Shot(int(match.group(1)), match.group(2)))
        if len(shots) > MAX_SHOTS:
            break  # check_shots says so
    return check_shots(shots)


def panel_shots(context: bpy.types.Context) -> list[Shot]:
    return check_shots([Shot(row.frame, row.prompt.strip()) for row in workflow(context).shots])


class ShotProgress:
    """Shared by the request thread and the main thread: plain values only (never bpy data).
    answered() is called after each row; stop makes the thread quit before the next one."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.stop = total, 0, False

    def answered(self) -> None:
        self.done += 1

    def fraction(self) -> float:
        return self.done / self.total


def ask_shots(client: WorkerClient, shots: list[Shot], history: list[dict],
              progress: ShotProgress) -> list[tuple[Shot, SmplPose, str]]:
    """Each shot's pose and answer, asked in order in one conversation (history first, then
    the earlier rows); UserError('cancelled') once progress.stop is set."""
    history = list(history)
    answers = []
    for shot in shots:
        if progress.stop:
            raise UserError("cancelled")
        answer = client.pose(text=shot.prompt, history=history[-MAX_HISTORY_MESSAGES:])
        text = str(answer.get("text", ""))
        answers.append((shot, poses_from_response(answer)[0], text))
        history += [{"role": "user", "text": shot.prompt}, {"role": "assistant", "text": text}]
        progress.answered()
    return answers


def _character(context: bpy.types.Context, name: str) -> bpy.types.Object | None:
    if name:
        obj = bpy.data.objects.get(name)
        if obj is None or obj.type != "ARMATURE":
            raise UserError(f"No armature named '{name}' to key as the character.")
        return obj
    return workflow(context).character


class POSEGPT_OT_key_shot_list(RequestOperator, bpy.types.Operator):
    """Ask for every shot list row in one conversation and key each pose at its frame (and on
    the character); Esc stops and keys nothing"""

    bl_idname = "posegpt.key_shot_list"
    bl_label = "Key All"
    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT: keying the shot list"

    text: bpy.props.StringProperty(
        name="Text", description="A text block of 'FRAME: request' lines; empty: the panel's "
                                 "list")
    character: bpy.props.StringProperty(
        name="Character", description="An armature to key as well; empty: the panel's")

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if event.type == "ESC":
            self._progress.stop = True  # the thread asks for no further row
        return super().modal(context, event)

    def progress_fraction(self) -> float | None:
        return self._progress.fraction()

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        check_target(context)
        if self.text:
            block = bpy.data.texts.get(self.text)
            if block is None:
                raise UserError(f"No text block named '{self.text}'.")
            shots = parse_shot_text(block.as_string())
        else:
            shots = panel_shots(context)
        self._character_name = getattr(_character(context, self.character), "name", "")
        worker = session.worker_for_request(context)
        history = props.history(context)
        progress = self._progress = ShotProgress(len(shots))
        return lambda: ask_shots(session.ready_client(worker), shots, history, progress)

    def apply(self, context: bpy.types.Context,
              result: list[tuple[Shot, SmplPose, str]]) -> None:
        character = bpy.data.objects.get(self._character_name) if self._character_name else None
        rig = find_rig(context) or new_rig(context)
        ground = props.settings(context).ground
        scene = context.scene
        current = scene.frame_current
        try:
            for shot, pose, _ in result:
                apply_pose(rig, pose, ground=ground, keyframe=True, frame=shot.frame)
                if character is not None:
                    scene.frame_set(shot.frame)  # the character's own keys, then this pose
                    apply_smpl_to_armature(character, pose, keyframe=True, frame=shot.frame)
        finally:
            scene.frame_set(current)
        for shot, _, answer in result:
            props.add_turn(context, shot.prompt, answer)
        _, last_pose, last_answer = max(result, key=lambda r: r[0].frame)
        store_last_pose(scene, last_pose, last_answer)
        frames = ", ".join(str(shot.frame) for shot, _, _ in result)
        on = f"'{rig.name}' and '{character.name}'" if character is not None else f"'{rig.name}'"
        self.report({"INFO"}, f"Keyed {len(result)} shots on {on} at frames {frames}")


class POSEGPT_OT_shots_from_text(PoseGPTOperator, bpy.types.Operator):
    """Fill the shot list from a text block of lines like '12: crouching, looking left'"""

    bl_idname = "posegpt.shots_from_text"
    bl_label = "Load from Text"
    bl_options = {"REGISTER", "UNDO"}

    text: bpy.props.StringProperty(name="Text", description="Empty: the panel's text block")

    def run(self, context: bpy.types.Context) -> set[str]:
        block = bpy.data.texts.get(self.text) if self.text else workflow(context).shot_text
        if block is None:
            raise UserError("Pick a text block of lines like '12: crouching, looking left'.")
        shots = parse_shot_text(block.as_string())
        rows = workflow(context).shots
        rows.clear()
        for shot in shots:
            row = rows.add()
            row.frame, row.prompt = shot.frame, shot.prompt
        workflow(context).active_shot = 0
        self.report({"INFO"}, f"Loaded {len(shots)} shots from '{block.name}'")
        return {"FINISHED"}


class POSEGPT_OT_shot_add(PoseGPTOperator, bpy.types.Operator):
    """Add a shot at the current frame with the panel's request"""

    bl_idname = "posegpt.shot_add"
    bl_label = "Add Shot"
    bl_options = {"REGISTER", "UNDO"}

    def run(self, context: bpy.types.Context) -> set[str]:
        rows = workflow(context).shots
        if len(rows) >= MAX_SHOTS:
            raise UserError(f"The shot list holds at most {MAX_SHOTS} rows.")
        row = rows.add()
        row.frame, row.prompt = context.scene.frame_current, props.settings(context).prompt
        workflow(context).active_shot = len(rows) - 1
        return {"FINISHED"}


class POSEGPT_OT_shot_remove(PoseGPTOperator, bpy.types.Operator):
    """Remove the selected shot"""

    bl_idname = "posegpt.shot_remove"
    bl_label = "Remove Shot"
    bl_options = {"REGISTER", "UNDO"}

    @classmethod
    def poll(cls, context: bpy.types.Context) -> bool:
        return len(workflow(context).shots) > 0

    def run(self, context: bpy.types.Context) -> set[str]:
        flow = workflow(context)
        flow.shots.remove(min(flow.active_shot, len(flow.shots) - 1))
        flow.active_shot = max(0, min(flow.active_shot, len(flow.shots) - 1))
        return {"FINISHED"}


classes = (POSEGPT_OT_key_shot_list, POSEGPT_OT_shots_from_text, POSEGPT_OT_shot_add,
           POSEGPT_OT_shot_remove)
