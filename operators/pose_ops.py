"""Operators that pose the rig: from text, a picture, the camera view; and Describe."""

import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import bpy
from mathutils import Vector

from ..core.client import poses_from_response
from ..core.describe import describe
from ..core.pose import SmplPose
from ..core.protocol import MAX_UPLOAD_FILE_BYTES, MAX_VARIATIONS
from ..core.smpl_model import SmplModel, SmplModelError
from ..core.skeleton import JOINT_NAMES
from ..operator_base import PoseGPTOperator, UserError
from ..retarget.source import store_last_pose
from ..rig import apply_pose, create_rig, find_rig, is_rig, read_pose
from .. import preferences
from . import props, render, session, variations
from .requests import RequestOperator
from .workflow_props import VARIATION_MODES, workflow


def check_target(context: bpy.types.Context) -> None:
    """UserError when there is no rig to pose and none can be made (outside Object Mode)."""
    if find_rig(context) is None and context.mode != "OBJECT":
        raise UserError("No PoseGPT rig in the scene, and one can only be created in Object "
                        "Mode: switch to Object Mode or use Create SMPL Rig.")


def new_rig(context: bpy.types.Context, with_body: bool = True) -> bpy.types.Object:
    """A new SMPL rig: on the user's SMPL/SMPL-X model when the preferences name one (read
    before anything is created, so a bad file changes nothing)."""
    path = preferences.get(context).smpl_model.strip()
    model = None
    if path:
        try:
            model = SmplModel.load(bpy.path.abspath(path))
        except SmplModelError as exc:
            raise UserError(f"{exc}. Fix or clear Preferences > Add-ons > PoseGPT > SMPL Model "
                            "File.") from exc
    return create_rig(context, with_body=with_body, model=model)


def apply_poses(context: bpy.types.Context, poses: list[SmplPose]) -> bpy.types.Object:
    """Pose the target rig (the active PoseGPT rig, else the scene's, else a new one).

    A sequence of poses is keyed on consecutive frames from the current one.
    """
    settings = props.settings(context)
    rig = find_rig(context) or new_rig(context)
    frame = context.scene.frame_current
    for i, pose in enumerate(poses):
        apply_pose(rig, pose, ground=settings.ground, frame=frame + i,
                   keyframe=settings.insert_keyframe or len(poses) > 1)
    return rig


class _PoseRequest(RequestOperator):
    """Shared by the pose operators: ask the worker, then pose the rig and log the turn."""

    _variations = "KEYS"  # what several answers become (pose_from_text's option)

    def request(self, context: bpy.types.Context, text: str | None, image: bytes | None,
                prompt_label: str, current: SmplPose | None = None,
                count: int = 1, facing: str | None = None) -> Callable[[], Any]:
        check_target(context)
        worker = session.worker_for_request(context)
        history = props.history(context)
        smpl = None if current is None else current.to_dict()["smpl"]
        person = props.settings(context).person if image is not None else -1
        self._prompt_label = prompt_label

        def work() -> tuple[list[SmplPose], str, str | None]:
            client = session.ready_client(worker)
            answer = client.pose(text=text, image=image, history=history, pose=smpl,
                                 count=count, person=None if person < 0 else person,
                                 facing=facing)
            key = "variations" if count > 1 else "poses"
            return poses_from_response(answer, key), str(answer.get("text", "")), \
                people_summary(answer) if image is not None else None
        return work

    def apply(self, context: bpy.types.Context,
              result: tuple[list[SmplPose], str, str | None]) -> None:
        poses, answer, people = result
        if len(poses) > 1 and self._variations != "KEYS":  # ghosts to pick from, or assets
            rig = find_rig(context) or new_rig(context)
            message = variations.present(context, self._variations, rig, poses, answer,
                                         self._prompt_label)
            props.add_turn(context, self._prompt_label, answer)
            self.report({"INFO"}, message)
            if self._variations == "GHOSTS" and not bpy.app.background and context.window:
                bpy.ops.posegpt.choose_variation("INVOKE_DEFAULT")
            return
        frame = context.scene.frame_current
        rig = apply_poses(context, poses)
        if len(poses) > 1:  # show the first of the keyed poses
            context.scene.frame_set(frame)
        if people is not None:
            props.settings(context).people = people
        # "Apply to Character" in the Your Character section retargets the latest answer.
        store_last_pose(context.scene, poses[-1], answer)
        props.add_turn(context, self._prompt_label, answer)
        self.report({"INFO"}, f"Posed '{rig.name}': {answer}" if answer else f"Posed '{rig.name}'")


