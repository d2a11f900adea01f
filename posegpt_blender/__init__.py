"""The PoseGPT worker: models, server, training, evaluation and command line. Never imports bpy."""
__version__ = "0.1.0"
