#!/usr/bin/env python3
"""Side-by-side timings: rnnlab (Swift, float64) vs numpy float64, PyTorch CPU float32 and
Keras 3 on JAX with jit (float32), for rnn, lstm and gru, forward and forward+backward, at
S1 = (input 8, hidden 16, time 50, batch 1), S2 = (32, 64, 100, 1), S3 = (64, 256, 100, 32).

    swift build -c release && python3 scripts/bench_compare.py [--quick] [--rounds N] [--json OUT]

With --rounds N every contestant is run N times, one after the other in turn (rnnlab, numpy,
PyTorch, Keras, rnnlab, ...), and each number is the median of its N medians: on a shared
host whose speed drifts over seconds to minutes, this spreads the slow and fast spells over
all of them instead of letting one contestant meet a slow spell alone.

Every peer runs in its own subprocess (so that a crash or a slow import of one does not
affect the others). numpy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (see
/work/.library/env/README.md: they slow a current numpy); nothing else is changed. The loss
is sum(h_t * upstream_t) over every step (many-to-many), the same as `rnnlab bench`.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIZES = [("S1", 8, 16, 50, 1), ("S2", 32, 64, 100, 1), ("S3", 64, 256, 100, 32)]
CELLS = ["rnn", "lstm", "gru"]
PASSES = ["forward", "forward+backward"]


def median_time(fn, budget, min_repeats):
    fn()  # warm-up (and jit compilation)
    times = []
    while len(times) < min_repeats or (sum(times) < budget and len(times) < 200):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peer_numpy(quick):
    sys.path.insert(0, HERE)
    import numpy as np
    import numpy_reference as ref
    out = []
    for name, D, H, T, B in SIZES:
        for kind in CELLS:
            rng = np.random.default_rng(1)
            p = ref.random_params(kind, D, H, rng, 0.1)
            x = rng.uniform(-1, 1, (T, B, D)); h0 = np.zeros((B, H)); dh = rng.uniform(-1, 1, (T, B, H))
            c0 = np.zeros((B, H)) if kind == "lstm" else None
            for pas in PASSES:
                if pas == "forward":
                    fn = lambda: ref.forward(kind, p, x, h0, c0)
                else:
                    fn = lambda: ref.backward(p, ref.forward(kind, p, x, h0, c0), dh)
                out.append(record(kind, D, H, T, B, pas, median_time(fn, 0.05 if quick else 0.5, 3 if quick else 7)))
    return out


def peer_torch(quick):
    import torch
    torch.manual_seed(0)
    out = []
    for name, D, H, T, B in SIZES:
        for kind in CELLS:
            layer = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](D, H)
            x = torch.rand(T, B, D) * 2 - 1
            up = torch.rand(T, B, H) * 2 - 1
            for pas in PASSES:
                if pas == "forward":
                    def fn():
                        with torch.no_grad():
                            layer(x)
                else:
                    xg = x.clone().requires_grad_(True)

                    def fn():
                        layer.zero_grad(set_to_none=True)
                        y, _ = layer(xg)
                        (y * up).sum().backward()
                out.append(record(kind, D, H, T, B, pas, median_time(fn, 0.05 if quick else 0.5, 3 if quick else 7)))
    return out


def peer_keras(quick):
    os.environ["KERAS_BACKEND"] = "jax"
    import jax
    import jax.numpy as jnp
    import keras
    import numpy as np
    out = []
    for name, D, H, T, B in SIZES:
        for kind in CELLS:
            cls = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}[kind]
            layer = cls(H, return_sequences=True)
            layer.build((B, T, D))
            tv = [v.value for v in layer.trainable_variables]
            ntv = [v.value for v in layer.non_trainable_variables]
            rng = np.random.default_rng(1)
            x = jnp.asarray(rng.uniform(-1, 1, (B, T, D)), dtype=jnp.float32)
            up = jnp.asarray(rng.uniform(-1, 1, (B, T, H)), dtype=jnp.float32)

            def loss(tv, x):
                y, _ = layer.stateless_call(tv, ntv, x)
                return jnp.sum(y * up)

            fwd = jax.jit(lambda tv, x: layer.stateless_call(tv, ntv, x)[0])
            vg = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
            for pas in PASSES:
                if pas == "forward":
                    fn = lambda: fwd(tv, x).block_until_ready()
                else:
                    fn = lambda: jax.block_until_ready(vg(tv, x))
                out.append(record(kind, D, H, T, B, pas, median_time(fn, 0.05 if quick else 0.5, 3 if quick else 7)))
    return out


def record(kind, D, H, T, B, pas, seconds):
    return {"cell": kind, "input": D, "hidden": H, "time": T, "batch": B, "pass": pas, "seconds": seconds}


def run_peer(peer, quick):
    env = dict(os.environ)
    if peer == "numpy":
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
    cmd = [sys.executable, os.path.abspath(__file__), "--peer", peer] + (["--quick"] if quick else [])
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        print(f"[{peer}] failed:\n{res.stderr[-2000:]}", file=sys.stderr)
        return []
    return json.loads(res.stdout)


def run_ours(quick):
    binary = os.path.join(ROOT, ".build", "release", "rnnlab")
    if not os.path.exists(binary):
        sys.exit(f"{binary} is missing: run 'swift build -c release' first")
    res = subprocess.run([binary, "bench", "--json"] + (["--quick"] if quick else []), capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def median_records(runs):
    """One record per case: the median of its seconds over the runs that have it."""
    seconds = {}
    first = {}
    for recs in runs:
        for r in recs:
            seconds.setdefault(key(r), []).append(r["seconds"])
            first.setdefault(key(r), r)
    return [dict(first[k], seconds=statistics.median(v)) for k, v in seconds.items()]


def key(r):
    return (r["cell"], r["input"], r["hidden"], r["time"], r["batch"], r["pass"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--peer", choices=["numpy", "torch", "keras"], help=argparse.SUPPRESS)
    ap.add_argument("--json", help="also write all records to this file")
    ap.add_argument("--peers", default="numpy,torch,keras")
    ap.add_argument("--rounds", type=int, default=1, help="run every contestant this many times in turn; report the median")
    args = ap.parse_args()
    if args.peer:
        print(json.dumps({"numpy": peer_numpy, "torch": peer_torch, "keras": peer_keras}[args.peer](args.quick)))
        return
    peers = args.peers.split(",")
    rounds = {name: [] for name in ["rnnlab"] + peers}
    for _ in range(max(1, args.rounds)):
        rounds["rnnlab"].append(run_ours(args.quick))
        for peer in peers:
            rounds[peer].append(run_peer(peer, args.quick))
    results = {name: median_records(runs) for name, runs in rounds.items()}
    tables = {name: {key(r): r["seconds"] for r in recs} for name, recs in results.items()}
    header = f"{'size':4s} {'cell':5s} {'pass':17s} {'rnnlab ms':>10s}" + "".join(f" {p + ' ms':>11s} {'ratio':>6s}" for p in peers)
    print(header)
    print("-" * len(header))
    for name, D, H, T, B in SIZES:
        for kind in CELLS:
            for pas in PASSES:
                k = (kind, D, H, T, B, pas)
                ours = tables["rnnlab"].get(k)
                line = f"{name:4s} {kind:5s} {pas:17s} {ours * 1e3 if ours else float('nan'):10.3f}"
                for peer in peers:
                    theirs = tables[peer].get(k)
                    if theirs and ours:
                        line += f" {theirs * 1e3:11.3f} {ours / theirs:6.2f}"
                    else:
                        line += f" {'n/a':>11s} {'':6s}"
                print(line)
    print("\nratio = rnnlab time / peer time (below 1: rnnlab is faster)" +
          (f"; each time the median of {args.rounds} rounds" if args.rounds > 1 else ""))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
