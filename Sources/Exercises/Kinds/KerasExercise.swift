import Foundation
import KerasModel
import LessonKit
import RNNCore

/// The learner writes a Keras 3 model file for a stated task; it is read with `KerasModel`
/// (what `rnnlab keras summary` prints, no Python) and compared with the expected
/// architecture layer by layer.
///
/// ```yaml
/// kind: keras
/// steps: [40, 60]        # T: a number, or a range each student draws their own from
/// features: [100, 300]   # D
/// units: [32, 128, 16]   # H (here a multiple of 16)
/// layers:
///   - class: LSTM
///     units: H           # a number, or H
///   - class: Dense
///     units: 1
///     activation: sigmoid  # optional: the output activation the task asks for
/// ```
///
/// `{T}`, `{D}` and `{H}` in the task and the solution text become the student's numbers.
/// The expected output shapes and parameter counts follow from the layers (Keras 3's
/// defaults: use_bias=True, the GRU's reset_after=True).
public struct KerasExercise: Hashable, Sendable {
    /// One expected layer.
    public struct Layer: Hashable, Sendable {
        public var layerClass: String
        /// nil: the student's H.
        public var units: Int?
        public var returnSequences: Bool
        /// The activation the task asks for (`activation:`), nil when the block states none
        /// (then any is accepted, except a softmax over one unit, which is always 1).
        public var activation: String?
        /// The block line of the layer (for errors about the block itself).
        public var line: Int
    }

    public var steps: VariedNumber
    public var features: VariedNumber
    public var units: VariedNumber?
    public var layers: [Layer]

    /// The layer classes a block may name.
    public static let classes = ["SimpleRNN", "LSTM", "GRU", "Dense", "TimeDistributed"]
    static let recurrent: Set<String> = ["SimpleRNN", "LSTM", "GRU"]

    static let keys = ["steps", "features", "units", "layers"]

    /// The activations a block may ask for (Keras' names).
    static let activations = ["linear", "sigmoid", "tanh", "relu", "softmax", "softplus", "elu", "selu", "gelu", "silu"]

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> KerasExercise? {
        let before = errors.count
        let steps = VariedNumber.parse(fields, "steps", in: 1...10_000, whole: true, errors: &errors)
        let features = VariedNumber.parse(fields, "features", in: 1...100_000, whole: true, errors: &errors)
        let units = VariedNumber.parse(fields, "units", in: 1...4096, whole: true, errors: &errors)
        for key in ["steps", "features"] where fields[key] == nil {
            errors.append(LessonError(file: fields.file, line: fenceLine, message: "a keras exercise needs '\(key)' (a number or a range [lower, upper])"))
        }
        var layers: [Layer] = []
        if let items = fields.mappings("layers", what: "layer", errors: &errors) {
            for item in items {
                let line = item.fields.first?.line ?? fenceLine
                item.checkKeys(allowed: ["class", "units", "return-sequences", "activation"], errors: &errors)
                let cls = item.word("class", in: classes, noun: "layer class", required: true, missingLine: line, errors: &errors)
                var n: Int?
                if let f = item["units"] {
                    var local: [LessonError] = []
                    let text = item.string("units", required: false, missingLine: line, errors: &local)
                    if text == "H" {
                        if units == nil && fields["units"] == nil {
                            errors.append(LessonError(file: fields.file, line: f.line, message: "'units: H' needs the block's 'units' (the student's H)"))
                        }
                    } else if let t = text, let v = Int(t), v >= 1 {
                        n = v
                    } else {
                        errors.append(LessonError(file: fields.file, line: f.line, message: "a layer's 'units' must be a whole number ≥ 1 or H"))
                    }
                } else {
                    errors.append(LessonError(file: fields.file, line: line, message: "a layer needs 'units' (a number or H)"))
                }
                let rs = item.bool("return-sequences", errors: &errors)
                if let cls, rs != nil, !recurrent.contains(cls), let f = item["return-sequences"] {
                    errors.append(LessonError(file: fields.file, line: f.line, message: "'return-sequences' belongs to SimpleRNN, LSTM and GRU, not \(cls)"))
                }
                let activation = item.word("activation", in: KerasExercise.activations, noun: "activation", required: false,
                                           missingLine: line, errors: &errors)
                if let cls { layers.append(Layer(layerClass: cls, units: n, returnSequences: rs ?? false, activation: activation, line: line)) }
            }
            if items.isEmpty {
                errors.append(LessonError(file: fields.file, line: fields.line(of: "layers", or: fenceLine), message: "'layers' is empty"))
            }
        } else if fields["layers"] == nil {
            errors.append(LessonError(file: fields.file, line: fenceLine, message: "a keras exercise needs 'layers': the expected layers in order"))
        }
        // The expected model must itself be one Keras builds: a recurrent layer needs a sequence.
        var sequence = true
        for l in layers {
            if recurrent.contains(l.layerClass) || l.layerClass == "TimeDistributed", !sequence {
                errors.append(LessonError(file: fields.file, line: l.line,
                                          message: "a \(l.layerClass) needs a sequence here, but the layer before it gives one vector (add 'return-sequences: true' to it)"))
            }
            if recurrent.contains(l.layerClass) { sequence = l.returnSequences }
        }
        guard errors.count == before, let steps, let features else { return nil }
        return KerasExercise(steps: steps, features: features, units: units, layers: layers)
    }

