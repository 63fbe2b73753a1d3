#!/usr/bin/env python3
"""Recomputes what `rnnlab export` wrote, with NumPy only, from the exported weights and
input, and prints the largest relative difference per array. Exit 1 above 1e-9.

    python3 scripts/check_export.py DIR

Implements the lecture's equations in Keras 3's layout (kernel (D, kH), recurrent_kernel
(H, kH), bias; gate blocks i, f, c, o for the LSTM and z, r, h for the GRU, reset after the
product when experiment.json says reset_after) and, when upstream.npy is there, the exact
backward pass for ||dL/dh_t|| with L = sum(upstream * h). Gates forced by the lab's gate
knobs (experiment.json: forced_gates) are constants after their nonlinearity. A highway
export (rnn_weights.npz) also gets grad_c_norm and grad_h_norm of the LSTM and
rnn_grad_h_norm of the vanilla RNN recomputed, with L = sum(h_T).
"""
import json
import os
import sys

import numpy as np


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def forward(cell, W, U, b, x, reset_after=True, forced=None):
    T, H = x.shape[0], U.shape[0]
    h, c = np.zeros(H), np.zeros(H)
    out = {"h": [], "c": []}
    forced = forced or {}

    def gate(name, value):
        return np.full(H, float(forced[name])) if name in forced else value
    cache = []
    for t in range(T):
        if cell == "rnn":
            h_new = np.tanh(x[t] @ W + h @ U + b)
            cache.append((h.copy(), h_new))
            h = h_new
        elif cell == "lstm":
            a = x[t] @ W + h @ U + b
            i, f = gate("i", sigmoid(a[:H])), gate("f", sigmoid(a[H:2*H]))
            g, o = gate("g", np.tanh(a[2*H:3*H])), gate("o", sigmoid(a[3*H:]))
            cache.append((h.copy(), c.copy(), i, f, g, o))
            c = f * c + i * g
            h = o * np.tanh(c)
            for k, v in (("i", i), ("f", f), ("g", g), ("o", o)):
                out.setdefault(k, []).append(v)
        else:
            bx, bh = (b[0], b[1]) if b.ndim == 2 else (b, np.zeros_like(b))
            ax = x[t] @ W + bx
            if reset_after:
                ah = h @ U + bh
                z, r = gate("z", sigmoid(ax[:H] + ah[:H])), gate("r", sigmoid(ax[H:2*H] + ah[H:2*H]))
                n = gate("n", np.tanh(ax[2*H:] + r * ah[2*H:]))
            else:
                z = gate("z", sigmoid(ax[:H] + h @ U[:, :H] + bh[:H]))
                r = gate("r", sigmoid(ax[H:2*H] + h @ U[:, H:2*H] + bh[H:2*H]))
                n = gate("n", np.tanh(ax[2*H:] + (r * h) @ U[:, 2*H:] + bh[2*H:]))
            h = z * h + (1 - z) * n
            for k, v in (("z", z), ("r", r), ("n", n)):
                out.setdefault(k, []).append(v)
        out["h"].append(h.copy())
        out["c"].append(c.copy())
    return {k: np.array(v) for k, v in out.items()}, cache


def rnn_grad_norms(U, cache, G):
    """||dL/dh_t|| for L = sum(G * h) through every later step (vanilla RNN)."""
    T = len(cache)
    norms = np.zeros(T)
    carry = np.zeros(U.shape[0])
    for t in reversed(range(T)):
        dh = G[t] + carry
        norms[t] = np.linalg.norm(dh)
        _, h_t = cache[t]
        carry = (dh * (1 - h_t ** 2)) @ U.T
    return norms


def lstm_grad_norms(U, cache, out, G, forced):
    """(||dL/dc_t||, ||dL/dh_t||) for L = sum(G * h): the total derivatives through every
    later step; a forced gate is a constant (no gradient into its pre-activation)."""
    T, H = len(cache), U.shape[0]
    dc_norms, dh_norms = np.zeros(T), np.zeros(T)
    dh_next, dc_next = np.zeros(H), np.zeros(H)
    for t in reversed(range(T)):
        _, c_prev, i, f, g, o = cache[t]
        tc = np.tanh(out["c"][t])
        dh = G[t] + dh_next
        dc = dc_next + dh * o * (1 - tc ** 2)
        dh_norms[t], dc_norms[t] = np.linalg.norm(dh), np.linalg.norm(dc)
        live = lambda name, d: np.zeros(H) if name in forced else d
        da = np.concatenate([live("i", dc * g * i * (1 - i)), live("f", dc * c_prev * f * (1 - f)),
                             live("g", dc * i * (1 - g ** 2)), live("o", dh * tc * o * (1 - o))])
        dh_next, dc_next = da @ U.T, dc * f
    return dc_norms, dh_norms


def rel(a, b):
    scale = np.maximum(np.abs(b), 1e-300)
    diff = np.abs(a - b)
    return float(np.max(np.where(np.abs(b) > 1e-12, diff / scale, diff)))


def main(folder):
    meta = json.load(open(os.path.join(folder, "experiment.json")))
    w = np.load(os.path.join(folder, "weights.npz"))
    x = np.load(os.path.join(folder, "input.npy"))[0]
    trace = np.load(os.path.join(folder, "trace.npz"))
    cell = meta["cell"]
    W, U = w["kernel"], w["recurrent_kernel"]
    b = w["bias"] if "bias" in w else np.zeros(W.shape[1])
    forced = meta.get("forced_gates", {})
    ours, cache = forward(cell, W, U, b, x, meta.get("gru_form", "reset_after") == "reset_after", forced)
    worst = 0.0
    names = {"rnn": ["h"], "lstm": ["h", "c", "i", "f", "g", "o"], "gru": ["h", "z", "r", "n"]}[cell]
    for name in names:
        d = rel(trace[name][0], ours[name])
        worst = max(worst, d)
        print(f"max relative difference {name}: {d:.3g}")
    up = os.path.join(folder, "upstream.npy")
    if os.path.exists(up) and cell == "rnn" and "grad_h_norm" in trace:
        norms = rnn_grad_norms(U, cache, np.load(up)[0])
        d = rel(trace["grad_h_norm"][0], norms)
        worst = max(worst, d)
        print(f"max relative difference grad_h_norm: {d:.3g}")
    rnn_path = os.path.join(folder, "rnn_weights.npz")
    if os.path.exists(rnn_path) and cell == "lstm":
        # The highway view: L = sum(h_T) for the LSTM and for the vanilla RNN beside it.
        G = np.zeros((x.shape[0], U.shape[0]))
        G[-1] = 1
        dc, dh = lstm_grad_norms(U, cache, ours, G, forced)
        rw = np.load(rnn_path)
        _, rnn_cache = forward("rnn", rw["kernel"], rw["recurrent_kernel"], np.zeros(U.shape[0]), x)
        checks = [("grad_c_norm", dc), ("grad_h_norm", dh),
                  ("rnn_grad_h_norm", rnn_grad_norms(rw["recurrent_kernel"], rnn_cache, G))]
        for name, value in checks:
            d = rel(trace[name][0], value)
            worst = max(worst, d)
            print(f"max relative difference {name}: {d:.3g}")
    sys.exit(0 if worst <= 1e-9 else 1)


if __name__ == "__main__":
    main(sys.argv[1])
