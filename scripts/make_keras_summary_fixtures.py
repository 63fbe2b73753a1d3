#!/usr/bin/env python3
"""Runs real Keras 3 on the model files of Tests/KerasModelTests/Fixtures/models and stores
what it prints, so `rnnlab keras summary` is tested against Keras itself (the tests read these
files; they never need Python).

For each NAME.py it writes NAME.summary.txt (model.summary() in a terminal 200 columns wide,
so Keras uses its default line_length 88) and NAME.json (name, class, output shapes and
parameter count of each row Keras prints, from the model object).

Usage:  KERAS_BACKEND=jax python3 scripts/make_keras_summary_fixtures.py
Needs:  pip install keras "jax[cpu]"   (any Keras 3 backend works)
Each model file runs in its own process: Keras numbers auto names per process.
"""
import json
import os
import pathlib
import subprocess
import sys

MODELS = pathlib.Path(__file__).resolve().parent.parent / "Tests/KerasModelTests/Fixtures/models"

RUNNER = r'''
import contextlib, io, json, sys
import keras
from keras.src import tree
from keras.src.models import Functional, Sequential

path = sys.argv[1]
namespace = {"__name__": "__main__"}
with contextlib.redirect_stdout(io.StringIO()):
    exec(compile(open(path).read(), path, "exec"), namespace)
models = [v for v in namespace.values() if isinstance(v, keras.Model)]
assert len(models) == 1, f"{path}: {len(models)} models"
model = models[0]
model.summary()
sys.stdout.flush()
rows = model.layers if isinstance(model, Sequential) else model._operations
layers = []
for layer in rows:
    outputs = tree.flatten(layer._inbound_nodes[0].output_tensors)
    shapes = [list(t.shape) for t in outputs]
    layers.append({
        "name": layer.name,
        "class": type(layer).__name__,
        "output_shape": shapes[0] if len(shapes) == 1 else shapes,
        "params": layer.count_params(),
    })
record = {"model": model.name, "layers": layers, "total_params": model.count_params(),
          "keras_version": keras.__version__, "backend": keras.backend.backend()}
print("\x00" + json.dumps(record))
'''


def main():
    env = dict(os.environ, COLUMNS="200", KERAS_BACKEND=os.environ.get("KERAS_BACKEND", "jax"),
               PYTHONWARNINGS="ignore", TF_CPP_MIN_LOG_LEVEL="3")
    files = sorted(MODELS.glob("*.py"))
    if len(sys.argv) > 1:
        files = [f for f in files if f.stem in sys.argv[1:]]
    for path in files:
        run = subprocess.run([sys.executable, "-c", RUNNER, str(path)], env=env,
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{path.name}: Keras failed:\n{run.stderr}")
        table, record = run.stdout.split("\x00")
        path.with_suffix(".summary.txt").write_text(table)
        path.with_suffix(".json").write_text(json.dumps(json.loads(record), indent=1) + "\n")
        print(f"{path.name}: {json.loads(record)['total_params']:,} params")


if __name__ == "__main__":
    main()
