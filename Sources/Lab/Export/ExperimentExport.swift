import Foundation
import LessonKit
import RNNCore

/// What `rnnlab export` writes for a live panel: the numbers the panel shows, as files anyone
/// can load with their own code (NumPy, Keras, PyTorch) and recompute.
public struct ExperimentExport: Sendable {
    /// One file's contents.
    public enum Contents: Sendable {
        case npy(NDArray)
        case npz([String: NDArray])
        case text(String)
    }

    /// The files, in the order the README lists them, each with a line saying what it is.
    public var files: [(name: String, contents: Contents, about: String)] = []
    /// Facts for experiment.json (cell, knob values, seed…), as JSON-ready values.
    public var facts: [String: any Sendable] = [:]

    public init() {}

    /// Adds or replaces a file.
    public mutating func add(_ name: String, _ contents: Contents, about: String) {
        files.removeAll { $0.name == name }
        files.append((name, contents, about))
    }

    /// experiment.json: the facts, keys sorted, numbers as JSON numbers.
    public func experimentJSON() -> String {
        let data = (try? JSONSerialization.data(withJSONObject: facts, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The README that says what each file is.
    public func readme(title: String) -> String {
        var lines = [title, String(repeating: "=", count: title.count), "",
                     "Written by `rnnlab export`. Arrays are float64, batch-major as Keras writes them:",
                     "(batch, time, features) with batch 1. Load them with numpy.load.", ""]
        for f in files { lines.append("- \(f.name): \(f.about)") }
        lines.append("- experiment.json: the cell, the knob values, the seed and what else made these numbers.")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The standard export of a view that runs a cell: weights (Keras 3 layout), input, trace.
public enum CellExport {
    /// weights.npz, input.npy and trace.npz for the cell a panel runs with its knob values.
    /// `extraTrace` joins trace.npz (e.g. `grad_h_norm`); `upstream` becomes upstream.npy.
    public static func make(view: String, cell: CellSpec, values: KnobValues, extraTrace: [String: NDArray] = [:],
                            upstream: NDArray? = nil, facts extraFacts: [String: any Sendable] = [:]) -> ExperimentExport {
        let p = CellRunner.parameters(cell, values)
        let inputs = InputSignal.values(cell, values)
        // The gates the knobs force, exactly as the panel ran them: the trace is the forced one.
        let overrides = values.gateOverrides(cell.cell)
        let trace = p.forward(inputs.map { Matrix(rows: 1, cols: 1, data: [$0]) }, overrides: overrides)
        var out = ExperimentExport()
        let H = cell.hidden, T = inputs.count
        out.add("weights.npz", .npz(KerasLayout.export(p)),
                about: "the weights after the knobs, Keras 3 layout: kernel (\(p.inputSize), \(p.kind.blocks * H)), recurrent_kernel (\(H), \(p.kind.blocks * H))"
                    + (cell.cell == .rnn ? " (the lecture's vanilla RNN has no bias)" : ", bias") + gateOrder(cell.cell))
        out.add("input.npy", .npy(NDArray(shape: [1, T, 1], data: inputs)), about: "the input x_1 … x_T, shape (1, \(T), 1)")
        if let upstream {
            out.add("upstream.npy", .npy(upstream),
                    about: "the gradient ∂L/∂h_t the loss injects at each step, shape (1, \(T), \(H)); L = Σ upstream ⊙ h")
        }
        var arrays: [String: NDArray] = ["h": NDArray.stackingTimeSteps(trace.h)]
        if cell.cell == .lstm { arrays["c"] = NDArray.stackingTimeSteps(trace.c) }
        for (name, steps) in trace.gates { arrays[name] = NDArray.stackingTimeSteps(steps) }
        arrays.merge(extraTrace) { $1 }
        out.add("trace.npz", .npz(arrays),
                about: "what the cell computed, each (1, \(T), \(H)): " + arrays.keys.sorted().joined(separator: ", ")
                    + (extraTrace.isEmpty ? "" : " (grad_h_norm is (1, \(T)): ‖∂L/∂h_t‖ through every later step)"))
        out.add("reproduce.py", .text(KerasReproduce.script(cell: cell.cell, hidden: H, resetAfter: p.resetAfter, forced: overrides.values)),
                about: KerasReproduce.about(forced: overrides.values))
        var facts: [String: any Sendable] = [
            "view": view, "cell": cell.cell.rawValue, "hidden": H, "input_size": 1, "steps": T,
            "input": values.input.rawValue, "period": cell.period, "seed": Int(values.seed), "scale": values.scale,
            "sigma_max_requested": values.sigmaMax.map { $0 as any Sendable } ?? NSNull(),
            "sigma_max": SingularValues.spectralNorm(recurrent(p)), "forced_gates": overrides.values,
            "initial_state": "zeros", "keras_layer": kerasLayer(cell.cell),
        ]
        if cell.cell == .lstm { facts["forget_bias_shift"] = values.forgetBias ?? 0 }
        if cell.cell == .gru { facts["gru_form"] = p.resetAfter ? "reset_after" : "reset_before" }
        facts["knobs"] = Dictionary(uniqueKeysWithValues: cell.knobs.compactMap { k in values[k.name].map { (k.name, k.display($0)) } })
        facts.merge(extraFacts) { $1 }
        out.facts = facts
        return out
    }

    /// The recurrent matrix whose singular values the lab reports (W_hh, or the LSTM/GRU W_h).
    static func recurrent(_ p: CellParameters) -> Matrix { p["W_hh"] ?? p["W_h"]! }

    private static func gateOrder(_ cell: LabCell) -> String {
        switch cell {
        case .rnn: return ""
        case .lstm: return "; gate blocks in Keras order i, f, c, o"
        case .gru: return "; gate blocks in Keras order z, r, h"
        }
    }

    private static func kerasLayer(_ cell: LabCell) -> String {
        switch cell {
        case .rnn: return "SimpleRNN(units, activation='tanh', use_bias=False, return_sequences=True)"
        case .lstm: return "LSTM(units, return_sequences=True)"
        case .gru: return "GRU(units, return_sequences=True, reset_after=True)"
        }
    }
}
