"""`models list` and `models download`: the models a user can serve, where they live, what they
need, and getting them from a model hub (huggingface_hub; HF_ENDPOINT picks the hub).

Downloads go to the models folder ($POSEGPT_MODELS_DIR, else a `posegpt/models` data folder),
one subfolder per model. They resume (huggingface_hub keeps partial files beside them), check
the free disk first, and show a model's licence once: accepting it is remembered in the config
folder. Nothing here runs at serve time: the worker never downloads.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from core.worker_process import config_dir

from .markers import CHATPOSE_MARKER, CHECKPOINT_MARKER

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "default"
LICENCES_FILE = "accepted_licences.json"
GB = 1e9
# Files a served model never reads: other frameworks' copies of the weights.
IGNORED = ["*.h5", "*.msgpack", "*.ot", "flax_model*", "tf_model*", "*.onnx", "*.tflite"]
KV_HEADROOM_GB = 2.0  # activations and the KV cache of a ~1,000-token answer, 13B (estimate)


@dataclass
class Entry:
    """A model the catalogue knows by name."""

    name: str
    repo_id: str
    licence: str
    description: str
    requires: tuple[str, ...] = ()
    import_chatpose: bool = False  # turned into a served folder by import-chatpose


CATALOGUE = {e.name: e for e in [
    Entry("chatpose", "YaoFeng/CHATPOSE-V0",
          licence="ChatPose (Feng et al., CVPR 2024) is a fine-tune of LLaVA-1.5-13B, built on "
          "Llama 2: its use is bound by the Llama 2 Community License Agreement (Meta), "
          "including its Acceptable Use Policy. Its repository states no licence of its own: "
          "ask its authors before any use beyond research. The project does not redistribute "
          "it; you download it yourself.",
          description="ChatPose's published 13B model (text and pictures to poses); ~26 GB",
          requires=("clip-vit-large-patch14-336",), import_chatpose=True),
    Entry("clip-vit-large-patch14-336", "openai/clip-vit-large-patch14-336",
          licence="OpenAI CLIP ViT-L/14-336: MIT licence (see the model card for its intended "
          "research use).",
          description="the CLIP vision tower ChatPose reads pictures with; ~1.7 GB"),
]}


class StoreError(RuntimeError):
    """A download or listing cannot proceed; the message says why and what to do."""


def models_dir() -> Path:
    """$POSEGPT_MODELS_DIR, else the platform's data folder + posegpt/models."""
    if os.environ.get("POSEGPT_MODELS_DIR"):
        return Path(os.environ["POSEGPT_MODELS_DIR"]).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "posegpt" / "models"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "posegpt" / "models"


# -- listing ----------------------------------------------------------------------------------
@dataclass
class Installed:
    """One servable model on disk and what it needs."""

    name: str
    kind: str                  # "default", "chatpose", "posegpt"
    path: str                  # what `serve --model` takes
    disk_gb: float
    parameters: int
    gpu_gb: dict[str, float] = field(default_factory=dict)  # precision -> GB (estimates)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def safetensors_parameters(folder: Path) -> int:
    """Parameters in a folder's safetensors files, read from their headers only."""
    total = 0
    for file in Path(folder).glob("*.safetensors"):
        with open(file, "rb") as f:
            (size,) = struct.unpack("<Q", f.read(8))
            if size > 100_000_000:
                raise StoreError(f"{file}: not a safetensors file")
            header = json.loads(f.read(size))
        for key, meta in header.items():
            if key != "__metadata__":
                n = 1
                for d in meta["shape"]:
                    n *= d
                total += n
    return total


def gpu_needs(parameters: int) -> dict[str, float]:
    """GPU memory (GB) to serve a model of that many parameters: weights plus headroom.
    Estimates: 2 bytes a parameter in bf16, ~1.1 in 8-bit, ~0.6 in 4-bit (NF4, with the vision
    tower, projector and LM head kept in bf16)."""
    return {"bf16": round(parameters * 2 / GB + KV_HEADROOM_GB, 1),
            "8bit": round(parameters * 1.1 / GB + KV_HEADROOM_GB, 1),
            "4bit": round(parameters * 0.6 / GB + KV_HEADROOM_GB, 1)}


