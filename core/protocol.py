"""What the add-on and the worker must agree on: request limits, caps and the worker's stdout tags.

Both sides import these names (the add-on as `..core.protocol`, the worker as `core.protocol`);
nothing here is restated elsewhere, so a limit changed here changes on both sides at once.
"""

# One request's JSON body. The add-on checks it before sending, because a worker that refuses a
# body unread resets the upload, which would read as a crash.
MAX_BODY_BYTES = 20 * 1024 * 1024
# A picture or video file sent in one body: base64 makes it 4/3 as large, and the JSON around it
# gets a megabyte (14 MB).
MAX_UPLOAD_FILE_BYTES = MAX_BODY_BYTES * 3 // 4 - 1024 * 1024
# A base64 picture or video may use nearly the whole body; the JSON around it is small.
MAX_UPLOAD_B64_CHARS = MAX_BODY_BYTES
MAX_TEXT_CHARS = 2000  # a prompt, or one message of the history
# The conversation sent as history: user and assistant messages, so half as many prompt/answer
# pairs.
MAX_HISTORY_MESSAGES = 32
MAX_HISTORY_PAIRS = MAX_HISTORY_MESSAGES // 2
MAX_VARIATIONS = 8  # different answers one description may ask for ("count")
MIN_TOKEN_CHARS = 16  # a bearer token shorter than this is refused by both sides

# The environment variable that hands the worker its bearer token.
TOKEN_ENV = "POSEGPT_TOKEN"
# Lines the worker prints on stdout, each a tag, a space and JSON: LISTENING once its socket is
# bound, then READY when the model is loaded or FAILED when it cannot be; PROGRESS for each step
# of `models download --progress-json`.
LISTENING = "POSEGPT_LISTENING"
READY = "POSEGPT_READY"
FAILED = "POSEGPT_FAILED"
PROGRESS = "POSEGPT_PROGRESS"


def check_count(count: int) -> None:
    """ValueError unless count (the variations asked for) is 1 to MAX_VARIATIONS."""
    if not 1 <= count <= MAX_VARIATIONS:
        raise ValueError(f"count must be 1 to {MAX_VARIATIONS}, got {count}")
