"""Pictures for Pose from View: the active camera rendered headless (Cycles CPU needs no GPU or
GL libraries), or the 3D viewport as the user sees it, drawn offscreen on the GPU."""
from __future__ import annotations

import struct
import zlib

import bpy
import numpy as np

from ..operator_base import UserError

ENGINES = [
    ("CYCLES", "Cycles (CPU)", "The active camera; works everywhere, no GPU needed"),
    ("BLENDER_WORKBENCH", "Workbench", "The active camera; fast, headless it needs EGL (Mesa)"),
    ("VIEWPORT", "Viewport", "The 3D View as you see it, drawn offscreen (needs Blender's "
                             "window and a GPU context)"),
]
MAX_SIDE = 384


def render_camera(context: bpy.types.Context, filepath: str, engine: str = "CYCLES",
                  max_side: int = MAX_SIDE, samples: int = 16) -> None:
    """Render the scene's camera to filepath (PNG, longest side <= max_side); every render
    setting touched is put back, so the scene is as it was."""
    scene = context.scene
    if scene.camera is None:
        raise UserError("The scene has no active camera: add one (or set Scene > Camera) "
                         "to pose from the view.")
    render = scene.render
    saved = {"engine": render.engine, "filepath": render.filepath,
             "resolution_percentage": render.resolution_percentage,
             "file_format": render.image_settings.file_format,
             "color_mode": render.image_settings.color_mode}
    saved_cycles = (scene.cycles.samples, scene.cycles.device) if hasattr(scene, "cycles") else None
    try:
        render.engine = engine
        if engine == "CYCLES":
            scene.cycles.device = "CPU"
            scene.cycles.samples = samples
        longest = max(render.resolution_x, render.resolution_y)
        render.resolution_percentage = min(100, max(1, int(100 * max_side / longest)))
        render.image_settings.file_format = "PNG"
        render.image_settings.color_mode = "RGB"
        render.filepath = filepath
        bpy.ops.render.render(write_still=True)
    finally:
        for key in ("file_format", "color_mode"):
            setattr(render.image_settings, key, saved.pop(key))
        for key, value in saved.items():
            setattr(render, key, value)
        if saved_cycles is not None:
            scene.cycles.samples, scene.cycles.device = saved_cycles


def render_viewport(context: bpy.types.Context, filepath: str, max_side: int = 1024) -> None:
    """Draw the largest 3D View's scene offscreen to filepath (PNG); nothing in the scene or
    bpy.data changes."""
    areas = [a for a in context.screen.areas if a.type == "VIEW_3D"] if context.screen else []
    if bpy.app.background or not areas:
        raise UserError("Viewport pictures need Blender's window with a 3D View; without one "
                        "(a script, blender -b) use the Cycles or Workbench engine, which "
                        "render the active camera.")
    import gpu

    area = max(areas, key=lambda a: a.width * a.height)
    region = next(r for r in area.regions if r.type == "WINDOW")
    space = area.spaces.active
    scale = min(1.0, max_side / max(region.width, region.height))
    width, height = max(1, int(region.width * scale)), max(1, int(region.height * scale))
    offscreen = gpu.types.GPUOffScreen(width, height)
    try:
        offscreen.draw_view3d(context.scene, context.view_layer, space, region,
                              space.region_3d.view_matrix, space.region_3d.window_matrix)
        pixels = np.asarray(offscreen.texture_color.read(), dtype=np.float32)
    finally:
        offscreen.free()
    rgb = pixels.reshape(height, width, 4)[::-1, :, :3]  # GL rows run bottom-up
    if rgb.max() <= 1.0:
        rgb = rgb * 255.0
    with open(filepath, "wb") as f:
        f.write(png_bytes(np.clip(rgb, 0, 255).astype(np.uint8)))


def png_bytes(rgb: np.ndarray) -> bytes:
    """An (H, W, 3) uint8 picture as PNG (Blender has no PIL; an image datablock would change
    bpy.data)."""
    height, width, _ = rgb.shape
    rows = b"".join(b"\x00" + rgb[y].tobytes() for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))
