import Foundation
import LessonKit
import RNNCore

/// One number the learner computes (by hand, with a calculator or a few lines of code) and
/// types in. The block gives a recipe; the lab draws each student's numbers from their seed,
/// prints them in the statement and computes the expected answer with RNNCore:
///
/// - `h`, `c`, or a gate (`i f g o`, `r z n`): one element of it at step t for small
///   readable weights (`cell`, `input`, `hidden`, `steps` = t, `unit`, `initial-state`);
/// - `grad-norm`: ‖∂L/∂h_1‖ of a vanilla RNN at rest with W_hh = σ_max·Q (Q orthogonal),
///   L = Σ h_T (`hidden`, `steps`, `regime`: vanishing or exploding);
/// - `parameters`: the parameter count of a Keras layer for the student's D and H (`cell`, `gru-form`);
/// - `echo-steps`: how many steps a pulse's echo takes to fall below 1 % in a linear unit
///   h_t = w·h_{t−1}.
///
/// ```yaml
/// kind: numeric
/// quantity: h
/// cell: rnn
/// steps: 2
/// ```
public struct NumericExercise: Hashable, Sendable {
    /// What is asked.
    public enum Quantity: Hashable, Sendable {
        /// An element of h_t, c_t or of a gate (`h`, `c`, `i`…) at step `steps`.
        case element(String)
        case gradientNorm
        case parameters
        case echoSteps

        static let words = ["h", "c", "i", "f", "g", "o", "r", "z", "n", "grad-norm", "parameters", "echo-steps"]

        init?(word: String) {
            switch word {
            case "grad-norm": self = .gradientNorm
            case "parameters": self = .parameters
            case "echo-steps": self = .echoSteps
            default: if Quantity.words.contains(word) { self = .element(word) } else { return nil }
            }
        }

        /// Counts are whole numbers and checked exactly.
        var isWhole: Bool { self == .parameters || self == .echoSteps }

        /// A made-up answer of the right form, for "write it like …" messages.
        public var example: String {
            switch self {
            case .parameters: "12345"
            case .echoSteps: "17"
            default: "0.4621"
            }
        }
    }

    public var quantity: Quantity
    public var cell: CellKind
    /// GRU parameter count: reset_after (Keras' default, two biases) or not.
    public var resetAfter: Bool
    public var inputSize: Int
    public var hiddenSize: Int
    /// t of the element asked, or T of the gradient norm.
    public var steps: Int
    /// Which unit of the state (0-based, numpy's index).
    public var unit: Int
    public var initialState: Bool
    /// `grad-norm`: σ_max below 1 (vanishing) or above (exploding).
    public var exploding: Bool
    public var tolerance: Tolerance
    /// The significant digits the answer must have right (the ask says "to at least 5
    /// significant digits"): 5 when the block states no `rtol`/`atol`, nil otherwise (then the
    /// tolerance alone decides) and for counts.
    public var significantDigits: Int? = nil

