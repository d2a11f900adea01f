"""REPORT.md and its PNGs (accuracy bars, latency bars, the gallery grid) from the results."""
from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402

METHODS = (("model", "served model"), ("mean_pose", "mean pose"),
           ("retrieval", "nearest-caption retrieval"))
METRICS = (("mpjpe_mm", "MPJPE"), ("pa_mpjpe_mm", "PA-MPJPE"), ("mpjpe_torso_mm", "torso"),
           ("mpjpe_arms_mm", "arms"), ("mpjpe_legs_mm", "legs"))


def write_report(results: dict, out: Path, tiles: list[Path]) -> None:
    """Write out/REPORT.md and the PNGs it links."""
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"# PoseGPT for Blender: benchmark{' (quick)' if results['quick'] else ''}", "",
             f"Command: `{results['command']}` ({results['started']}, "
             f"{results.get('total_seconds', 0):.0f} s in all).", "", _machine(results), ""]
    if results.get("errors"):
        lines += ["## Sections that did not run", ""]
        lines += [f"- **{k}**: {v.splitlines()[0]}" for k, v in results["errors"].items()] + [""]
    if results.get("text"):
        lines += _text(results["text"], results["model"], results.get("body", "skeleton"))
        _accuracy_plot(results["text"], out / "accuracy.png")
        lines += ["![accuracy](accuracy.png)", ""]
    if results.get("prompts"):
        lines += _prompts(results["prompts"])
    if results.get("image") or results.get("pck"):
        lines += _image(results.get("image"), results.get("pck"))
    if results.get("video"):
        lines += _video(results["video"])
    if results.get("speed") or results.get("blender"):
        lines += _speed(results.get("speed"), results.get("blender"))
        _latency_plot(results.get("speed"), results.get("blender"), out / "latency.png")
        lines += ["![latency](latency.png)", ""]
    if tiles:
        _gallery(results["gallery"], tiles, out / "gallery.png")
        lines += _gallery_md(results["gallery"])
    (out / "REPORT.md").write_text("\n".join(lines) + "\n")


def _body(body: str) -> str:
    return "the project skeleton" if body == "skeleton" else f"the SMPL model `{body}`"


def _machine(results: dict) -> str:
    m = results["machine"]
    return (f"Machine: {m['cpu_cores']} CPU cores ({m['processor']}), {m['memory_gb']} GB, "
            f"{m['platform']}, Python {m['python']}, torch {m['torch']}, "
            f"CUDA {'yes' if m['cuda'] else 'no'}.")


def _text(text: dict, model: str, body: str) -> list[str]:
    lines = ["## Text -> pose, held-out captions", "",
             f"{text['items']} held-out poses (whole CMU motions and sampler groups unseen in "
             f"training), one random caption each; retrieval searches "
             f"{text['retrieval_captions']} training captions. Errors in mm over the 22 body "
             f"joints of {_body(body)} (pelvis at the origin, global orientation applied). "
             "Served model: "
             f"`{model}`, asked through its pose_from_text exactly as the worker does.", "",
             "| method | " + " | ".join(m[1] for m in METRICS) + " |",
             "|---" * (len(METRICS) + 1) + "|"]
    for key, label in METHODS:
        lines.append(f"| {label} | " + " | ".join(f"{text[key][m]:.1f}" for m, _ in METRICS)
                     + " |")
    lines += ["", "Ratio model / baseline (below 1: the model is better):", "",
              "| baseline | " + " | ".join(m[1] for m in METRICS) + " |",
              "|---" * (len(METRICS) + 1) + "|"]
    for key, label in METHODS[1:]:
        lines.append(f"| {label} | " + " | ".join(f"{text['ratios'][key][m]:.2f}"
                                                   for m, _ in METRICS) + " |")
    return lines + [""]


def _prompts(prompts: dict) -> list[str]:
    s = prompts["summary"]
    lines = ["## Requests as animators type them", "",
             f"Explicit requests ({s['explicit_prompts']}): the pose must show every named fact "
             f"(the captioner reads it back). Facts shown: {s['explicit_fact_recall']:.0%}; "
             f"requests with every fact right: {s['explicit_all_facts_right']:.0%}."]
    if "speculative_prompts" in s:
        lines.append(f"Speculative requests ({s['speculative_prompts']}): the nearest pose of the "
                     f"data set must come from a fitting template: "
                     f"{s['speculative_nearest_template_right']:.0%}.")
    lines += ["", "| request | kind | result |", "|---|---|---|"]
    for row in prompts["prompts"]:
        if row["kind"] == "explicit":
            result = "all facts shown" if not row["missing"] else \
                "missing: " + "; ".join(row["missing"])
        else:
            result = ("ok" if row["ok"] else "wrong") + f" (nearest: {row['nearest']})"
        lines.append(f"| {_cell(row['prompt'])} | {row['kind']} | {_cell(result)} |")
    return lines + [""]


