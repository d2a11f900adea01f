"""The file that names what a model folder holds: the loader, the importer, the trainer and the
models list all look for these (no torch here, so checking a folder stays cheap)."""

CHECKPOINT_MARKER = "posegpt_checkpoint.json"  # a PoseGPT checkpoint (models/posegpt_checkpoint.py)
CHATPOSE_MARKER = "chatpose.json"  # an imported ChatPose folder (models/chatpose_import.py)