    static let keys = ["quantity", "cell", "gru-form", "input", "hidden", "steps", "unit", "initial-state", "regime",
                       "rtol", "atol"]

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> NumericExercise? {
        let before = errors.count
        let word = fields.word("quantity", in: Quantity.words, noun: "quantity", required: true,
                               missingLine: fenceLine, errors: &errors)
        let quantity = word.flatMap(Quantity.init(word:))
        let needsCell: Bool = switch quantity { case .element, .parameters: true; default: false }
        let cell = fields.choice("cell", CellKind.self, noun: "cell", required: needsCell, missingLine: fenceLine, errors: &errors)
        let form = fields.word("gru-form", in: ["reset-after", "reset-before"], noun: "GRU form", required: false,
                               missingLine: fenceLine, errors: &errors)
        let regime = fields.word("regime", in: ["vanishing", "exploding"], noun: "regime", required: false,
                                 missingLine: fenceLine, errors: &errors)
        let D = fields.int("input", in: 1...4, errors: &errors) ?? 2
        let H = fields.int("hidden", in: 1...8, errors: &errors) ?? 2
        let T = fields.int("steps", in: 1...100, errors: &errors)
        let unit = fields.int("unit", in: 0...7, errors: &errors) ?? 0
        let initial = fields.bool("initial-state", errors: &errors) ?? false
        let tolerance = tolerance(fields, errors: &errors)
        func reject(_ key: String, _ why: String) {
            if fields[key] != nil { errors.append(LessonError(file: fields.file, line: fields.line(of: key, or: fenceLine), message: why)) }
        }
        switch quantity {
        case .element(let name)?:
            if let cell {
                let known = ["h"] + (cell == .lstm ? ["c"] : []) + cell.gateNames
                if !known.contains(name) {
                    errors.append(LessonError(file: fields.file, line: fields.line(of: "quantity", or: fenceLine),
                                              message: "the \(cell.rawValue) cell has no '\(name)' (it has: \(known.joined(separator: ", ")))"))
                }
                if cell != .rnn, D > 2 || H > 2 {
                    errors.append(LessonError(file: fields.file, line: fields.line(of: "hidden", or: fenceLine),
                                              message: "a gated cell worked by hand needs input and hidden at most 2"))
                }
            }
            if unit >= H { reject("unit", "'unit' is \(unit); it must be below hidden (\(H))") }
            if let T, T > 3 { reject("steps", "'steps' is \(T); a state worked by hand needs at most 3") }
            reject("gru-form", "'gru-form' is only for quantity 'parameters' (a GRU worked by hand is the lecture's form)")
            reject("regime", "'regime' is only for quantity 'grad-norm'")
        case .gradientNorm?:
            for key in ["cell", "gru-form", "input", "unit", "initial-state"] { reject(key, "'\(key)' is not used by quantity 'grad-norm'") }
            if let T, T < 2 { reject("steps", "'steps' is \(T); ‖∂L/∂h_1‖ needs at least 2") }
        case .parameters?:
            for key in ["input", "hidden", "steps", "unit", "initial-state", "regime"] {
                reject(key, "'\(key)' is not used by quantity 'parameters' (each student gets their own D and H)")
            }
            if form != nil, let cell, cell != .gru { reject("gru-form", "'gru-form' is only for 'cell: gru'") }
        case .echoSteps?:
            for key in ["cell", "gru-form", "input", "hidden", "steps", "unit", "initial-state", "regime"] {
                reject(key, "'\(key)' is not used by quantity 'echo-steps'")
            }
        case nil: break
        }
        guard errors.count == before, let quantity else { return nil }
        let defaultSteps = quantity == .gradientNorm ? 10 : 2
        return NumericExercise(quantity: quantity, cell: cell ?? .rnn, resetAfter: form != "reset-before", inputSize: D,
                               hiddenSize: quantity == .gradientNorm ? (fields["hidden"] == nil ? 4 : H) : H,
                               steps: T ?? defaultSteps, unit: unit, initialState: initial,
                               exploding: regime == "exploding", tolerance: tolerance,
                               significantDigits: fields["rtol"] == nil && fields["atol"] == nil && !quantity.isWhole ? 5 : nil)
    }

    /// `rtol` and `atol` (default `Tolerance.standard`).
    static func tolerance(_ fields: YAMLFields, errors: inout [LessonError]) -> Tolerance {
        Tolerance(relative: fields.double("rtol", in: 0...0.5, openBelow: false, errors: &errors) ?? Tolerance.standard.relative,
                  absolute: fields.double("atol", in: 0...1, openBelow: false, errors: &errors) ?? Tolerance.standard.absolute)
    }