def list_installed(folder: Path | None = None) -> list[Installed]:
    """The default model and every servable folder in the models folder."""
    out = [Installed("default", "default", "default", round(folder_bytes(DEFAULT_WEIGHTS) / GB, 3),
                     safetensors_parameters(DEFAULT_WEIGHTS), {"cpu": 0.0})]
    root = Path(folder) if folder else models_dir()
    for sub in sorted(p for p in root.glob("*") if p.is_dir()) if root.is_dir() else []:
        if (sub / CHATPOSE_MARKER).is_file():
            kind, params = "chatpose", safetensors_parameters(sub)
        elif (sub / CHECKPOINT_MARKER).is_file():
            kind, params = "posegpt", _checkpoint_parameters(sub)
        else:
            continue
        out.append(Installed(sub.name, kind, str(sub), round(folder_bytes(sub) / GB, 3), params,
                             gpu_needs(params)))
    return out


def _checkpoint_parameters(folder: Path) -> int:
    try:
        config = json.loads((folder / CHECKPOINT_MARKER).read_text(encoding="utf-8"))
        base = Path(config["base_model"]).expanduser()
        base = base if base.is_absolute() else folder / base
        return safetensors_parameters(base) + safetensors_parameters(folder)
    except (OSError, KeyError, json.JSONDecodeError, StoreError):
        return 0


# -- licences ---------------------------------------------------------------------------------
def _licences() -> dict[str, str]:
    path = config_dir() / LICENCES_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def licence_accepted(repo_id: str, licence: str) -> bool:
    return _licences().get(repo_id) == licence


def accept_licence(repo_id: str, licence: str) -> None:
    """Remember that the user accepted this text for this repository."""
    accepted = _licences()
    accepted[repo_id] = licence
    path = config_dir() / LICENCES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accepted, indent=1), encoding="utf-8")


def entry_for(name: str) -> Entry:
    """The catalogue entry, or a plain one for any hub repository id ("owner/name")."""
    if name in CATALOGUE:
        return CATALOGUE[name]
    if name.count("/") != 1 or not all(name.split("/")):
        raise StoreError(f"unknown model '{name}': use one of {', '.join(CATALOGUE)} or a "
                         "repository id (owner/name)")
    return Entry(name.split("/")[1], name,
                 licence=f"the licence on the model card of {name} (read it on the hub)",
                 description=name)


# -- downloading ------------------------------------------------------------------------------
Report = Callable[[dict[str, Any]], None]


def _progress_class(report: Report) -> type:
    """A tqdm class for huggingface_hub that reports the bytes written (throttled)."""
    from huggingface_hub.utils import tqdm as hf_tqdm

    class Reporting(hf_tqdm):
        last = 0.0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.bytes = kwargs.get("unit") == "B"
            self.done = int(kwargs.get("initial") or 0)  # tqdm stops counting when disabled

        def update(self, n: float | None = 1) -> bool | None:
            shown = super().update(n)
            self.done += int(n or 0)
            now, total = time.monotonic(), int(self.total or 0)
            if self.bytes and (now - Reporting.last > 0.2 or self.done >= total):
                Reporting.last = now
                report({"done": self.done, "total": total})
            return shown

    return Reporting


def _hub_call(what: str, fn: Callable[[], Any]) -> Any:
    """fn() with the hub's errors turned into one clear StoreError."""
    from huggingface_hub import constants
    from huggingface_hub.errors import (GatedRepoError, HfHubHTTPError, OfflineModeIsEnabled,
                                        RepositoryNotFoundError)

    try:
        return fn()
    except (RepositoryNotFoundError, GatedRepoError) as exc:
        raise StoreError(f"{what}: the hub at {constants.ENDPOINT} refuses it "
                         f"({exc.__class__.__name__}); check the name, or log in with "
                         "`hf auth login` if it is gated") from exc
    except OfflineModeIsEnabled as exc:
        raise StoreError(f"{what}: HF_HUB_OFFLINE is set, downloads are off; unset it to "
                         "download") from exc
    except HfHubHTTPError as exc:
        raise StoreError(f"{what}: the hub answered {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}; run it again to resume") from exc
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in ("httpx", "httpx2", "httpcore",
                                                      "httpcore2"):
            raise
        raise StoreError(f"{what}: cannot reach the model hub at {constants.ENDPOINT} "
                         f"({exc.__class__.__name__}; offline?); run it again when online: "
                         "finished files are kept and a partial one resumes") from exc


def _wanted(files: dict[str, int]) -> dict[str, int]:
    """The files a served model reads: no other frameworks' copies, and safetensors instead of
    .bin weights when the repository has both."""
    ignore = IGNORED + (["*.bin", "*.pt", "*.pth"]
                        if any(f.endswith(".safetensors") for f in files) else [])
    return {f: size for f, size in files.items() if not _ignored(f, ignore)}


