#!/usr/bin/env python3
"""A numpy float64 reference for rnnlab's three cells: forward and BPTT.

Same canonical layout as Sources/RNNCore/Cells/CellParameters.swift (weights as (out x in),
batches as rows):
  rnn : W_xh (H,D), W_hh (H,H), b_h (1,H)          h = tanh(x W_xh^T + h W_hh^T + b_h)
  lstm: W_x (4H,D), W_h (4H,H), b (1,4H)  blocks i,f,g,o
  gru : W_x (3H,D), W_h (3H,H), b_x, b_h (1,3H) blocks r,z,n; reset_after or Cho form;
        h = z * h_prev + (1 - z) * n

Used by scripts/bench_compare.py for the numpy timings, and on its own:
  python3 scripts/numpy_reference.py --check     central differences against this BPTT
  python3 scripts/numpy_reference.py --case FILE  read {"kind", "resetAfter", "weights", "x", "h0", "c0", "dh"}
                                                  (JSON) and print the gradients as JSON, to
                                                  cross-check RNNCore numbers
"""
import argparse
import json
import sys

import numpy as np


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def shapes(kind, D, H):
    if kind == "rnn":
        return {"W_xh": (H, D), "W_hh": (H, H), "b_h": (1, H)}
    if kind == "lstm":
        return {"W_x": (4 * H, D), "W_h": (4 * H, H), "b": (1, 4 * H)}
    return {"W_x": (3 * H, D), "W_h": (3 * H, H), "b_x": (1, 3 * H), "b_h": (1, 3 * H)}


def random_params(kind, D, H, rng, scale=0.5):
    return {k: rng.uniform(-scale, scale, s) for k, s in shapes(kind, D, H).items()}


def forward(kind, p, x, h0, c0=None, reset_after=True):
    """x: (T, B, D). Returns a cache dict with h (T+1, B, H) (h[0] = h0) and what BPTT needs."""
    T, B, _ = x.shape
    H = h0.shape[1]
    hs = np.zeros((T + 1, B, H)); hs[0] = h0
    cache = {"kind": kind, "x": x, "h": hs, "reset_after": reset_after}
    if kind == "rnn":
        xp = x @ p["W_xh"].T + p["b_h"]                      # the input projection of all steps
        for t in range(T):
            hs[t + 1] = np.tanh(xp[t] + hs[t] @ p["W_hh"].T)
        return cache
    if kind == "lstm":
        cs = np.zeros((T + 1, B, H)); cs[0] = c0 if c0 is not None else 0
        gates = np.zeros((T, B, 4 * H))
        xp = x @ p["W_x"].T + p["b"]
        for t in range(T):
            a = xp[t] + hs[t] @ p["W_h"].T
            i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
            cs[t + 1] = f * cs[t] + i * g
            hs[t + 1] = o * np.tanh(cs[t + 1])
            gates[t] = np.concatenate([i, f, g, o], axis=1)
        cache.update(c=cs, gates=gates)
        return cache
    # GRU
    gates = np.zeros((T, B, 3 * H)); aux = np.zeros((T, B, H))
    xp = x @ p["W_x"].T + p["b_x"]
    Wh, bh = p["W_h"], p["b_h"]
    for t in range(T):
        rec = hs[t] @ Wh.T + bh
        r = sigmoid(xp[t][:, :H] + rec[:, :H])
        z = sigmoid(xp[t][:, H:2 * H] + rec[:, H:2 * H])
        if reset_after:
            aux[t] = rec[:, 2 * H:]
            n = np.tanh(xp[t][:, 2 * H:] + r * aux[t])
        else:
            aux[t] = r * hs[t]
            n = np.tanh(xp[t][:, 2 * H:] + aux[t] @ Wh[2 * H:].T + bh[:, 2 * H:])
        hs[t + 1] = z * hs[t] + (1 - z) * n
        gates[t] = np.concatenate([r, z, n], axis=1)
    cache.update(gates=gates, aux=aux)
    return cache


