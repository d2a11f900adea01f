"""The worker serving real models: poses, no-person, concurrency, cancellation, crash, restart.

Tests on `ready_worker` use the trained default model; tests on `slow_worker` /
`tiny_model_spec` test the worker's mechanics on a tiny untrained PoseGPT checkpoint, slow
enough for requests to queue and to be killed mid-inference.
"""
from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time

import numpy as np
import pytest
from PIL import Image

from conftest import REPO_ROOT, RunningWorker
from core.client import WorkerError, poses_from_response
from core.pose import SmplPose
from core.worker_process import WorkerProcess

TEXTS = ["raise both arms above the head", "sit on the floor with crossed legs",
         "a person kneeling on the left knee", "touch the toes with both hands"]


def encode(image: np.ndarray, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, fmt)
    return buf.getvalue()


@pytest.fixture(scope="module")
def photo() -> bytes:
    """A real photo of a person (skimage's astronaut), scaled to 1024 px."""
    from skimage import data
    image = Image.fromarray(data.astronaut()).resize((1024, 1024))
    return encode(np.asarray(image), "JPEG")


def test_text_gives_a_valid_pose_with_timings(ready_worker: RunningWorker) -> None:
    answer = ready_worker.client().pose(text=TEXTS[0])
    poses = poses_from_response(answer)
    assert len(poses) >= 1 and isinstance(answer["text"], str)
    assert np.abs(poses[0].body_pose).max() > 1e-3  # a real answer, not the rest pose
    assert {"decode_ms", "queue_ms", "inference_ms", "total_ms"} <= set(answer["timings"])


def test_count_answers_different_poses_keeping_the_request(ready_worker: RunningWorker) -> None:
    from posegpt_blender.evaluation.judge import Check, judge

    answer = ready_worker.client().pose(text="left hand on the right knee", count=3)
    variations = poses_from_response(answer, "variations")
    assert len(variations) == 3 and "poses" not in answer
    touch = (Check.parse("touch left_hand right_knee"),)
    assert all(judge(p.rotations(), touch).right for p in variations)
    joints = np.stack([np.asarray(v["joints"]) for v in answer["variations"]])
    assert np.linalg.norm(joints[0] - joints[1], axis=-1).mean() > 0.02


def test_photo_gives_a_pose(ready_worker: RunningWorker, photo: bytes) -> None:
    poses = poses_from_response(ready_worker.client().pose(image=photo))
    assert np.all(np.isfinite(poses[0].rotations()))


def test_picture_of_two_people_lists_them_and_poses_the_one_asked_for(
        ready_worker: RunningWorker) -> None:
    from skimage import data

    astronaut = data.astronaut()
    canvas = np.full((512, 1024, 3), 255, np.uint8)
    canvas[:, :512], canvas[128:384, 640:896] = astronaut, astronaut[::2, ::2]
    client = ready_worker.client()
    largest = client.pose(image=encode(canvas))
    assert largest["person"] == 0 and len(largest["people"]) == 2
    boxes = [p["box"] for p in largest["people"]]
    assert boxes[0][2] <= 512 + 20 and boxes[1][0] >= 640 - 20  # left to right, in pixels
    second = client.pose(image=encode(canvas), person=1)
    assert second["person"] == 1 and "posed person 1 (as asked)" in second["notes"][0]
    with pytest.raises(WorkerError) as refused:
        client.pose(image=encode(canvas), person=5)
    assert refused.value.status == 422 and "shows 2" in str(refused.value)


def test_a_facing_hint_turns_a_contrary_reading(ready_worker: RunningWorker,
                                                photo: bytes) -> None:
    client = ready_worker.client()
    assert not any("turned" in n for n in client.pose(image=photo, facing="camera")["notes"])
    away = client.pose(image=photo, facing="away")  # the astronaut faces the camera
    assert any("face away, so the reading was turned" in n for n in away["notes"])
    with pytest.raises(WorkerError) as refused:
        client._request("POST", "/v1/pose", {"image": "AAAA", "facing": "left"})
    assert refused.value.status == 422


def test_picture_without_a_person_is_422(ready_worker: RunningWorker) -> None:
    blank = np.full((256, 256, 3), 200, np.uint8)
    with pytest.raises(WorkerError) as refused:
        ready_worker.client().pose(image=encode(blank))
    assert refused.value.status == 422 and refused.value.code == "no_person"


