"""Render the active camera to a PNG headless (Cycles CPU needs no GPU or GL libraries)."""
from __future__ import annotations

import bpy

from .session import UserError

ENGINES = [
    ("CYCLES", "Cycles (CPU)", "Works everywhere, no GPU needed"),
    ("BLENDER_WORKBENCH", "Workbench", "Fast; headless it needs the system's EGL (Mesa)"),
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