def backward(p, cache, dh, dc_last=None):
    """dh: (T, B, H) upstream dL/dh_t. Returns dict of parameter grads plus x, h0, c0."""
    kind, x, hs = cache["kind"], cache["x"], cache["h"]
    T, B, _ = x.shape
    H = hs.shape[2]
    dnext = np.zeros((B, H))
    if kind == "rnn":
        dA = np.zeros((T, B, H))
        for t in reversed(range(T)):
            d = dh[t] + dnext
            dA[t] = d * (1 - hs[t + 1] ** 2)                    # backprop through tanh
            dnext = dA[t] @ p["W_hh"]                           # backprop through W_hh h_{t-1}
        flat = dA.reshape(T * B, H)
        return {"W_xh": flat.T @ x.reshape(T * B, -1), "W_hh": flat.T @ hs[:-1].reshape(T * B, H),
                "b_h": flat.sum(0, keepdims=True), "x": dA @ p["W_xh"], "h0": dnext}
    if kind == "lstm":
        cs, gates = cache["c"], cache["gates"]
        dA = np.zeros((T, B, 4 * H))
        dc = np.zeros((B, H)) if dc_last is None else dc_last.copy()
        for t in reversed(range(T)):
            d = dh[t] + dnext
            i, f, g, o = (gates[t][:, k * H:(k + 1) * H] for k in range(4))
            tc = np.tanh(cs[t + 1])
            do = d * tc                                        # through h = o * tanh(c)
            dc = dc + d * o * (1 - tc ** 2)                    # through tanh(c)
            di, df, dg = dc * g, dc * cs[t], dc * i            # through c = f c_prev + i g
            dA[t] = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
            dc = dc * f
            dnext = dA[t] @ p["W_h"]
        flat = dA.reshape(T * B, 4 * H)
        return {"W_x": flat.T @ x.reshape(T * B, -1), "W_h": flat.T @ hs[:-1].reshape(T * B, H),
                "b": flat.sum(0, keepdims=True), "x": dA @ p["W_x"], "h0": dnext, "c0": dc}
    gates, aux, ra = cache["gates"], cache["aux"], cache["reset_after"]
    Wh = p["W_h"]
    dXP = np.zeros((T, B, 3 * H)); dREC = np.zeros((T, B, 3 * H))
    for t in reversed(range(T)):
        d = dh[t] + dnext
        r, z, n = (gates[t][:, k * H:(k + 1) * H] for k in range(3))
        dn = d * (1 - z); dz = d * (hs[t] - n)                 # through h = z h_prev + (1-z) n
        dan = dn * (1 - n ** 2); daz = dz * z * (1 - z)
        direct = d * z
        if ra:
            dar = dan * aux[t] * r * (1 - r)
            dXP[t] = np.concatenate([dar, daz, dan], 1)
            dREC[t] = np.concatenate([dar, daz, dan * r], 1)
            dnext = direct + dREC[t] @ Wh
        else:
            drh = dan @ Wh[2 * H:]
            dar = drh * hs[t] * r * (1 - r)
            dXP[t] = np.concatenate([dar, daz, dan], 1)
            dREC[t] = np.concatenate([dar, daz, dan], 1)
            dnext = direct + drh * r + dREC[t][:, :2 * H] @ Wh[:2 * H]
    fx, fr = dXP.reshape(T * B, 3 * H), dREC.reshape(T * B, 3 * H)
    hp = hs[:-1].reshape(T * B, H)
    if ra:
        dWh = fr.T @ hp
    else:
        dWh = np.concatenate([fr[:, :2 * H].T @ hp, fr[:, 2 * H:].T @ aux.reshape(T * B, H)], 0)
    return {"W_x": fx.T @ x.reshape(T * B, -1), "W_h": dWh, "b_x": fx.sum(0, keepdims=True),
            "b_h": fr.sum(0, keepdims=True), "x": dXP @ p["W_x"], "h0": dnext}


def loss(kind, p, x, h0, c0, dh, dc_last, reset_after):
    c = forward(kind, p, x, h0, c0, reset_after)
    value = np.sum(dh * c["h"][1:])
    if kind == "lstm" and dc_last is not None:
        value += np.sum(dc_last * c["c"][-1])
    return value


def self_check(seed=0):
    """Central differences against backward(); returns the worst relative error."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for kind, ra in [("rnn", True), ("lstm", True), ("gru", True), ("gru", False)]:
        D, H, T, B = 3, 4, 5, 2
        p = random_params(kind, D, H, rng)
        x = rng.uniform(-1, 1, (T, B, D)); h0 = rng.uniform(-1, 1, (B, H))
        c0 = rng.uniform(-1, 1, (B, H)) if kind == "lstm" else None
        dh = rng.uniform(-1, 1, (T, B, H)); dcl = rng.uniform(-1, 1, (B, H)) if kind == "lstm" else None
        g = backward(p, forward(kind, p, x, h0, c0, ra), dh, dcl)
        eps = 1e-6
        for name in p:
            num = np.zeros_like(p[name])
            for idx in np.ndindex(p[name].shape):
                old = p[name][idx]
                p[name][idx] = old + eps; lp = loss(kind, p, x, h0, c0, dh, dcl, ra)
                p[name][idx] = old - eps; lm = loss(kind, p, x, h0, c0, dh, dcl, ra)
                p[name][idx] = old
                num[idx] = (lp - lm) / (2 * eps)
            err = np.max(np.abs(num - g[name]) / np.maximum(np.abs(num) + np.abs(g[name]), 1e-12))
            worst = max(worst, err)
            print(f"{kind}{'' if ra else '-cho':4s} {name:5s} worst relative error {err:.2e}")
    return worst


def time_cell(kind, D, H, T, B, repeats=20, backward_pass=True):
    """Median seconds of forward (+ BPTT with an upstream gradient on every step)."""
    import time
    rng = np.random.default_rng(1)
    p = random_params(kind, D, H, rng, 0.1)
    x = rng.uniform(-1, 1, (T, B, D)); h0 = np.zeros((B, H)); dh = rng.uniform(-1, 1, (T, B, H))
    c0 = np.zeros((B, H)) if kind == "lstm" else None
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        cache = forward(kind, p, x, h0, c0)
        if backward_pass:
            backward(p, cache, dh)
        times.append(time.perf_counter() - start)
    return float(np.median(times[1:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="gradient-check this reference")
    parser.add_argument("--case", help="JSON problem file: print gradients as JSON")
    args = parser.parse_args()
    if args.case:
        with open(args.case) as fh:
            case = json.load(fh)
        kind = case["kind"]
        p = {k: np.array(v, dtype=float) for k, v in case["weights"].items()}
        x = np.array(case["x"], dtype=float); h0 = np.array(case["h0"], dtype=float)
        c0 = np.array(case["c0"], dtype=float) if case.get("c0") is not None else None
        dh = np.array(case["dh"], dtype=float)
        g = backward(p, forward(kind, p, x, h0, c0, case.get("resetAfter", True)), dh)
        print(json.dumps({k: np.asarray(v).tolist() for k, v in g.items()}))
        return 0
    worst = self_check()
    print(f"worst relative error {worst:.2e}")
    return 0 if worst < 1e-6 else 1


if __name__ == "__main__":
    sys.exit(main())
