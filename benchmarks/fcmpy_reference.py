"""Print FCMpy 0.0.21's trajectories on a small fixed map, as reference values for
tests/simulate/test_fcmpy_reference.py.

Run with the benchmark environment (see benchmarks/README.md): ``.venv-bench/bin/python benchmarks/fcmpy_reference.py``.
The printed dictionary is pasted into the test, so the test suite itself never needs FCMpy.
"""

from __future__ import annotations

import contextlib
import io
import json
import warnings

import pandas as pd

__all__ = ["main"]

#: The fixed map: c0 is a source (no incoming link), c4 has a self-loop-free two-cycle with c3.
CONCEPTS = ["c0", "c1", "c2", "c3", "c4"]
WEIGHTS = [
    [0.0, 0.6, -0.4, 0.0, 0.0],
    [0.0, 0.0, 0.7, -0.5, 0.0],
    [0.0, -0.3, 0.0, 0.8, 0.2],
    [0.0, 0.0, 0.0, 0.0, -0.9],
    [0.0, 0.4, 0.0, 0.5, 0.0],
]
INITIAL = [0.9, 0.2, 0.5, 0.1, 0.7]
#: FCMpy's threshold functions return integer arrays, into which it writes the held source values, so a
#: fractional start would be truncated there; they start from states in their own range instead.
INITIAL_DISCRETE = {"bivalent": [1, 0, 1, 0, 1], "trivalent": [1, 0, 1, -1, 0]}
CASES = [
    ("kosko", "sigmoid", 1.0), ("mKosko", "sigmoid", 1.0), ("rescaled", "sigmoid", 1.0),
    ("mKosko", "sigmoid", 2.5), ("kosko", "tanh", 1.0), ("mKosko", "tanh", 1.0),
    ("kosko", "trivalent", 1.0), ("mKosko", "bivalent", 1.0),
]
STEPS = 12


def main() -> None:
    from fcmpy import FcmSimulator

    warnings.simplefilter("ignore")
    frame = pd.DataFrame(WEIGHTS, index=CONCEPTS, columns=CONCEPTS)
    out = {}
    for inference, transfer, steepness in CASES:
        with contextlib.redirect_stdout(io.StringIO()):
            result = FcmSimulator.simulate(
                initial_state=dict(zip(CONCEPTS, INITIAL_DISCRETE.get(transfer, INITIAL), strict=True)),
                weight_matrix=frame, transfer=transfer,
                inference=inference, thresh=-1.0, iterations=STEPS, l=steepness,
            )
        out[f"{inference}/{transfer}/{steepness}"] = result[CONCEPTS].to_numpy().tolist()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
