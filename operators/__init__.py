"""bpy.ops.posegpt.*: worker control, rig creation, posing requests, describe, pose files."""
from . import (install_ops, io_ops, model_ops, pose_asset, pose_ops, props, shot_list,
               variations, worker_ops, workflow_props)

classes = (props.classes + worker_ops.classes + install_ops.classes + pose_ops.classes
           + io_ops.classes + model_ops.classes + workflow_props.classes + pose_asset.classes
           + shot_list.classes + variations.classes)


def register() -> None:
    props.register()
    workflow_props.register()


def unregister() -> None:
    model_ops.unregister()
    install_ops.unregister()
    worker_ops.unregister()
    workflow_props.unregister()
    props.unregister()