def people_summary(answer: dict) -> str:
    """The panel's line for a picture's people: '2 people: 0 (x 10-200), 1 (x 260-500);
    posed 1'; empty for a picture of one person (or a worker that does not list them)."""
    people = answer.get("people")
    if not isinstance(people, list) or len(people) < 2:
        return ""
    spans = []
    for i, person in enumerate(people):
        box = person.get("box") if isinstance(person, dict) else None
        if isinstance(box, list) and len(box) == 4:
            spans.append(f"{i} (x {float(box[0]):.0f}-{float(box[2]):.0f})")
    return f"{len(people)} people: {', '.join(spans)}; posed {answer.get('person')}"


class POSEGPT_OT_pose_from_text(_PoseRequest, bpy.types.Operator):
    """Pose the SMPL rig from a description"""

    bl_idname = "posegpt.pose_from_text"
    bl_label = "Pose from Text"
    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT: posing from text"

    prompt: bpy.props.StringProperty(name="Prompt", description="Leave empty to use the panel's")
    count: bpy.props.IntProperty(
        name="Count", default=0, min=0, max=MAX_VARIATIONS,
        description="Different poses to ask for (0: the panel's)")
    variations: bpy.props.EnumProperty(
        name="Variations", default="PANEL",
        items=[("PANEL", "Panel's", "As the panel's Variations says")] + VARIATION_MODES,
        description="What several poses become: ghosts to pick from, keys on consecutive "
                    "frames, or pose assets")

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        settings = props.settings(context)
        prompt = (self.prompt or settings.prompt).strip()
        if not prompt:
            raise UserError("Type a description of the pose first, e.g. 'arms crossed'.")
        rig = find_rig(context)
        current = read_pose(rig) if settings.edit_current and rig is not None else None
        count = 1 if current is not None else (self.count or settings.count)
        self._variations = workflow(context).variations if self.variations == "PANEL" \
            else self.variations
        return self.request(context, prompt, None, prompt, current, count)


def read_picture(filepath: str) -> bytes:
    """The bytes of a PNG or JPEG file; UserError saying what is wrong otherwise."""
    path = Path(bpy.path.abspath(filepath)) if filepath else None
    if path is None or not path.is_file():
        raise UserError(f"No picture at '{filepath}': pick a PNG or JPEG file.")
    if path.stat().st_size > MAX_UPLOAD_FILE_BYTES:
        raise UserError(f"'{path.name}' is {path.stat().st_size / 2**20:.1f} MB; the worker takes "
                        f"pictures up to {MAX_UPLOAD_FILE_BYTES // 2**20} MB.")
    data = path.read_bytes()
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise UserError(f"'{path.name}' is not a PNG or JPEG picture.")
    return data


class _FromFile(_PoseRequest):
    """A request on a file: with no filepath (and a UI), the file browser opens first."""

    def invoke(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if not self.filepath and not bpy.app.background:
            self._browsing = True
            context.window_manager.fileselect_add(self)
            return {"RUNNING_MODAL"}
        return super().invoke(context, event)

    def execute(self, context: bpy.types.Context) -> set[str]:
        # The file browser calls execute when it closes: from there, go modal (non-blocking).
        if getattr(self, "_browsing", False):
            self._browsing = False
            return RequestOperator.invoke(self, context, None)
        return super().execute(context)


class POSEGPT_OT_pose_from_image(_FromFile, bpy.types.Operator):
    """Pose the SMPL rig like the person in a picture"""

    bl_idname = "posegpt.pose_from_image"
    bl_label = "Pose from Image"
    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT: posing from a picture"

    filepath: bpy.props.StringProperty(name="Picture", subtype="FILE_PATH")
    filter_image: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})
    filter_folder: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        image = read_picture(self.filepath)
        return self.request(context, None, image, f"[picture] {Path(self.filepath).name}")


VIDEO_POLL_S = 0.2


