#!/usr/bin/env python3
"""Writes Tests/RNNCoreTests/Fixtures/npy_formats/: NumPy files as people really write them,
for the NPY/NPZ reader tests and the Fortran-order `rnnlab run` test. Needs only numpy;
the tests read the committed outputs and do not need Python.

    python3 scripts/make_npy_format_fixtures.py

- Fortran-order arrays (`np.save` of a transposed or `np.asfortranarray` array writes
  'fortran_order': True), also big-endian and float16, of 2 and 3 axes;
- float16 ('<f2', '>f2') with zeros, subnormals, the largest finite value, infinities, and
  what numpy's `astype(np.float16)` makes of values halfway between two halves (ties to even);
- dtypes rnnlab refuses (int8, bool, complex, unicode, structured);
- .npz archives (stored and compressed) whose members are Fortran-order, big-endian, float16;
- fortran_lstm/: the keras_lstm and torch_lstm fixtures' weights and inputs saved again in
  Fortran order, the PyTorch weights the way a conversion from Keras writes them (the
  transpose of a C-order kernel, which `np.save` stores as Fortran order).
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "Tests", "RNNCoreTests", "Fixtures")
OUT = os.path.join(FIXTURES, "npy_formats")


def save(name, array):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, array)


def load_npz(path):
    with np.load(path) as archive:
        return {k: archive[k] for k in archive.files}


def arrays():
    cube = np.arange(60, dtype=np.float64).reshape(3, 4, 5) / 8.0  # element (i, j, k) = (20i + 5j + k) / 8
    a = np.arange(12, dtype=np.float64).reshape(4, 3) / 4.0 - 1.0  # element (i, j) = (3i + j) / 4 - 1
    save("fortran_f8_3x4x5.npy", np.asfortranarray(cube))
    save("fortran_f8_4x3.npy", a.T.copy().T)  # the transpose of a C-order (3, 4): what np.save gets from w.T
    save("fortran_bigendian_f4_4x3.npy", np.asfortranarray(a.astype(">f4")))
    save("fortran_f2_4x3.npy", np.asfortranarray(a.astype("<f2")))
    save("fortran_f8_1x5.npy", np.asfortranarray(np.arange(5, dtype=np.float64).reshape(1, 5)))
    save("fortran_f8_2x1x3.npy", np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 1, 3)))
    save("fortran_f8_0x3.npy", np.asfortranarray(np.zeros((0, 3))))
    save("bigendian_f8_3x4x5.npy", cube.astype(">f8"))

    # float16: every kind of value, little- and big-endian; the exact doubles beside them.
    specials = np.array([0.0, -0.0, 1.0, -2.5, 65504.0, -65504.0, 2.0 ** -24, 2.0 ** -14,
                         2.0 ** -14 - 2.0 ** -24, 1.0 / 3.0, np.inf, -np.inf], dtype=np.float16)
    save("float16_specials.npy", specials)
    save("float16_specials_bigendian.npy", specials.astype(">f2"))
    save("float16_specials_as_f8.npy", specials.astype(np.float64))
    # Rounding: halfway cases (both directions of ties to even), just above and below them,
    # overflow to infinity, underflow to zero and to the smallest subnormal.
    ties = [1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11, 1.0 + 2.0 ** -11 + 2.0 ** -40, 1.0 + 2.0 ** -11 - 2.0 ** -40,
            65519.99, 65520.0, 1e6, -1e6, 2.0 ** -25, 2.0 ** -25 + 2.0 ** -40, 3 * 2.0 ** -25,
            2.0 ** -26, 1e-300, -1e-300, 0.1, -0.7, 2049.0, 2051.0, 1.0 / 3.0, 2.0 ** -14 - 2.0 ** -25]
    rounding = np.array(ties, dtype=np.float64)
    save("float16_rounding_input_f8.npy", rounding)
    save("float16_rounding_expected_f2.npy", rounding.astype(np.float16))

    # What rnnlab refuses, each named with its dtype and shape.
    save("int8_2x2.npy", np.arange(4, dtype=np.int8).reshape(2, 2))
    save("bool_3.npy", np.array([True, False, True]))
    save("fortran_complex128_2x2.npy", np.asfortranarray(np.arange(4).reshape(2, 2) * (1 + 1j)))
    save("unicode_2.npy", np.array(["ab", "c"]))
    save("structured_2.npy", np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))

    members = {
        "fortran": np.asfortranarray(cube),
        "transposed": a.T.copy().T,
        "bigendian": a.astype(">f8"),
        "half": np.asfortranarray(a.astype("<f2")),
        "half_bigendian": a.astype(">f2"),
    }
    np.savez(os.path.join(OUT, "mixed_stored.npz"), **members)
    np.savez_compressed(os.path.join(OUT, "mixed_deflated.npz"), **members)

    # The LSTM cases in Fortran order: the same numbers, another memory order.
    keras = os.path.join(FIXTURES, "keras_lstm")
    w = load_npz(os.path.join(keras, "weights.npz"))
    folder = os.path.join(OUT, "fortran_lstm", "keras")
    os.makedirs(folder, exist_ok=True)
    np.savez_compressed(os.path.join(folder, "weights.npz"), **{k: np.asfortranarray(v) for k, v in w.items()})
    for name in ["x", "h0", "c0", "upstream"]:
        np.save(os.path.join(folder, name + ".npy"), np.asfortranarray(np.load(os.path.join(keras, name + ".npy"))))

    torch = os.path.join(FIXTURES, "torch_lstm")
    w = load_npz(os.path.join(torch, "weights.npz"))
    folder = os.path.join(OUT, "fortran_lstm", "torch")
    os.makedirs(folder, exist_ok=True)
    # weight_ih_l0 = kernel.T of a C-order Keras kernel: Fortran order in the file.
    converted = {k: (np.ascontiguousarray(v.T).T if v.ndim == 2 else v) for k, v in w.items()}
    assert all(v.flags.f_contiguous and not v.flags.c_contiguous for v in converted.values() if v.ndim == 2)
    np.savez(os.path.join(folder, "weights.npz"), **converted)
    np.save(os.path.join(folder, "x.npy"), np.asfortranarray(np.load(os.path.join(torch, "x.npy"))))


if __name__ == "__main__":
    arrays()
