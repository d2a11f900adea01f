"""Training: the embedded default model and PoseGPT (`python -m posegpt_blender train ...`)."""
