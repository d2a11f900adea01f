"""bpy-free, torch-free code shared by the add-on and the worker (numpy only)."""