    /// The student's numbers.
    struct Numbers {
        var T: Int, D: Int, H: Int?
    }

    func numbers(seed: UInt64) -> Numbers {
        var rng = SeededRandom(seed: seed)
        let T = Int(steps.draw(&rng)), D = Int(features.draw(&rng))
        return Numbers(T: T, D: D, H: units.map { Int($0.draw(&rng)) })
    }

    /// What the expected model's summary is: each layer's class, output shape and parameters.
    struct Expected {
        var input: KerasShape
        var layers: [(spec: Layer, units: Int, shape: KerasShape, parameters: Int)]
        var total: Int { layers.reduce(0) { $0 + $1.parameters } }
        var output: KerasShape { layers.last?.shape ?? input }
    }

    func expected(_ n: Numbers, steps T: Int?) -> Expected {
        var shape: KerasShape = [nil, T, n.D]
        var out: [(Layer, Int, KerasShape, Int)] = []
        for l in layers {
            let h = l.units ?? n.H ?? 1
            let d = shape.last.flatMap { $0 } ?? 0
            let p: Int
            switch l.layerClass {
            case "SimpleRNN": p = h * (d + h) + h
            case "LSTM": p = 4 * (h * (d + h) + h)
            case "GRU": p = 3 * (h * (d + h) + h) + 3 * h
            default: p = (d + 1) * h
            }
            if KerasExercise.recurrent.contains(l.layerClass) {
                shape = l.returnSequences ? [nil, shape[1], h] : [nil, h]
            } else {
                shape = Array(shape.dropLast()) + [h]
            }
            out.append((l, h, shape, p))
        }
        return Expected(input: [nil, T, n.D], layers: out)
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        let n = numbers(seed: seed)
        let me = self
        let exp = expected(n, steps: n.T)
        var statement = fill(spec.task, n).trimmingCharacters(in: .whitespacesAndNewlines) + "\n\nYour numbers: T = \(n.T) time steps of D = \(n.D) features"
            + (n.H.map { ", H = \($0) units" } ?? "") + ": the data is (batch, \(n.T), \(n.D)); the model's output is "
            + KerasExercise.show(exp.output) + "."
        statement += "\nWrite the model in a .py file (keras.Sequential or the functional form) and hand in its path."
        let source = solutionSource(n)
        return ExerciseVariant(
            exercise: spec, student: student, seed: seed, statement: statement,
            check: { submission throws(ExerciseError) in
                guard case .source(let text, let file) = submission else {
                    throw ExerciseError.unreadable("this is a keras exercise: hand in the path of your model file (.py)")
                }
                return try me.check(text, file: file, n)
            },
            solution: { .source(source) })
    }

    /// `{T}`, `{D}`, `{H}` replaced by the student's numbers.
    func fill(_ text: String, _ n: Numbers) -> String {
        var t = text.replacingOccurrences(of: "{T}", with: String(n.T)).replacingOccurrences(of: "{D}", with: String(n.D))
        if let h = n.H { t = t.replacingOccurrences(of: "{H}", with: String(h)) }
        return t
    }

    /// A model file that passes.
    func solutionSource(_ n: Numbers) -> String {
        var lines = ["import keras", "from keras import layers", "", "model = keras.Sequential([",
                     "    keras.Input(shape=(\(n.T), \(n.D))),"]
        for l in layers {
            let h = l.units ?? n.H ?? 1
            // an activation only where it is not Keras' default for the class
            let fallback = KerasExercise.recurrent.contains(l.layerClass) ? "tanh" : "linear"
            let act = l.activation.flatMap { $0 == fallback ? nil : ", activation=\"\($0)\"" } ?? ""
            switch l.layerClass {
            case "TimeDistributed": lines.append("    layers.TimeDistributed(layers.Dense(\(h)\(act))),")
            case "Dense": lines.append("    layers.Dense(\(h)\(act)),")
            default: lines.append("    layers.\(l.layerClass)(\(h)\(l.returnSequences ? ", return_sequences=True" : "")\(act)),")
            }
        }
        lines += ["])", "model.summary()", ""]
        return lines.joined(separator: "\n")
    }

