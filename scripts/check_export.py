#!/usr/bin/env python3
"""Recomputes what `rnnlab export` wrote, with NumPy only, from the exported weights and
input, and prints the largest relative difference per array. Exit 1 above 1e-9.

    python3 scripts/check_export.py DIR

Implements the lecture's equations in Keras 3's layout (kernel (D, kH), recurrent_kernel
(H, kH), bias; gate blocks i, f, c, o for the LSTM and z, r, h for the GRU, reset after the
product when experiment.json says reset_after) and, when upstream.npy is there, the exact
backward pass for ||dL/dh_t|| with L = sum(upstream * h).
"""
import json
import os
import sys

import numpy as np


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def forward(cell, W, U, b, x, reset_after=True):
    T, H = x.shape[0], U.shape[0]
    h, c = np.zeros(H), np.zeros(H)
    out = {"h": [], "c": []}
    cache = []
    for t in range(T):
        if cell == "rnn":
            h_new = np.tanh(x[t] @ W + h @ U + b)
            cache.append((h.copy(), h_new))
            h = h_new
        elif cell == "lstm":
            a = x[t] @ W + h @ U + b
            i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2*H]), np.tanh(a[2*H:3*H]), sigmoid(a[3*H:])
            c = f * c + i * g
            h = o * np.tanh(c)
        else:
            bx, bh = (b[0], b[1]) if b.ndim == 2 else (b, np.zeros_like(b))
            ax = x[t] @ W + bx
            if reset_after:
                ah = h @ U + bh
                z, r = sigmoid(ax[:H] + ah[:H]), sigmoid(ax[H:2*H] + ah[H:2*H])
                n = np.tanh(ax[2*H:] + r * ah[2*H:])
            else:
                z = sigmoid(ax[:H] + h @ U[:, :H] + bh[:H])
                r = sigmoid(ax[H:2*H] + h @ U[:, H:2*H] + bh[H:2*H])
                n = np.tanh(ax[2*H:] + (r * h) @ U[:, 2*H:] + bh[2*H:])
            h = z * h + (1 - z) * n
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
    ours, cache = forward(cell, W, U, b, x, meta.get("gru_form", "reset_after") == "reset_after")
    worst = 0.0
    for name in ["h", "c"] if cell == "lstm" else ["h"]:
        d = rel(trace[name][0], ours[name])
        worst = max(worst, d)
        print(f"max relative difference {name}: {d:.3g}")
    up = os.path.join(folder, "upstream.npy")
    if os.path.exists(up) and cell == "rnn" and "grad_h_norm" in trace:
        norms = rnn_grad_norms(U, cache, np.load(up)[0])
        d = rel(trace["grad_h_norm"][0], norms)
        worst = max(worst, d)
        print(f"max relative difference grad_h_norm: {d:.3g}")
    sys.exit(0 if worst <= 1e-9 else 1)


if __name__ == "__main__":
    main(sys.argv[1])
