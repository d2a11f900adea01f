"""Serving: the HTTP worker the add-on talks to (`python -m posegpt_blender serve`): binding and
announcing, routes, the token guard, input bounds, the model threads and video jobs."""