def read_video(filepath: str) -> bytes:
    """The bytes of a video file (the worker decodes it with OpenCV); UserError otherwise."""
    path = Path(bpy.path.abspath(filepath)) if filepath else None
    if path is None or not path.is_file():
        raise UserError(f"No video at '{filepath}': pick a video file (MP4, MOV, AVI...).")
    if path.stat().st_size > MAX_UPLOAD_FILE_BYTES:
        raise UserError(f"'{path.name}' is {path.stat().st_size / 2**20:.1f} MB; the worker takes "
                        f"videos up to {MAX_UPLOAD_FILE_BYTES // 2**20} MB: trim or re-encode it.")
    return path.read_bytes()


class POSEGPT_OT_pose_from_video(_FromFile, bpy.types.Operator):
    """Key the SMPL rig with one pose a frame of the person in a video (from the current
    frame on); Esc stops it and keys nothing"""

    bl_idname = "posegpt.pose_from_video"
    bl_label = "Pose from Video"
    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT: posing from a video"

    filepath: bpy.props.StringProperty(name="Video", subtype="FILE_PATH")
    frame_start: bpy.props.IntProperty(name="First Frame", min=0, default=0,
                                       description="The clip's first frame to read (0-based)")
    frame_end: bpy.props.IntProperty(name="End Frame", min=0, default=0,
                                     description="The clip's frame to stop before; 0: its end")
    stride: bpy.props.IntProperty(name="Stride", min=1, max=1000, default=1,
                                  description="Read every Nth frame (keys keep the clip's timing)")
    filter_movie: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})
    filter_folder: bpy.props.BoolProperty(default=True, options={"HIDDEN", "SKIP_SAVE"})

    def modal(self, context: bpy.types.Context, event: bpy.types.Event) -> set[str]:
        if event.type == "ESC":
            self._state["stop"] = True  # the thread cancels the worker's job
        return super().modal(context, event)

    def progress_fraction(self) -> float | None:
        return self._state["progress"]

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        check_target(context)
        worker = session.worker_for_request(context)
        data = read_video(self.filepath)
        start, stride = self.frame_start, self.stride
        end = self.frame_end or None
        if end is not None and end <= start:
            raise UserError(f"End Frame ({end}) must come after First Frame ({start}), or be 0 "
                            "for the clip's end.")
        self._prompt_label = f"[video] {Path(self.filepath).name}"
        # Shared with the request thread: plain values only (never bpy data).
        state = self._state = {"progress": 0.0, "stop": False}

        def work() -> tuple[list[SmplPose], dict]:
            client = session.ready_client(worker)
            job = client.video_start(data, start, end, stride)
            while True:
                if state["stop"]:
                    client.video_cancel(job)
                    raise UserError("cancelled")
                status = client.video_status(job)
                if status.get("done"):
                    return poses_from_response(status), status
                state["progress"] = float(status.get("progress", 0.0))
                time.sleep(VIDEO_POLL_S)
        return work

    def apply(self, context: bpy.types.Context, result: tuple[list[SmplPose], dict]) -> None:
        poses, status = result
        frames = status.get("frames") or list(range(len(poses)))
        if len(frames) != len(poses):
            raise UserError("the worker sent a different number of frames than poses; is the "
                            "worker the same version as the add-on?")
        rig = find_rig(context) or new_rig(context)
        settings = props.settings(context)
        first = context.scene.frame_current
        for pose, frame in zip(poses, frames):
            apply_pose(rig, pose, ground=settings.ground, keyframe=True,
                       frame=first + int(frame) - int(frames[0]))
        answer = str(status.get("text", ""))
        store_last_pose(context.scene, poses[-1], answer)
        props.add_turn(context, self._prompt_label, answer)
        self.report({"INFO"}, f"Keyed '{rig.name}' on frames {first}.."
                    f"{first + int(frames[-1]) - int(frames[0])}: {answer}")


