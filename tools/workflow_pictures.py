"""Render the README's pictures of the animator's workflows, headless, with the real worker:
variations beside the rig, pose assets' previews, and a shot list keyed on the timeline.

    .venv/bin/python tools/workflow_pictures.py --extension dist/posegpt-<version>.zip --out docs

Writes workflow_variations.png, workflow_pose_library.png and workflow_shot_list.png (small
palette PNGs), using tools/demo.py's scene (floor, sun, camera) and renderer.
"""
from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from demo import MODULE, DemoError, install, render, setup, stage_scene

VARIED = "kneel on the left knee, right hand on the head"
LIBRARY = ("arms crossed", "a volleyball spike", "taking a selfie")
SHOTS = """12: standing, arms at the sides
24: crouching, looking left
36: now stand up, right hand above the head
48: step forward with the left leg
60: jumping with both arms up
"""
COLOURS = 96  # palette size: the pictures stay small


def aim(bpy, location: tuple[float, float, float], target: tuple[float, float, float],
        size: tuple[int, int]) -> None:
    from mathutils import Vector

    scene = bpy.context.scene
    camera = scene.camera
    camera.location = location
    camera.rotation_euler = (Vector(target) - Vector(location)).to_track_quat(
        "-Z", "Y").to_euler()
    scene.render.resolution_x, scene.render.resolution_y = size


def caption(image: Image.Image, text: str, height: int = 26) -> Image.Image:
    """image with text on a dark strip below it."""
    out = Image.new("RGB", (image.width, image.height + height), (38, 40, 44))
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default(size=14)
    width = draw.textlength(text, font=font)
    while width > image.width - 8 and len(text) > 4:  # shorten to fit the tile
        text = text[:-2].rstrip() + "…"
        width = draw.textlength(text, font=font)
    draw.text(((image.width - width) / 2, image.height + 5), text, fill=(230, 230, 230),
              font=font)
    return out


def row(tiles: list[Image.Image], gap: int = 4) -> Image.Image:
    out = Image.new("RGB", (sum(t.width for t in tiles) + gap * (len(tiles) - 1),
                            max(t.height for t in tiles)), (24, 25, 28))
    x = 0
    for tile in tiles:
        out.paste(tile, (x, 0))
        x += tile.width + gap
    return out


def save_small(image: Image.Image, path: Path) -> None:
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=COLOURS).save(path, optimize=True)
    print(f"[pictures] {path}: {path.stat().st_size / 1024:.0f} KB", flush=True)


def variations_picture(bpy, work: Path, out: Path) -> None:
    assert bpy.ops.posegpt.pose_from_text(prompt=VARIED, count=4,
                                          variations="GHOSTS") == {"FINISHED"}
    aim(bpy, (2.2, -8.2, 1.6), (2.2, 0.0, 0.7), (900, 340))
    render(bpy, work / "variations.png")
    picture = caption(Image.open(work / "variations.png").convert("RGB"),
                      f"Count 4: \"{VARIED}\" - the rig (left) waits; click a variation to use it")
    save_small(picture, out / "workflow_variations.png")
    assert bpy.ops.posegpt.pick_variation(index=1) == {"FINISHED"}


def library_picture(bpy, out: Path) -> None:
    actions = []
    assert bpy.ops.posegpt.save_pose_asset() == {"FINISHED"}  # the picked variation
    actions.append(bpy.data.actions[VARIED])
    for prompt in LIBRARY:
        bpy.ops.posegpt.clear_conversation()  # each a new pose, not an edit of the last
        assert bpy.ops.posegpt.pose_from_text(prompt=prompt) == {"FINISHED"}
        assert bpy.ops.posegpt.save_pose_asset() == {"FINISHED"}
        actions.append(bpy.data.actions[prompt])
    tiles = []
    for action in actions:
        size = tuple(action.preview.image_size)
        pixels = np.array(action.preview.image_pixels_float).reshape(size[1], size[0], 4)
        tile = Image.fromarray((pixels[::-1, :, :3] * 255).round().astype(np.uint8))
        tiles.append(caption(tile.resize((200, 200), Image.Resampling.LANCZOS), action.name))
    save_small(row(tiles), out / "workflow_pose_library.png")


def shot_list_picture(bpy, work: Path, out: Path) -> None:
    bpy.ops.posegpt.clear_conversation()  # the shots' own conversation
    bpy.data.texts.new("Shots").write(SHOTS)
    assert bpy.ops.posegpt.key_shot_list(text="Shots") == {"FINISHED"}
    aim(bpy, (0.6, -4.6, 1.2), (0.0, 0.0, 0.75), (240, 320))
    tiles = []
    for line in SHOTS.strip().splitlines():
        frame, prompt = line.split(":", 1)
        bpy.context.scene.frame_set(int(frame))
        render(bpy, work / f"shot_{frame}.png")
        tiles.append(caption(Image.open(work / f"shot_{frame}.png").convert("RGB"),
                             f"{frame}: {prompt.strip()}"))
    save_small(row(tiles), out / "workflow_shot_list.png")


def main(argv: list[str] | None = None) -> int:
    args = setup(argv, __doc__.splitlines()[0], Path("docs"), "posegpt_pictures_user_")
    if args is None:
        return 2
    work = Path(tempfile.mkdtemp(prefix="posegpt_pictures_"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    import bpy

    try:
        install(bpy, args.extension.resolve())
        stage_scene(bpy)
        bpy.ops.posegpt.worker_start()
        bpy.ops.posegpt.create_rig()
        variations_picture(bpy, work, args.out)
        library_picture(bpy, args.out)
        shot_list_picture(bpy, work, args.out)
    except (DemoError, RuntimeError, AssertionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if MODULE in bpy.context.preferences.addons:
            bpy.ops.posegpt.worker_stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
