"""Scene data: the conversation (sent as history) and the panel's inputs; undone with the scene."""

import bpy

from ..core.protocol import MAX_HISTORY_PAIRS, MAX_VARIATIONS


class PoseGPTTurn(bpy.types.PropertyGroup):
    prompt: bpy.props.StringProperty(name="Prompt")
    answer: bpy.props.StringProperty(name="Answer")


class PoseGPTSettings(bpy.types.PropertyGroup):
    prompt: bpy.props.StringProperty(
        name="Prompt", description="Describe the pose, e.g. 'kneeling on the right knee'")
    insert_keyframe: bpy.props.BoolProperty(
        name="Insert Keyframe", default=False,
        description="Key the posed bones at the current frame")
    ground: bpy.props.BoolProperty(
        name="Keep on Ground", default=True,
        description="Move the pelvis up or down so the lowest joint rests on the floor")
    count: bpy.props.IntProperty(
        name="Count", default=1, min=1, max=MAX_VARIATIONS,
        description="How many different poses to ask for, all keeping what the prompt names; "
                    "Variations says what they become (ghosts to pick from, keys, assets)")
    edit_current: bpy.props.BoolProperty(
        name="Edit Current Pose", default=False,
        description="Send the rig's pose with the prompt, so that 'raise the left arm more' or "
                    "'mirror it' change it instead of starting a new pose")
    person: bpy.props.IntProperty(
        name="Person", default=-1, min=-1, max=100,
        description="Who in a picture of several people to pose, numbered from the left from "
                    "0; -1 poses the largest")
    people: bpy.props.StringProperty(
        name="People", description="The people the last picture showed, left to right")
    turns: bpy.props.CollectionProperty(type=PoseGPTTurn)
    active_turn: bpy.props.IntProperty(default=0)


def settings(context: bpy.types.Context) -> PoseGPTSettings:
    return context.scene.posegpt


def history(context: bpy.types.Context) -> list[dict]:
    """The conversation as the worker's history: user/assistant messages, oldest first."""
    messages = []
    for turn in list(settings(context).turns)[-MAX_HISTORY_PAIRS:]:
        messages.append({"role": "user", "text": turn.prompt})
        messages.append({"role": "assistant", "text": turn.answer})
    return messages


def add_turn(context: bpy.types.Context, prompt: str, answer: str) -> None:
    turns = settings(context).turns
    turn = turns.add()
    turn.prompt, turn.answer = prompt, answer
    settings(context).active_turn = len(turns) - 1


classes = (PoseGPTTurn, PoseGPTSettings)


def register() -> None:
    bpy.types.Scene.posegpt = bpy.props.PointerProperty(type=PoseGPTSettings)


def unregister() -> None:
    del bpy.types.Scene.posegpt
