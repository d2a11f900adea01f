"""REPORT.md and its PNGs (accuracy bars, latency bars, the gallery grid) from the results."""
from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402

from ..evaluation.judge import CATEGORIES  # noqa: E402

METHODS = (("model", "served model"), ("model_alone", "PoseGPT-mini alone"),
           ("mean_pose", "mean pose"), ("retrieval", "whole-caption retrieval"),
           ("clause_lookup", "clause lookup"))
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
        _accuracy_plot(results["text"]["heldout"], out / "accuracy.png")
        lines += ["![accuracy](accuracy.png)", ""]
    if results.get("requests"):
        lines += _requests(results["requests"])
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
    new, old = text["heldout"], text["kind"]
    best = dict(METHODS)[new["baseline"]]
    lines = ["## Text -> pose, truly held-out captions", "",
             f"{new['items']} poses of whole CMU test motions ({new['cmu_test_poses']:,} in all, "
             f"taken in random order; {new['dropped_seen_captions']} of the "
             f"{new['looked_at']} looked at were passed over because every caption they have "
             "is word for word a training caption), each asked with one of its captions that "
             "no training caption repeats. No sampler poses: a held-out "
             "sampler group is a new draw of a training template, close to its training "
             f"draws. Errors in mm over the 22 body joints of {_body(body)} (pelvis at the "
             f"origin, global orientation applied). Served model: `{model}`, asked through its "
             "pose_from_text exactly as the worker does.", "",
             "Baselines, on the same queries: the train split's mean pose; whole-caption "
             f"retrieval (MiniLM sentence embedding, nearest of all {new['training_captions']:,} "
             "training captions, its pose); clause lookup (each clause of the query to its "
             "nearest training clause, then the mean pose of the training captions whose "
             "clauses overlap those best, by Jaccard). The strongest, "
             f"**{best}**, is the baseline.", "",
             *_error_table(new), "",
             *_ratio_lines(new, new["baseline"], best), "",
             "### The old protocol, kept for comparison (too kind)", "",
             f"{old['items']} random test poses, one random caption each; retrieval over a "
             f"fixed {old['retrieval_captions']:,} training captions. Too kind: "
             f"{old['sampler_items']} of the items are new draws of training templates and "
             f"{old['queries_seen_in_training']} of the queries are word for word training "
             "captions.", "", *_error_table(old), "",
             *_ratio_lines(old, "retrieval", "retrieval, the old baseline"), "",
             *_ratio_lines(old, "clause_lookup", "clause lookup")]
    return lines + [""]


def _ratio_lines(result: dict, base: str, label: str) -> list[str]:
    """Error / baseline error per metric, for the served model and PoseGPT-mini alone."""
    return [f"Ratio to {label} (below 1: better than the baseline):", ""] + [
        f"- {name}: " + ", ".join(f"{metric} {result[key][m] / result[base][m]:.2f}"
                                  for m, metric in METRICS)
        for key, name in METHODS[:2] if key in result]


def _error_table(result: dict) -> list[str]:
    lines = ["| method | " + " | ".join(m[1] for m in METRICS) + " |",
             "|---" * (len(METRICS) + 1) + "|"]
    for key, label in METHODS:
        if key in result:
            lines.append(f"| {label} | " + " | ".join(f"{result[key][m]:.1f}"
                                                       for m, _ in METRICS) + " |")
    return lines


def _requests(requests: dict) -> list[str]:
    splits = [s for s in ("dev", "test") if s in requests]
    before = requests.get("before", {})
    columns = [(s, requests[s], s) for s in splits] + \
        [(s, before[s], f"{s}, PoseGPT-mini alone") for s in splits if s in before]
    lines = ["## Requests as people type them", "",
             "Requests written by people with hand-written checks on the answer's joints "
             "(`posegpt_blender/data/requests/`, docs/EVALUATION.md); the describer is never "
             "the judge. *dev* was used to tune the product; *test* never was (written blind, "
             "without the project's lexicon, templates or training phrases). "
             "*PoseGPT-mini alone*: the model's bare answer, before the request's facts are "
             "read and kept.", "",
             "| fully right | " + " | ".join(c[2] for c in columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    for cat in CATEGORIES:
        cells = [f"{r['by_category'][cat]['right']}/{r['by_category'][cat]['of']}"
                 if cat in r["by_category"] else "-" for _, r, _ in columns]
        lines.append(f"| {cat} | " + " | ".join(cells) + " |")
    lines += ["| **all** | " + " | ".join(f"{r['fully_right']:.0%} of {r['requests']}"
                                          for _, r, _ in columns) + " |",
              "| side swaps (checks) | " + " | ".join(str(r["side_swaps"])
                                                     for _, r, _ in columns) + " |",
              "| direction flips (checks) | " + " | ".join(str(r["direction_flips"])
                                                          for _, r, _ in columns) + " |",
              "| mirror check | " + " | ".join(f"{r['mirror_check']:.0%} of {r['mirror_pairs']}"
                                               for _, r, _ in columns) + " |", ""]
    if "test" in requests:
        failed = [r for r in requests["test"]["rows"] if not r["right"]]
        lines += [f"Test requests the served model got wrong ({len(failed)}):", "",
                  "| id | request | failed checks |", "|---|---|---|"]
        lines += [f"| {r['id']} | {_cell(r['request'])} | {_cell('; '.join(r['failed']))} |"
                  for r in failed]
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
        lines += _mixed_load(speed.get("mixed_load"))
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


def _mixed_load(load: dict | None) -> list[str]:
    if not load:
        return []
    lines = [f"Mixed load: {load['clients']} clients, each cycling a description, a describe, "
             f"a health check and a 512 px picture: {load['requests']} requests in "
             f"{load['seconds']:.1f} s ({load['requests_per_s']:.1f}/s), {load['errors']} "
             "errors. Pictures run on their own lane, so descriptions do not wait behind them.",
             "", "| kind | requests | latency P50 / P95 (ms) |", "|---|---|---|"]
    for kind, p in load["latency_ms"].items():
        lines.append(f"| {kind} | {p['n']} | {p['p50']:.0f} / {p['p95']:.0f} |")
    for error in load.get("first_errors", []):
        lines.append(f"| error | | {_cell(error)} |")
    return lines + [""]


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")[:200]


def _pct(values: list[float], q: float) -> float:
    import numpy as np
    return float(np.percentile(values, q))


def _accuracy_plot(text: dict, path: Path) -> None:
    import numpy as np

    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=90)
    x = np.arange(len(METRICS))
    methods = [(k, label) for k, label in METHODS if k in text]
    width = 0.8 / len(methods)
    for i, (key, label) in enumerate(methods):
        ax.bar(x + (i - (len(methods) - 1) / 2) * width, [text[key][m] for m, _ in METRICS],
               width, label=label)
    ax.set_xticks(x, [m[1] for m in METRICS])
    ax.set_ylabel("mm (truly held out)")
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
             "requests (postures, sided contacts, stepping, facing, activities, emotions; shown, "
             "not scored), rendered headless.", "",
             "![gallery](gallery.png)", "", "| prompt | operator (s) | the worker's answer |",
             "|---|---|---|"]
    for item in gallery:
        lines.append(f"| {item['prompt']} | {item['seconds']:.2f} | {_cell(item['answer'])} |")
    return lines + [""]
