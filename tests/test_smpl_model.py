"""Reading the user's SMPL / SMPL-X model files (synthetic files in the real format)."""
from __future__ import annotations

import numpy as np
import pytest

from core.skeleton import rest_positions
from core.smpl_model import SmplModel, SmplModelError
from smpl_files import TEMPLATE_OFFSET, smpl_arrays, smplx_arrays, write


def test_smpl_file_gives_its_mesh_joints_and_ten_shape_directions(tmp_path) -> None:
    arrays = smpl_arrays()
    model = SmplModel.load(write(tmp_path / "SMPL_NEUTRAL.npz", arrays))
    assert model.kind == "SMPL" and model.shapedirs.shape == (24 * 8, 3, 10)
    np.testing.assert_allclose(model.joints, rest_positions() + TEMPLATE_OFFSET, atol=1e-12)
    np.testing.assert_allclose(model.weights.sum(1), 1.0)
    assert model.faces.dtype == np.int64 and model.faces.max() == len(model.vertices) - 1


def test_smplx_folds_face_and_fingers_into_smpl_joints(tmp_path) -> None:
    arrays = smplx_arrays()
    model = SmplModel.load(write(tmp_path / "SMPLX_NEUTRAL.npz", arrays))
    joints = arrays["J_regressor"] @ arrays["v_template"]
    assert model.kind == "SMPL-X" and model.weights.shape == (55 * 8, 24)
    np.testing.assert_allclose(model.weights.sum(1), 1.0)
    np.testing.assert_allclose(model.joints[:22], joints[:22])
    np.testing.assert_allclose(model.joints[[22, 23]], joints[[28, 43]])  # middle-finger bases
    jaw = slice(22 * 8, 23 * 8)
    assert np.all(model.weights[jaw, 15] == 1.0)  # the jaw moves with the head
    left_fingers = slice(25 * 8, 40 * 8)
    assert np.all(model.weights[left_fingers, 22] == 1.0)


@pytest.mark.parametrize("change, words", [
    (lambda a: a.pop("J_regressor"), "no J_regressor"),
    (lambda a: a.update(weights=a["weights"][:, :20]), "expected 24 .SMPL. or 55"),
    (lambda a: a.update(f=a["f"] + 10_000), "faces"),
    (lambda a: a.update(shapedirs=a["shapedirs"][:, :, :4]), "shapedirs"),
    (lambda a: a.update(v_template=a["v_template"] * np.nan), "NaN"),
    (lambda a: a["kintree_table"].__setitem__((0, 5), 3), "kinematic tree"),
])
def test_bad_model_files_say_what_is_wrong(tmp_path, change, words) -> None:
    arrays = smpl_arrays()
    change(arrays)
    with pytest.raises(SmplModelError, match=words):
        SmplModel.load(write(tmp_path / "bad.npz", arrays))


def test_pickled_model_files_are_refused(tmp_path) -> None:
    arrays = smpl_arrays()
    arrays["J_regressor"] = np.array([{"sparse": "matrix"}], dtype=object)  # the .pkl habit
    with pytest.raises(SmplModelError, match="cannot read as a plain .npz.*smpl.is.tue.mpg.de"):
        SmplModel.load(write(tmp_path / "pickled.npz", arrays))
    (tmp_path / "x.npz").write_bytes(b"not a zip")
    with pytest.raises(SmplModelError, match="cannot read"):
        SmplModel.load(tmp_path / "x.npz")
