#!/usr/bin/env python3
"""Writes the framework fixtures that rnnlab's tests compare its cells against.

Re-run from the package root (needs numpy, torch, keras 3 and jax; tests never need Python):

    KERAS_BACKEND=jax python3 scripts/make_fixtures.py

It rewrites Tests/RNNCoreTests/Fixtures/. For every case below (batch 2, time 5, features 3,
units 4, float64 throughout: keras.config.set_floatx("float64") on the JAX backend, and
torch.float64) a folder <case>/ holds

    weights.npz   the layer's weights in the framework's own layout and names
                  (Keras: variable paths such as "lstm/lstm_cell/kernel"; PyTorch: state_dict
                  names, the GRU under an "encoder." prefix to exercise prefix matching)
    x.npy         input (batch, time, features)
    h0.npy        initial hidden state (batch, units), non-zero
    c0.npy        LSTM only: initial cell state (batch, units), non-zero
    upstream.npy  G (batch, time, units); the loss is L = sum(G * h)
    expected.npz  computed BY THE FRAMEWORK: h (batch, time, units), h_last, c_last (LSTM),
                  grad_<weight name> for every array of weights.npz (same shape), grad_x,
                  grad_h0, grad_c0 (LSTM), all by autograd (jax.grad through
                  Layer.stateless_call; torch .backward()).

Cases: keras_simple_rnn, keras_lstm, keras_gru_reset_after, keras_gru_reset_before,
torch_rnn, torch_lstm, torch_gru. Weights are drawn at random (scale 0.5, biases included)
so that a swapped gate block changes the numbers. Some archives are written with np.savez
(stored) and some with np.savez_compressed (deflated) so both ZIP methods are read.

It also writes npy/: small files that exercise the NPY reader (float32, big-endian,
Fortran order, int64, 0-d, 3-d) and npz/ archives written both ways.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

keras.config.set_floatx("float64")
# Keras 3.15's type promotion maps float64 to float32 on every backend but TensorFlow
# ("aligned with JAX's default"), even with jax_enable_x64; keras.ops.tanh(float64) then
# returns float32 and lax.scan rejects the carry. Keep float64 so the fixtures are exact.
# (keras-team/keras#21604 removed the JAX_DEFAULT_DTYPE_BITS switch; #23225 fixes the
# downcast upstream. The patch is harmless on versions that have the fix.)
from keras.src.backend.common import dtypes as _keras_dtypes  # noqa: E402

_keras_dtypes.BIT64_TO_BIT32_DTYPE["float64"] = "float64"
torch.set_default_dtype(torch.float64)

B, T, D, H = 2, 5, 3, 4
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "RNNCoreTests", "Fixtures")


def case_dir(name):
    path = os.path.join(ROOT, name)
    os.makedirs(path, exist_ok=True)
    return path


def inputs(rng, lstm):
    x = rng.normal(size=(B, T, D))
    h0 = 0.5 * rng.normal(size=(B, H))
    c0 = 0.5 * rng.normal(size=(B, H)) if lstm else None
    g = rng.normal(size=(B, T, H))
    return x, h0, c0, g


def save_case(name, weights, x, h0, c0, g, expected, compressed):
    path = case_dir(name)
    save = np.savez_compressed if compressed else np.savez
    save(os.path.join(path, "weights.npz"), **weights)
    np.save(os.path.join(path, "x.npy"), x)
    np.save(os.path.join(path, "h0.npy"), h0)
    if c0 is not None:
        np.save(os.path.join(path, "c0.npy"), c0)
    np.save(os.path.join(path, "upstream.npy"), g)
    save(os.path.join(path, "expected.npz"), **expected)
    print(f"{name}: weights {sorted((k, v.shape) for k, v in weights.items())}")


def keras_case(name, layer_class, seed, compressed, **layer_kwargs):
    rng = np.random.default_rng(seed)
    lstm = layer_class is keras.layers.LSTM
    layer_name = {keras.layers.SimpleRNN: "simple_rnn", keras.layers.LSTM: "lstm", keras.layers.GRU: "gru"}[layer_class]
    layer = layer_class(H, return_sequences=True, return_state=True, name=layer_name, dtype="float64", **layer_kwargs)
    layer.build((B, T, D))
    for v in layer.trainable_variables:
        v.assign(0.5 * rng.normal(size=v.shape))
    x, h0, c0, g = inputs(rng, lstm)

    def run(tv, x, h0, c0):
        state = [h0, c0] if lstm else [h0]
        out, _ = layer.stateless_call(tv, ntv, x, initial_state=state)
        return out

    def loss(tv, x, h0, c0):
        return jnp.sum(g * run(tv, x, h0, c0)[0])

    tv = [jnp.asarray(v.numpy()) for v in layer.trainable_variables]
    ntv = [v.value for v in layer.non_trainable_variables]  # e.g. the seed-generator state
    args = (tv, jnp.asarray(x), jnp.asarray(h0), jnp.asarray(c0) if lstm else jnp.zeros((B, H)))
    out = run(*args)
    grads = jax.grad(loss, argnums=(0, 1, 2, 3))(*args)

    weights = {v.path: np.asarray(v.numpy()) for v in layer.trainable_variables}
    for value in out:
        assert value.dtype == jnp.float64, f"{name}: Keras computed in {value.dtype}, not float64"
    expected = {"h": np.asarray(out[0]), "h_last": np.asarray(out[1])}
    if lstm:
        expected["c_last"] = np.asarray(out[2])
        expected["grad_c0"] = np.asarray(grads[3])
    for v, gv in zip(layer.trainable_variables, grads[0]):
        expected["grad_" + v.path] = np.asarray(gv)
    expected["grad_x"] = np.asarray(grads[1])
    expected["grad_h0"] = np.asarray(grads[2])
    save_case(name, weights, x, h0, c0, g, expected, compressed)


class Encoder(torch.nn.Module):
    """Puts the GRU under a module name so its state_dict names carry an 'encoder.' prefix."""

    def __init__(self, rnn):
        super().__init__()
        self.encoder = rnn


def torch_case(name, module_class, seed, compressed, prefixed=False):
    rng = np.random.default_rng(seed)
    lstm = module_class is torch.nn.LSTM
    rnn = module_class(D, H, batch_first=True)
    owner = Encoder(rnn) if prefixed else rnn
    with torch.no_grad():
        for p in rnn.parameters():
            p.copy_(torch.from_numpy(0.5 * rng.normal(size=tuple(p.shape))))
    x, h0, c0, g = inputs(rng, lstm)
    xt = torch.tensor(x, requires_grad=True)
    h0t = torch.tensor(h0[None], requires_grad=True)  # PyTorch wants (layers, batch, units)
    c0t = torch.tensor(c0[None], requires_grad=True) if lstm else None
    if lstm:
        out, (hn, cn) = rnn(xt, (h0t, c0t))
    else:
        out, hn = rnn(xt, h0t)
    loss = (torch.tensor(g) * out).sum()
    loss.backward()

    weights = {k: v.detach().numpy().copy() for k, v in owner.state_dict().items()}
    params = dict(owner.named_parameters())
    expected = {"h": out.detach().numpy(), "h_last": hn.detach().numpy()[0]}
    if lstm:
        expected["c_last"] = cn.detach().numpy()[0]
        expected["grad_c0"] = c0t.grad.numpy()[0]
    for k in weights:
        expected["grad_" + k] = params[k].grad.numpy()
    expected["grad_x"] = xt.grad.numpy()
    expected["grad_h0"] = h0t.grad.numpy()[0]
    save_case(name, weights, x, h0, c0, g, expected, compressed)


def npy_samples():
    """Files that exercise the reader: dtypes, byte orders, memory orders, ndims, archives."""
    path = case_dir("npy")
    a = np.arange(6, dtype=np.float64).reshape(2, 3) / 4.0 - 0.5  # [[-0.5, -0.25, 0], [0.25, 0.5, 0.75]]
    np.save(os.path.join(path, "float64_2x3.npy"), a)
    np.save(os.path.join(path, "float32_2x3.npy"), a.astype(np.float32))
    np.save(os.path.join(path, "bigendian_float64_2x3.npy"), a.astype(">f8"))
    np.save(os.path.join(path, "bigendian_float32_2x3.npy"), a.astype(">f4"))
    np.save(os.path.join(path, "fortran_2x3.npy"), np.asfortranarray(a))
    np.save(os.path.join(path, "int64_2x3.npy"), np.arange(6).reshape(2, 3))
    np.save(os.path.join(path, "scalar.npy"), np.float64(2.5))
    np.save(os.path.join(path, "float64_2x3x4.npy"), np.arange(24, dtype=np.float64).reshape(2, 3, 4))
    np.save(os.path.join(path, "vector_5.npy"), np.linspace(0.0, 1.0, 5))
    archive = os.path.join(ROOT, "npz")
    os.makedirs(archive, exist_ok=True)
    contents = {"a": a, "v": np.linspace(0.0, 1.0, 5), "t": np.arange(24, dtype=np.float64).reshape(2, 3, 4)}
    np.savez(os.path.join(archive, "stored.npz"), **contents)
    np.savez_compressed(os.path.join(archive, "deflated.npz"), **contents)
    np.savez(os.path.join(archive, "with_int.npz"), a=a, counts=np.arange(3, dtype=np.int32))


if __name__ == "__main__":
    keras_case("keras_simple_rnn", keras.layers.SimpleRNN, seed=1, compressed=False)
    keras_case("keras_lstm", keras.layers.LSTM, seed=2, compressed=True)
    keras_case("keras_gru_reset_after", keras.layers.GRU, seed=3, compressed=False, reset_after=True)
    keras_case("keras_gru_reset_before", keras.layers.GRU, seed=4, compressed=True, reset_after=False)
    torch_case("torch_rnn", torch.nn.RNN, seed=5, compressed=False)
    torch_case("torch_lstm", torch.nn.LSTM, seed=6, compressed=True)
    torch_case("torch_gru", torch.nn.GRU, seed=7, compressed=False, prefixed=True)
    npy_samples()