def test_describe_puts_a_pose_in_words(ready_worker: RunningWorker) -> None:
    text = ready_worker.client().describe(SmplPose().to_dict()["smpl"])
    assert isinstance(text, str) and len(text.split()) >= 3


def test_eight_concurrent_clients_get_their_own_answers(ready_worker: RunningWorker) -> None:
    client = ready_worker.client(timeout=300)
    texts = TEXTS  # two clients per text: each answer must match its own request
    expected = {t: poses_from_response(client.pose(text=t))[0].rotations() for t in texts}
    answers: list[tuple[str, np.ndarray]] = []
    errors: list[Exception] = []

    def ask(text: str) -> None:
        try:
            answers.append((text, poses_from_response(client.pose(text=text))[0].rotations()))
        except Exception as exc:  # collected: a thread's assert would be lost
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    assert sorted(t for t, _ in answers) == sorted(texts * 2)
    for text, got in answers:
        np.testing.assert_allclose(got, expected[text], atol=1e-5, err_msg=text)


def test_kill_during_inference_then_restart(tiny_model_spec: str) -> None:
    worker = WorkerProcess(python=sys.executable, pythonpath=REPO_ROOT, model=tiny_model_spec,
                           device="cpu")
    worker.start()
    try:
        worker.wait_ready(timeout=300)
        client = worker.client(timeout=300)
        results: list[object] = []
        first_done = threading.Event()

        def ask(text: str) -> None:
            try:
                results.append(client.pose(text=text))
            except WorkerError as exc:
                results.append(exc)
            first_done.set()

        # Many more requests than can finish while this thread wakes up to kill the worker.
        asks = TEXTS * 6
        threads = [threading.Thread(target=ask, args=(t,)) for t in asks]
        for t in threads:
            t.start()
        first_done.wait(300)
        os.kill(worker.pid, signal.SIGKILL)  # the others are queued or running
        for t in threads:
            t.join(60)
        crashed = [r for r in results if isinstance(r, WorkerError)]
        assert len(results) == len(asks) and crashed, results
        assert all(e.code == "crashed" and "Restart it" in str(e) for e in crashed), crashed
        worker._proc.wait(10)
        assert worker.poll() == "failed" and "exited" in worker.error
        worker.start()
        worker.wait_ready(timeout=300)
        assert poses_from_response(worker.client(timeout=300).pose(text=TEXTS[0]))
    finally:
        worker.stop()


def test_work_of_clients_that_gave_up_is_dropped(slow_worker: RunningWorker) -> None:
    client = slow_worker.client()
    before = client.health()["served"]
    impatient = slow_worker.client(timeout=0.2)
    codes: list[str] = []

    def give_up() -> None:
        try:
            impatient.pose(text=TEXTS[1])
            codes.append("answered")
        except WorkerError as exc:
            codes.append(exc.code)

    threads = [threading.Thread(target=give_up) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert codes.count("timeout") >= 8, codes
    deadline = time.monotonic() + 30
    while client.health()["queued"] and time.monotonic() < deadline:
        time.sleep(0.1)
    health = client.health()
    assert health["queued"] == 0
    assert health["served"] - before < 16  # the queued calls were cancelled, not run



def test_current_pose_makes_an_edit(ready_worker: RunningWorker) -> None:
    from core.pose_edit import named_joints

    client = ready_worker.client()
    start = poses_from_response(client.pose(text="kneeling on both knees"))[0]
    answer = client.pose(text="raise the right arm", pose=start.to_dict()["smpl"])
    edited = poses_from_response(answer)[0]
    changed = np.flatnonzero(np.abs(edited.rotations() - start.rotations()).max(1) > 1e-6)
    assert 0 < len(changed) and set(changed) <= named_joints("right arm")
    assert answer["text"].startswith("Edited: ")


def test_bad_current_pose_is_422(ready_worker: RunningWorker) -> None:
    with pytest.raises(WorkerError) as refused:
        ready_worker.client().pose(text="mirror it", pose={"global_orient": [0, 0, 0],
                                                           "body_pose": [1e300] * 69})
    assert refused.value.status == 422