    /// `x` rounded to `digits` significant digits.
    static func significant(_ x: Double, digits: Int) -> Double {
        guard x != 0 else { return 0 }
        let scale = pow(10, Double(digits) - ceil(log10(abs(x))))
        return (x * scale).rounded() / scale
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        let problem: NumericProblem
        switch quantity {
        case .element(let name): problem = NumericProblem.element(name, self, seed: seed)
        case .gradientNorm: problem = NumericProblem.gradientNorm(self, seed: seed)
        case .parameters: problem = NumericProblem.parameters(self, seed: seed)
        case .echoSteps: problem = NumericProblem.echoSteps(seed: seed)
        }
        let whole = quantity.isWhole, tolerance = self.tolerance, digits = significantDigits, example = quantity.example
        let statement = spec.task + "\n\n**Your numbers** (student `\(student)`):\n\n" + problem.numbers + "\n\n" + problem.ask
        var variant = ExerciseVariant(
            exercise: spec, student: student, seed: seed, statement: statement,
            check: { submission throws(ExerciseError) in
                guard case .number(let x) = submission else {
                    throw ExerciseError.unreadable("this is a numeric exercise: answer with one number, e.g. \(example)")
                }
                guard x.isFinite else { throw ExerciseError.unreadable("the answer must be a finite number") }
                return NumericExercise.verdict(x, problem: problem, whole: whole, tolerance: tolerance, digits: digits)
            },
            solution: { .number(problem.expected) })
        switch quantity {
        case .element:
            variant.cell = cell.rawValue
            variant.resetAfter = cell == .gru ? false : nil  // a GRU by hand is the lecture's form
        case .parameters:
            variant.cell = cell.rawValue
            variant.resetAfter = cell == .gru ? resetAfter : nil
        case .gradientNorm:
            variant.cell = CellKind.rnn.rawValue
        case .echoSteps:
            break
        }
        return variant
    }

    /// One unit in the `digits`-th significant digit of `x` (1e-6 for 0.053502 and 5 digits).
    static func unit(_ x: Double, digits: Int) -> Double {
        x == 0 ? 1e-12 : pow(10, floor(log10(abs(x))) - Double(digits - 1))
    }

    /// The verdict on `x`: right within the tolerance (and to `digits` significant digits);
    /// else the first mistake whose answer `x` equals in the same way, so a mistake whose
    /// answer is near the right one (tanh left out of a small state) is named before any
    /// "keep more digits"; else how far off it is.
    static func verdict(_ x: Double, problem: NumericProblem, whole: Bool, tolerance: Tolerance, digits: Int? = nil) -> Verdict {
        let e = problem.expected
        // `y` given for `a`: exactly for counts, else within the tolerance and to `digits` digits
        func same(_ y: Double, _ a: Double) -> Bool {
            if whole { return y == a }
            return tolerance.accepts(y, expected: a) && (digits.map { abs(y - a) <= unit(a, digits: $0) * 1.0000001 } ?? true)
        }
        if same(x, e) { return Verdict(passed: true, message: "Right: \(NumberText.short(e)).") }
        for m in problem.mistakes {
            for a in m.answer() ?? [] where !same(a, e) && same(x, a) {
                return Verdict(passed: false, diagnosis: m.mistake.id, message: m.mistake.explanation)
            }
        }
        if whole {
            if x != x.rounded() { return Verdict(passed: false, message: "Not right: the answer is a whole number.") }
            return Verdict(passed: false, message: "Not right: \(NumberText.short(x)) is too \(x > e ? "large" : "small").")
        }
        let relative = e == 0 ? Double.infinity : abs(x - e) / abs(e)
        var message = "Not right (no known mistake matches): \(NumberText.short(x)) is too \(x > e ? "large" : "small")"
        if relative < 0.01 {
            message += ", by less than 1 %: give \(digits.map { "at least \($0) significant digits" } ?? "more digits"), and keep more digits in the intermediate steps."
        } else if e != 0, (x > 0) != (e > 0) {
            message += ", and its sign is wrong."
        } else {
            message += "."
        }
        return Verdict(passed: false, message: message)
    }
}