def _fetch(entry: Entry, folder: Path, report: Report) -> None:
    """Download entry's repository into folder, file by file; a file's bytes go to
    .partial/NAME.ETAG first and an interrupted file resumes where it stopped (HTTP range)."""
    from huggingface_hub import HfApi, get_hf_file_metadata, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.hf_api import RepoFile
    from huggingface_hub.utils import build_hf_headers

    api = HfApi()
    commit = _hub_call(entry.repo_id, lambda: api.repo_info(entry.repo_id).sha)
    tree = _hub_call(entry.repo_id, lambda: list(api.list_repo_tree(
        entry.repo_id, recursive=True, revision=commit)))
    files = _wanted({f.path: int(f.size or 0) for f in tree if isinstance(f, RepoFile)})
    partial = folder / ".partial"

    def have(name: str) -> int:
        if (folder / name).is_file() and (folder / name).stat().st_size == files[name]:
            return files[name]
        return sum(p.stat().st_size for p in (partial / name).parent.glob(
            f"{Path(name).name}.*.part"))

    total = sum(files.values())
    done = sum(have(name) for name in files)
    _check_disk(folder, (total - done) + (total if entry.import_chatpose else 0))
    report({"stage": "download", "model": entry.name, "done": done, "total": total})
    bar = _progress_class(lambda info: report({"stage": "download", "model": entry.name,
                                               **info}))(total=total, initial=done, unit="B",
                                                         unit_scale=True, desc=entry.name)
    try:
        for name, size in files.items():
            final = folder / name
            if final.is_file() and final.stat().st_size == size:
                continue
            url = hf_hub_url(entry.repo_id, name, revision=commit)
            meta = _hub_call(name, lambda: get_hf_file_metadata(url))
            part = partial / f"{name}.{(meta.etag or 'noetag').strip(chr(34))}.part"
            part.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "ab") as out:
                _hub_call(name, lambda: http_get(
                    meta.location, out, resume_size=part.stat().st_size,
                    headers=build_hf_headers(), expected_size=meta.size or None,
                    displayed_filename=name, _tqdm_bar=bar))
            final.parent.mkdir(parents=True, exist_ok=True)
            part.replace(final)
    finally:
        bar.close()
    shutil.rmtree(partial, ignore_errors=True)


def download(name: str, to: Path | None = None, accept: bool = False,
             ask: Callable[[str], bool] | None = None, report: Report | None = None) -> Path:
    """Download (and for ChatPose, import) a catalogue model or any hub repository into
    to (default models_dir()/NAME); returns the folder `serve --model` takes.

    A licence not accepted before is put to ask (a yes/no question), or with accept reported
    ({"stage": "licence", "text"}) and taken as accepted; refused: StoreError. report gets
    {"stage", "model", "done", "total"} dictionaries.
    """
    entry = entry_for(name)
    root = models_dir()
    target = Path(to).expanduser() if to else root / entry.name
    report = report or (lambda _info: None)
    for needed in entry.requires:  # e.g. ChatPose's CLIP tower
        download(needed, None, accept, ask, report)
    if not licence_accepted(entry.repo_id, entry.licence):
        question = f"{entry.repo_id}: {entry.licence}\nAccept these terms and download? [y/N] "
        if accept:
            report({"stage": "licence", "model": entry.name, "text": question.splitlines()[0]})
        elif ask is None or not ask(question):
            raise StoreError(f"the licence of {entry.repo_id} was not accepted: read it (`models "
                             "download` shows it) and accept it, or pass --accept-licence")
        accept_licence(entry.repo_id, entry.licence)
    if entry.import_chatpose and (target / CHATPOSE_MARKER).is_file():
        report({"stage": "done", "model": entry.name})
        return target
    raw = root / ".downloads" / entry.name if entry.import_chatpose else target
    _fetch(entry, raw, report)
    if entry.import_chatpose:
        from .chatpose_import import import_chatpose

        report({"stage": "import", "model": entry.name})
        clip = root / CATALOGUE["clip-vit-large-patch14-336"].name
        partial = target.with_name(target.name + ".importing")
        shutil.rmtree(partial, ignore_errors=True)
        import_chatpose(raw, partial, vision_tower=clip, progress=False)
        partial.rename(target)
        shutil.rmtree(raw)
    report({"stage": "done", "model": entry.name})
    return target


def _ignored(filename: str, patterns: list[str]) -> bool:
    from fnmatch import fnmatch
    return any(fnmatch(filename, p) for p in patterns)


def _check_disk(folder: Path, needed: int) -> None:
    probe = Path(folder)
    while not probe.exists():
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed > free:
        raise StoreError(f"not enough disk space in {probe}: this needs {needed / GB:.1f} GB, "
                         f"{free / GB:.1f} GB are free; free some or pass --to another disk")
