"""bpy.ops.posegpt.*: worker control, rig creation, posing requests, describe, pose files."""
from . import install_ops, io_ops, model_ops, pose_asset, pose_ops, props, worker_ops

classes = (props.classes + worker_ops.classes + install_ops.classes + pose_ops.classes
           + io_ops.classes + model_ops.classes + pose_asset.classes)


def register() -> None:
    props.register()


def unregister() -> None:
    model_ops.unregister()
    install_ops.unregister()
    worker_ops.unregister()
    props.unregister()
