/// What `model.summary()` reports for a model: its name, one row per layer, the totals.
public struct KerasSummary: Equatable, Sendable {
    /// One row of the summary table.
    public struct Layer: Equatable, Sendable {
        public var name: String
        /// The Keras class, e.g. `LSTM`, `InputLayer`.
        public var className: String
        /// One shape, or several for a recurrent layer with return_state (output, then states).
        public var outputShapes: [KerasShape]
        public var parameters: Int
        /// The activation applied to the output (`activation=`, else Keras' default: `tanh`
        /// for SimpleRNN, LSTM and GRU, `linear` for Dense; a TimeDistributed's is its
        /// Dense's); nil for layers without one. Not a column of Keras' summary.
        public var activation: String? = nil
    }

    /// `sequential`, `functional`, or the `name=` given to the model.
    public var modelName: String
    public var layers: [Layer]
    /// The model's input shape, batch axis first (`(None, 50, 300)`): the Sequential
    /// summary has no row for it.
    public var inputShape: KerasShape = []

    /// Every weight of the subset is trainable, so this is also the trainable count.
    public var totalParameters: Int { layers.reduce(0) { $0 + $1.parameters } }

    /// Keras' summary for float32 weights (4 bytes each), as `print_summary` prints it at
    /// `line_length` 88, Keras' default when the terminal is at least 92 columns wide.
    public func table() -> String {
        KerasSummaryTable.render(self)
    }

    /// `{"model", "layers": [{"name", "class", "output_shape", "params"}], "total_params",
    /// "trainable_params", "non_trainable_params"}`; output_shape is a list with null for None,
    /// or for a layer with return_state a list of such lists (output first, then the states).
    public func json() -> String {
        func shape(_ s: KerasShape) -> String {
            "[" + s.map { $0.map(String.init) ?? "null" }.joined(separator: ", ") + "]"
        }
        var out = "{\n  \"model\": \(jsonString(modelName)),\n  \"layers\": [\n"
        out += layers.map { l in
            let shapes = l.outputShapes.count == 1
                ? shape(l.outputShapes[0])
                : "[" + l.outputShapes.map(shape).joined(separator: ", ") + "]"
            return "    {\"name\": \(jsonString(l.name)), \"class\": \(jsonString(l.className)), \"output_shape\": \(shapes), \"params\": \(l.parameters)}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"total_params\": \(totalParameters),\n  \"trainable_params\": \(totalParameters),\n  \"non_trainable_params\": 0\n}\n"
        return out
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped (shared by the
/// summary's `--json` and the exercise exports' `task.json`).
public func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