def _image(image: dict | None, pck: dict | None) -> list[str]:
    lines = ["## Image -> pose", ""]
    if image:
        lines += [f"Held-out poses rendered in Blender on the add-on's mannequin body, from "
                  f"several cameras ({image['all']['images']} images; az = azimuth from the "
                  "body's front, el = elevation, degrees). Joints in the camera's frame, "
                  "pelvis-centred, mm over 22 body joints. Baselines: the training mean pose, "
                  "Procrustes-aligned; MediaPipe's own 3D world landmarks taken as the joints "
                  "(what landmark-transfer add-ons such as BlendArMocap put on a rig).", "",
                  "| view | detected | facing reversed | MPJPE | MPJPE, facing right | PA-MPJPE "
                  "| mean-pose PA-MPJPE | MediaPipe MPJPE | MediaPipe PA-MPJPE "
                  "| MediaPipe facing reversed |", "|---|---|---|---|---|---|---|---|---|---|"]
        for view, row in [*image["per_view"].items(), ("all", image["all"])]:
            lines.append(f"| {view} | {row['detected']}/{row['images']} | "
                         f"{row['facing_reversed']}/{row['detected']} | "
                         + " | ".join(_mm(row[k]) for k in ("mpjpe_mm", "mpjpe_facing_ok_mm",
                                                            "pa_mpjpe_mm",
                                                            "baseline_pa_mpjpe_mm",
                                                            "mediapipe_mpjpe_mm",
                                                            "mediapipe_pa_mpjpe_mm"))
                         + f" | {row['mediapipe_facing_reversed']}/{row['detected']} |")
        lines += ["", "*Facing reversed*: the body was read as turned away from where it faces "
                  "(its left-right axis reversed); such images count in MPJPE as they are, and "
                  "the next column leaves them out. PA-MPJPE forgives the turn.", ""]
    if pck:
        torso = f", {pck['pck@0.1_torso']:.2f} with the torso size" if "pck@0.1_torso" in pck \
            else ""
        lines += [f"Real photo `{pck['photo']}` (COCO val2017, labelled keypoints): 2D PCK@0.1 "
                  f"of the fitted skeleton's projection over {pck['keypoints']} limb keypoints: "
                  f"{pck['pck@0.1_bbox']:.2f} with the keypoint box diagonal{torso}.", ""]
    return lines


def _video(video: dict) -> list[str]:
    rows = [f"| {name} | {_mm(video[key]['mpjpe_mm'])} | {_mm(video[key]['pa_mpjpe_mm'])} | "
            f"{_mm(video[key]['accel_error_mm'])} |"
            for name, key in (("smoothed (the answer)", "smoothed"),
                              ("per frame, unsmoothed", "unsmoothed"))]
    return ["## Video -> keyframes", "",
            f"CMU `{video['motion']}` (held out; every {video['stride']}th frame, "
            f"{video['frames']} frames) rendered on the mannequin from one fixed camera (az "
            f"{video['view'][0]}, el {video['view'][1]}) at {video['px']} px as an MP4 at "
            f"{video['fps']:g} fps, read back by pose from video. mm over 22 joints, "
            "pelvis-centred; acceleration error = mean |second difference| against the "
            f"truth's, mm/frame^2 (the truth's own: {_mm(video['truth_accel_mm'])}).", "",
            "| answer | MPJPE | PA-MPJPE | acceleration error |", "|---|---|---|---|", *rows,
            "", f"{video['frames_per_s']:.1f} frames/s ({video['px']} px, decoding included; "
            f"facing turned for the clip: {video['facing_turned']}).", ""]


def _mm(value: float) -> str:
    return f"{value:.1f}" if math.isfinite(value) else "n/a"