    /// `(None, 47, 212)`.
    static func show(_ s: KerasShape) -> String { "(" + s.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")" }

    /// `1,234`.
    static func count(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    static func article(_ cls: String) -> String { ["LSTM", "SimpleRNN"].contains(cls) ? "an" : "a" }

    /// The comparison, first difference first.
    func check(_ text: String, file: String, _ n: Numbers) throws(ExerciseError) -> Verdict {
        let summary: KerasSummary
        do {
            summary = try KerasModelReader.summarize(text)
        } catch {
            // Keras itself refuses a recurrent layer, or a per-step readout, fed one vector
            // per sequence: the layer below it returns only its last state (the stacked
            // RNN's classic slip).
            if error.message.contains("needs a 3-D input") || error.message.hasPrefix("TimeDistributed needs an input of at least 3 axes") {
                return Verdict(passed: false, diagnosis: "missing-return-sequences",
                               message: error.description(file: file)
                                   + ". The recurrent layer below it returns only its last state: give it return_sequences=True so the layer above gets the whole sequence.")
            }
            throw ExerciseError.unreadable(error.description(file: file))
        }
        let actual = summary.layers.filter { $0.className != "InputLayer" }
        // keras.Input(shape=(None, D)) takes any number of steps, the task's T among them.
        let input = summary.inputShape
        let anyLength = input.count == 3 && input[1] == nil
        let exp = expected(n, steps: anyLength ? nil : n.T)
        if input.count != 3 || input[2] != n.D || !(anyLength || input[1] == n.T) {
            var why = "the model's input is \(KerasExercise.show(input)); the task's sequences are (None, \(n.T), \(n.D)): \(n.T) steps of \(n.D) features, keras.Input(shape=(\(n.T), \(n.D)))"
            if input.count == 3, input[1] == n.D, input[2] == n.T { why += ". T and D are swapped: the shape is (steps, features)" }
            return Verdict(passed: false, diagnosis: "wrong-input-shape", message: why + ".")
        }
        if let v = structure(actual, exp) { return v }
        for i in 0..<actual.count {
            let a = actual[i]
            let e = exp.layers[i]
            let name = "layer \(i + 1) (`\(a.name)`)"
            if !sameClass(e.spec.layerClass, a) {
                return Verdict(passed: false, diagnosis: "wrong-layer-class",
                               message: "\(name) is \(KerasExercise.article(a.className)) \(a.className); the task asks for \(KerasExercise.article(e.spec.layerClass)) \(e.spec.layerClass) there.")
            }
            guard let out = a.outputShapes.first else { continue }
            if a.outputShapes.count > 1 {
                return Verdict(passed: false, diagnosis: "return-state",
                               message: "\(name) also returns its state (return_state=True); the task wants its output only.")
            }
            if let units = out.last.flatMap({ $0 }), units != e.units {
                return Verdict(passed: false, diagnosis: "wrong-units",
                               message: "\(name) has \(units) unit\(units == 1 ? "" : "s"); the task asks for \(e.units).")
            }
            if KerasExercise.recurrent.contains(a.className) {
                let returnsSequence = out.count == 3
                if returnsSequence && !e.spec.returnSequences {
                    return Verdict(passed: false, diagnosis: "extra-return-sequences",
                                   message: "\(name) returns the whole sequence \(KerasExercise.show(out)) (return_sequences=True); the task wants only its last state here, \(KerasExercise.show(e.shape)): remove return_sequences.")
                }
                if !returnsSequence && e.spec.returnSequences {
                    let next = i + 1 < exp.layers.count && KerasExercise.recurrent.contains(exp.layers[i + 1].spec.layerClass)
                        ? "the \(exp.layers[i + 1].spec.layerClass) stacked on it needs the whole sequence"
                        : "the task wants an output at every step"
                    return Verdict(passed: false, diagnosis: "missing-return-sequences",
                                   message: "\(name) returns only its last state \(KerasExercise.show(out)); \(next), \(KerasExercise.show(e.shape)): add return_sequences=True.")
                }
            }
            if out != e.shape {
                return Verdict(passed: false, diagnosis: "wrong-output-shape",
                               message: "\(name) gives \(KerasExercise.show(out)); the task's model gives \(KerasExercise.show(e.shape)) there.")
            }
            if a.parameters != e.parameters {
                return Verdict(passed: false, diagnosis: "parameter-count",
                               message: "\(name) has \(KerasExercise.count(a.parameters)) parameters; \(KerasExercise.article(e.spec.layerClass)) \(e.spec.layerClass) of \(e.units) units here has \(KerasExercise.count(e.parameters)) with Keras' defaults (use_bias=True\(e.spec.layerClass == "GRU" ? ", reset_after=True" : "")).")
            }
            if let v = KerasExercise.activationVerdict(name: name, actual: a.activation, units: e.units, asked: e.spec.activation) {
                return v
            }
        }
        let path = ([KerasExercise.show(exp.input)] + actual.map { "\($0.className) \(KerasExercise.show($0.outputShapes[0]))" })
            .joined(separator: " → ")
        return Verdict(passed: true, message: "Right: \(path), \(KerasExercise.count(summary.totalParameters)) parameters.")
    }

    /// The verdict on a layer's activation, nil when it is fine: a softmax over one unit is
    /// always wrong (it normalises over the units, so it outputs 1.0 whatever the input); an
    /// activation the block asks for must be the one applied.
    static func activationVerdict(name: String, actual: String?, units: Int, asked: String?) -> Verdict? {
        let applied = actual ?? "linear"
        if applied == "softmax" && units == 1 && asked != "softmax" {
            let fix = asked.map { $0 == "linear" ? "leave the activation out (a linear output)" : "use activation=\"\($0)\"" }
                ?? "for the probability of one class use activation=\"sigmoid\""
            return Verdict(passed: false, diagnosis: "softmax-one-unit",
                           message: "\(name) applies softmax over 1 unit: softmax normalises over the units, so one unit always outputs 1.0, whatever the input; \(fix).")
        }
        guard let asked, asked != applied else { return nil }
        let what = applied == "linear" ? "has no activation (a linear output, any real number)" : "applies \(applied)"
        let why: String = switch asked {
        case "sigmoid": ": σ squashes the output into (0, 1), a probability"
        case "softmax": ": a probability distribution over the \(units) units"
        case "linear": ": an unbounded number (leave activation out, or activation=None)"
        default: ""
        }
        let fix = asked == "linear" ? "" : " (activation=\"\(asked)\")"
        return Verdict(passed: false, diagnosis: "wrong-activation",
                       message: "\(name) \(what); the task asks for \(asked)\(fix) there\(why).")
    }

    /// A layer missing or one too many: the classes line up once one layer is taken out.
    /// nil when the counts agree (the layers are then compared one by one).
    private func structure(_ actual: [KerasSummary.Layer], _ exp: Expected) -> Verdict? {
        guard actual.count != exp.layers.count else { return nil }
        let wanted = exp.layers.map(\.spec.layerClass)
        let chain = { (classes: [String]) in classes.joined(separator: " → ") }
        let theirs = chain(actual.map(\.className)), ours = chain(wanted)
        func fits(_ a: [KerasSummary.Layer], _ e: [String]) -> Bool {
            a.count == e.count && zip(e, a).allSatisfy { sameClass($0, $1) }
        }
        if actual.count == wanted.count - 1,
           let j = wanted.indices.first(where: { j in fits(actual, wanted.enumerated().filter { $0.offset != j }.map(\.element)) }) {
            let e = exp.layers[j]
            return Verdict(passed: false, diagnosis: "missing-layer",
                           message: "a layer is missing: the task's model is \(ours), yours is \(theirs) (\(KerasExercise.article(e.spec.layerClass)) \(e.spec.layerClass) of \(e.units) units is layer \(j + 1) of \(wanted.count)).")
        }
        if actual.count == wanted.count + 1,
           let j = actual.indices.first(where: { j in fits(actual.enumerated().filter { $0.offset != j }.map(\.element), wanted) }) {
            return Verdict(passed: false, diagnosis: "extra-layer",
                           message: "one layer too many: the task's model is \(ours), yours is \(theirs); layer \(j + 1) (`\(actual[j].name)`, \(actual[j].className)) is not in it.")
        }
        return Verdict(passed: false, diagnosis: "layer-count",
                       message: "the task's model has \(wanted.count) layer\(wanted.count == 1 ? "" : "s"), \(ours); yours has \(actual.count), \(theirs).")
    }

    /// A plain Dense on a sequence is what TimeDistributed(Dense) is in Keras 3 (same
    /// weights, same shapes): either passes for the other.
    private func sameClass(_ expected: String, _ actual: KerasSummary.Layer) -> Bool {
        if expected == actual.className { return true }
        let sequence = (actual.outputShapes.first?.count ?? 0) == 3
        return sequence && Set([expected, actual.className]) == ["Dense", "TimeDistributed"]
    }
}
