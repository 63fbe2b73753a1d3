import RNNCore

/// reproduce.py: the Keras 3 script `rnnlab export` writes beside a cell's weights. It builds
/// the stock Keras layer of the same cell, sets the exported weights, runs input.npy and
/// prints `max abs difference h: X` (and `c` for the LSTM) against trace.npz, exiting 1
/// above 1e-6. Everything runs in float64 (Keras' float32 default would differ by ~1e-7).
///
/// Gates forced by the lab's gate knobs have no stock Keras form (a forced gate is a
/// constant, not a sigmoid of learned weights): for those exports the script says so and
/// exits 0, naming scripts/check_export.py, which does recompute forced gates.
public enum KerasReproduce {
    /// The largest max-abs difference the script accepts.
    public static let tolerance = 1e-6

    /// The script for a cell with `hidden` units; `forced` non-empty gives the explaining script.
    public static func script(cell: LabCell, hidden: Int, resetAfter: Bool, forced: [String: Double]) -> String {
        if !forced.isEmpty { return forcedScript(cell: cell, forced: forced) }
        return header + """
            H = \(hidden)
            w = np.load(here("weights.npz"))
            x = np.load(here("input.npy"))
            trace = np.load(here("trace.npz"))

            \(layerLine(cell, resetAfter: resetAfter))
            layer.build(x.shape)
            layer.set_weights([w[name] for name in \(weightNames(cell))])
            outputs = layer(x)
            h = np.asarray(outputs[0] if isinstance(outputs, (list, tuple)) else outputs)
            ours = {"h": h}
            \(cell == .lstm ? lstmCellStates : "")
            worst = 0.0
            for name, value in ours.items():
                d = float(np.max(np.abs(value - trace[name])))
                worst = max(worst, d)
                print(f"max abs difference {name}: {d:.3g}")
            sys.exit(0 if worst <= \(tolerance) else 1)

            """
    }

    /// The Keras layer, as experiment.json's `keras_layer` names it, in float64.
    static func layerLine(_ cell: LabCell, resetAfter: Bool) -> String {
        switch cell {
        case .rnn:
            return "layer = keras.layers.SimpleRNN(H, activation=tanh, use_bias=False, return_sequences=True, dtype=\"float64\")"
        case .lstm:
            return "layer = keras.layers.LSTM(H, activation=tanh, recurrent_activation=sigmoid, return_sequences=True, return_state=True, dtype=\"float64\")"
        case .gru:
            return "layer = keras.layers.GRU(H, activation=tanh, recurrent_activation=sigmoid, return_sequences=True, reset_after=\(resetAfter ? "True" : "False"), dtype=\"float64\")"
        }
    }

    /// The order `set_weights` takes the arrays in (the cell's own variable order).
    static func weightNames(_ cell: LabCell) -> String {
        cell == .rnn ? "[\"kernel\", \"recurrent_kernel\"]" : "[\"kernel\", \"recurrent_kernel\", \"bias\"]"
    }

    /// return_state gives only c_T: every c_t comes from stepping the layer's own cell (the
    /// same variables) from zero state, and c_T is checked against return_state too.
    static let lstmCellStates = """
        state = [np.zeros((1, H)), np.zeros((1, H))]
        cs = []
        for t in range(x.shape[1]):
            _, state = layer.cell(x[:, t, :], state)
            cs.append(np.asarray(state[1]))
        ours["c"] = np.stack(cs, axis=1)
        ours["c_T (return_state)"] = np.asarray(outputs[2])[:, None, :]
        trace = dict(trace)
        trace["c_T (return_state)"] = trace["c"][:, -1:, :]
        """

    /// Imports and backend choice shared by both scripts.
    static let header = """
        #!/usr/bin/env python3
        \"\"\"Rebuilds this export's cell as a stock Keras 3 layer, sets weights.npz, runs
        input.npy and compares with trace.npz: prints `max abs difference NAME: X` per array and
        exits 1 above \(tolerance). Written by `rnnlab export`; run it with `python3 reproduce.py`
        (Keras 3 and one backend: jax, tensorflow or torch; KERAS_BACKEND picks one).
        \"\"\"
        import importlib.util
        import os
        import sys

        # JAX computes in float32 unless x64 is on: set before Keras imports it.
        os.environ.setdefault("JAX_ENABLE_X64", "1")
        if "KERAS_BACKEND" not in os.environ:
            for backend in ("tensorflow", "jax", "torch"):
                if importlib.util.find_spec(backend):
                    os.environ["KERAS_BACKEND"] = backend
                    break

        import numpy as np
        import keras

        # float64 for a tight check (Keras' float32 default differs by about 1e-7).
        keras.config.set_floatx("float64")
        # Outside TensorFlow, Keras 3's ops compute a float64 tanh or sigmoid in float32 (its
        # type promotion maps float64 to float32, as JAX's default does): the activations are
        # the backend's own functions, the same math, kept in float64. On TensorFlow the
        # stock "tanh" and "sigmoid" already are.
        BACKEND = keras.backend.backend()
        if BACKEND == "jax":
            import jax
            tanh, sigmoid = jax.numpy.tanh, jax.nn.sigmoid
        elif BACKEND == "torch":
            import torch
            tanh, sigmoid = torch.tanh, torch.sigmoid
        elif BACKEND == "numpy":
            # Its matmul stays float32 whatever floatx says: expect differences near 1e-7.
            print("note: Keras' numpy backend multiplies in float32; jax, torch or tensorflow check tighter",
                  file=sys.stderr)
            tanh, sigmoid = np.tanh, (lambda a: 1 / (1 + np.exp(-a)))
        else:
            tanh, sigmoid = "tanh", "sigmoid"


        def here(name):
            return os.path.join(os.path.dirname(os.path.abspath(__file__)), name)



        """

    static func forcedScript(cell: LabCell, forced: [String: Double]) -> String {
        let list = forced.keys.sorted().map { "\($0)=\(forced[$0]!)" }.joined(separator: " ")
        return """
            #!/usr/bin/env python3
            \"\"\"This export's \(cell.title) ran with gates forced by the lab's gate knobs (\(list)).
            A stock Keras layer computes every gate from its weights, so it cannot reproduce a
            gate held at a constant: this script only says so. scripts/check_export.py in the
            rnnlab repository recomputes forced gates with NumPy; export the step with its gate
            knobs at `learned` to get a reproduce.py that checks against Keras.
            \"\"\"
            import sys

            print("forced gates (\(list)) have no stock Keras layer: nothing to compare; "
                  "see scripts/check_export.py, or export with the gate knobs at 'learned'")
            sys.exit(0)

            """
    }

    /// README line for reproduce.py.
    static func about(forced: [String: Double]) -> String {
        forced.isEmpty
            ? "a Keras 3 script: rebuilds the layer (float64), sets these weights, runs input.npy and prints `max abs difference h` (and c) against trace.npz; exit 1 above \(tolerance)"
            : "explains that the forced gates have no stock Keras layer and exits 0 (scripts/check_export.py recomputes them with NumPy)"
    }
}