def _speed(speed: dict | None, blender: dict | None) -> list[str]:
    lines = ["## Speed", ""]
    if speed:
        cold = speed["cold_start_s"]
        lines += [f"Worker ({speed['model']} on {speed['device']}): cold start "
                  f"{cold['listening']:.2f} s to the socket, {cold['ready']:.2f} s to ready; "
                  f"peak RSS {speed['peak_rss_mb']:.0f} MB.", "",
                  "| request | first (ms) | round trip P50 / P95 (ms) | inference P50 / P95 "
                  "(ms) |", "|---|---|---|---|"]
        for key in ("text", "image_512", "image_1024"):
            r = speed[key]
            if "error" in r:
                lines.append(f"| {key} | failed: {_cell(r['error'])} | | |")
                continue
            lines.append(f"| {key} | {r['first_ms']:.0f} | {r['round_trip_ms']['p50']:.0f} / "
                         f"{r['round_trip_ms']['p95']:.0f} | {r['inference_ms']['p50']:.0f} / "
                         f"{r['inference_ms']['p95']:.0f} |")
        lines += ["", f"Images: `{speed['photo']}` resized to a longest side of 512 and 1024 px "
                  "(PNG).", "", "| concurrent clients | requests/s | latency P50 / P95 (ms) |",
                  "|---|---|---|"]
        for t in speed["throughput"]:
            lines.append(f"| {t['clients']} | {t['requests_per_s']:.1f} | "
                         f"{t['latency_ms']['p50']:.0f} / {t['latency_ms']['p95']:.0f} |")
        lines.append("")
    if blender:
        ts = blender["timings_s"]
        lines += [f"Headless bpy ({blender.get('blender_version', '?')}, render engine "
                  f"{blender.get('engine', '?')}): extension install {ts.get('install', 0):.1f} "
                  f"s; `worker_start` (cold, through the add-on) {ts.get('worker_start', 0):.1f}"
                  " s. End to end per operator call, request -> posed rig:", "",
                  "| operator | calls | P50 (ms) | P95 (ms) |", "|---|---|---|---|"]
        for key, values in blender.get("latency_s", {}).items():
            p50, p95 = _pct(values, 50) * 1000, _pct(values, 95) * 1000
            lines.append(f"| pose_from_{'text' if key == 'text' else 'image'} "
                         f"({key}) | {len(values)} | {p50:.0f} | {p95:.0f} |")
        for key, error in blender.get("latency_errors", {}).items():
            lines.append(f"| {key} | failed: {_cell(error)} | | |")
        lines.append("")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")[:200]


def _pct(values: list[float], q: float) -> float:
    import numpy as np
    return float(np.percentile(values, q))


def _accuracy_plot(text: dict, path: Path) -> None:
    import numpy as np

    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=90)
    x = np.arange(len(METRICS))
    for i, (key, label) in enumerate(METHODS):
        ax.bar(x + (i - 1) * 0.27, [text[key][m] for m, _ in METRICS], 0.27, label=label)
    ax.set_xticks(x, [m[1] for m in METRICS])
    ax.set_ylabel("mm (held-out)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _latency_plot(speed: dict | None, blender: dict | None, path: Path) -> None:
    labels, p50, p95 = [], [], []
    for key in ("text", "image_512", "image_1024"):
        if speed and "error" not in speed[key]:
            labels.append(f"worker\n{key}")
            p50.append(speed[key]["round_trip_ms"]["p50"])
            p95.append(speed[key]["round_trip_ms"]["p95"])
        if blender and key in blender.get("latency_s", {}):
            labels.append(f"Blender op\n{key}")
            p50.append(_pct(blender["latency_s"][key], 50) * 1000)
            p95.append(_pct(blender["latency_s"][key], 95) * 1000)
    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=90)
    x = range(len(labels))
    ax.bar([i - 0.2 for i in x], p50, 0.4, label="P50")
    ax.bar([i + 0.2 for i in x], p95, 0.4, label="P95")
    ax.set_xticks(list(x), labels, fontsize=7)
    ax.set_ylabel("ms")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _gallery(gallery: list[dict], tiles: list[Path], path: Path) -> None:
    cols = min(5, len(tiles))
    rows = -(-len(tiles) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(1.9 * cols, 2.25 * rows), dpi=80,
                             squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, tile, item in zip(axes.flat, tiles, gallery):
        ax.imshow(plt.imread(tile))
        ax.set_title("\n".join(textwrap.wrap(item["prompt"], 24)), fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    _palette(path)


def _palette(path: Path) -> None:
    """Rewrite a PNG with a 128-colour palette: a third of the size, enough for flat renders."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(128)
    small.save(path, optimize=True)


def _gallery_md(gallery: list[dict]) -> list[str]:
    lines = ["## Gallery", "", "The rig posed by `bpy.ops.posegpt.pose_from_text` for fixed "
             "prompts (the first six explicit, the rest speculative), rendered headless.", "",
             "![gallery](gallery.png)", "", "| prompt | operator (s) | the worker's answer |",
             "|---|---|---|"]
    for item in gallery:
        lines.append(f"| {item['prompt']} | {item['seconds']:.2f} | {_cell(item['answer'])} |")
    return lines + [""]
