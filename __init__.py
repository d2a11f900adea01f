"""PoseGPT for Blender: pose an SMPL rig from a sentence, a picture or the camera view.

The heavy lifting happens in a separate worker process (its own Python with torch), which this
add-on starts from its own folder and talks to over loopback HTTP.
"""
from __future__ import annotations

import bpy

from . import operators, panels, preferences, retarget

_classes = preferences.classes + operators.classes + panels.classes


def register() -> None:
    for cls in _classes:
        bpy.utils.register_class(cls)
    operators.register()
    retarget.register()


def unregister() -> None:
    retarget.unregister()
    operators.unregister()
    for cls in reversed(_classes):
        bpy.utils.unregister_class(cls)