class POSEGPT_OT_pose_from_view(_PoseRequest, bpy.types.Operator):
    """Render the active camera (or draw the viewport) and pose the SMPL rig like the person
    in the picture"""

    bl_idname = "posegpt.pose_from_view"
    bl_label = "Pose from View"
    bl_options = {"REGISTER", "UNDO"}
    progress_label = "PoseGPT: posing from the view"

    engine: bpy.props.EnumProperty(name="Engine", items=render.ENGINES, default="CYCLES")

    def prepare(self, context: bpy.types.Context) -> Callable[[], Any]:
        session.worker_for_request(context)  # fail before rendering when there is no worker
        fd, path = tempfile.mkstemp(prefix="posegpt_view_", suffix=".png")
        os.close(fd)
        try:
            if self.engine == "VIEWPORT":
                render.render_viewport(context, path)
                label = "[viewport]"
            else:
                render.render_camera(context, path, engine=self.engine)
                label = f"[view of {context.scene.camera.name}]"
            image = read_picture(path)
        finally:
            os.unlink(path)
        facing = None if self.engine == "VIEWPORT" else camera_facing(context)
        return self.request(context, None, image, label, facing=facing)


def camera_facing(context: bpy.types.Context) -> str | None:
    """"camera" or "away": which way the one PoseGPT rig in the camera's view faces it (the
    render is the add-on's own, so the scene knows); None when no rig, or several, are in view.
    A detector can read a body front to back; this settles it."""
    from bpy_extras.object_utils import world_to_camera_view

    scene, camera = context.scene, context.scene.camera
    seen = []
    for obj in scene.objects:
        if not is_rig(obj) or not obj.visible_get():
            continue
        pelvis = obj.matrix_world @ obj.pose.bones[JOINT_NAMES[0]].matrix
        where = pelvis.translation
        x, y, depth = world_to_camera_view(scene, camera, where)
        if depth > 0 and 0 <= x <= 1 and 0 <= y <= 1:
            # The pelvis bone's +Z is the body's front (bones rest in SMPL's frame).
            front = pelvis.to_3x3() @ Vector((0.0, 0.0, 1.0))
            to_camera = camera.matrix_world.translation - where
            seen.append("camera" if front.dot(to_camera) > 0 else "away")
    return seen[0] if len(seen) == 1 else None


class POSEGPT_OT_describe(PoseGPTOperator, bpy.types.Operator):
    """Put the rig's current pose in words (in the conversation); needs no worker"""

    bl_idname = "posegpt.describe"
    bl_label = "Describe Pose"
    bl_options = {"REGISTER", "UNDO"}

    def run(self, context: bpy.types.Context) -> set[str]:
        rig = find_rig(context)
        if rig is None:
            raise UserError("No PoseGPT rig to describe: create one with Create SMPL Rig.")
        text = describe(read_pose(rig))
        props.add_turn(context, f"Describe '{rig.name}'", text)
        self.report({"INFO"}, text)
        return {"FINISHED"}


class POSEGPT_OT_create_rig(PoseGPTOperator, bpy.types.Operator):
    """Add an SMPL armature (24 bones) with a body: your SMPL/SMPL-X mesh when the preferences
    name its model file, else a mannequin"""

    bl_idname = "posegpt.create_rig"
    bl_label = "Create SMPL Rig"
    bl_options = {"REGISTER", "UNDO"}

    with_body: bpy.props.BoolProperty(name="Body", default=True)

    def run(self, context: bpy.types.Context) -> set[str]:
        if context.mode != "OBJECT":
            raise UserError("Switch to Object Mode to create a rig.")
        rig = new_rig(context, self.with_body)
        self.report({"INFO"}, f"Created '{rig.name}'")
        return {"FINISHED"}


class POSEGPT_OT_clear_conversation(PoseGPTOperator, bpy.types.Operator):
    """Forget the conversation (the rig keeps its pose)"""

    bl_idname = "posegpt.clear_conversation"
    bl_label = "Clear Conversation"
    bl_options = {"REGISTER", "UNDO"}

    def run(self, context: bpy.types.Context) -> set[str]:
        props.settings(context).turns.clear()
        props.settings(context).active_turn = 0
        return {"FINISHED"}


classes = (POSEGPT_OT_create_rig, POSEGPT_OT_pose_from_text, POSEGPT_OT_pose_from_image,
           POSEGPT_OT_pose_from_video,
           POSEGPT_OT_pose_from_view, POSEGPT_OT_describe, POSEGPT_OT_clear_conversation)
