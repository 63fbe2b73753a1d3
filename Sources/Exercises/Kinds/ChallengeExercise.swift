import Foundation
import LessonKit
import RNNCore

/// Reach a goal by turning the knobs of the step's live panel, checked live.
///
/// ```yaml
/// kind: challenge
/// metric: gradient-ratio   # what is measured on the step's panel (see `metrics`)
/// at-most: [5, 20]         # the goal: a number, or a range each student draws their own from
/// knobs: [sigma]           # the knobs that count (the step's lab block must have them)
/// ```
///
/// The step's lab block is the panel: the Lab measures the metric on it for given knob
/// settings through a `ChallengeMeasurer` (`LabExercises.variant` wires it). The solution is
/// found by trying the knobs' settings notch by notch, nearest to the step's starting values
/// first, and is measured before it is offered.
public struct ChallengeExercise: Hashable, Sendable {
    /// Which side of the goal passes.
    public enum Bound: String, Hashable, Sendable {
        case atMost = "at-most"
        case atLeast = "at-least"
    }

    /// What is measured (a word of `metrics`).
    public var metric: String
    public var bound: Bound
    /// The goal, fixed or drawn per student.
    public var goal: VariedNumber
    /// The knobs that count, in the block's order.
    public var knobs: [String]

    /// The metric words and what each measures (for the docs and messages).
    public static let metrics: [(word: String, meaning: String)] = [
        ("gradient-ratio",
         "how many times larger or smaller the gradient at t = 1 is than at t = T, read both ways (≥ 1): "
            + "‖∂L/∂h_1‖ vs ‖∂L/∂h_T‖ on a `gradients` panel, the LSTM's ‖∂L/∂c_1‖ vs ‖∂L/∂c_T‖ on a `highway` panel"),
        ("memory-steps",
         "how many steps the echo of a pulse at t = 1 is kept: the steps after t = 1 before the difference its "
            + "pulse makes to the state (c_t for an LSTM, h_t otherwise) first falls below 1 % of that at t = 1 "
            + "(`states`, `heatmap`, `gates` or `cell` panel with `input: pulse`)"),
    ]

    static let keys = ["metric", "at-most", "at-least", "knobs"]

    /// The most knob settings the solution search tries.
    static let searchLimit = 4096

    public init(metric: String, bound: Bound, goal: VariedNumber, knobs: [String]) {
        self.metric = metric
        self.bound = bound
        self.goal = goal
        self.knobs = knobs
    }

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ChallengeExercise? {
        let before = errors.count
        let metric = fields.word("metric", in: metrics.map(\.word), noun: "challenge metric", required: true,
                                 missingLine: fenceLine, errors: &errors)
        let range: ClosedRange<Double> = metric == "memory-steps" ? 1...1000 : 1...1e12
        let whole = metric == "memory-steps"
        let atMost = VariedNumber.parse(fields, "at-most", in: range, whole: whole, errors: &errors)
        let atLeast = VariedNumber.parse(fields, "at-least", in: range, whole: whole, errors: &errors)
        if fields["at-most"] != nil && fields["at-least"] != nil {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "at-least", or: fenceLine),
                                      message: "a challenge has one goal: 'at-most' or 'at-least', not both"))
        } else if fields["at-most"] == nil && fields["at-least"] == nil {
            errors.append(LessonError(file: fields.file, line: fenceLine,
                                      message: "a challenge needs a goal: 'at-most: N' or 'at-least: N' (or a range [lower, upper])"))
        }
        var knobs: [String] = []
        if let f = fields["knobs"] {
            var local: [LessonError] = []
            let names = fields.strings("knobs", errors: &local) ?? []
            errors += local
            var seen: Set<String> = []
            for n in names where !seen.insert(n).inserted {
                errors.append(LessonError(file: fields.file, line: f.line, message: "knob '\(n)' is listed twice"))
            }
            knobs = names
        }
        if knobs.isEmpty {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "knobs", or: fenceLine),
                                      message: "a challenge needs 'knobs: [...]': the knobs of the step's lab block that count"))
        }
        guard errors.count == before, let metric, let goal = atMost ?? atLeast else { return nil }
        return ChallengeExercise(metric: metric, bound: atMost != nil ? .atMost : .atLeast, goal: goal, knobs: knobs)
    }

    /// Whether a measured score meets `goal`.
    func meets(_ score: Double, _ goal: Double) -> Bool {
        guard !score.isNaN else { return false }
        return bound == .atMost ? score <= goal : score >= goal
    }

    /// What is compared with the goal: the ratio read both ways for `gradient-ratio`, the
    /// measurement itself otherwise.
    func score(_ measured: Double) -> Double {
        guard metric == "gradient-ratio" else { return measured }
        if measured.isNaN { return .nan }
        if measured == 0 { return .infinity }
        return max(measured, 1 / measured)
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64,
                 measurer: (any ChallengeMeasurer)?) throws(ExerciseError) -> ExerciseVariant {
        guard let measurer else {
            throw ExerciseError.invalid("exercise '\(spec.id)' is a challenge: it is measured on its step's live panel (use LabExercises.variant)")
        }
        var rng = SeededRandom(seed: seed)
        let goal = self.goal.draw(&rng)
        let dials: [ChallengeKnob], solution: [String: Double]
        do throws(ExerciseError) {
            dials = try self.dials(measurer)
            solution = try search(dials, goal: goal, measurer: measurer)
        } catch {
            throw ExerciseError.invalid("\(spec.file):\(spec.line): challenge '\(spec.id)': \(error)")
        }
        let me = self
        var statement = spec.task.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\nYour goal: " + goalSentence(goal) + "\n"
        statement += "Knobs that count: " + dials.map { "`\($0.name)`" }.joined(separator: ", ")
            + ". In the lab, turn them, watch the goal line and press a to hand in a setting; with `rnnlab check`, give the settings, e.g. `" + dials.map { "\($0.name)=\($0.shown($0.start))" }.joined(separator: ",") + "`."
        let names = knobs
        return ExerciseVariant(
            exercise: spec, student: student, seed: seed, statement: statement, knobs: names,
            check: { submission throws(ExerciseError) in
                guard case .knobs(let values) = submission else {
                    throw ExerciseError.unreadable("this is a challenge: answer with knob settings, e.g. \(names.map { "\($0)=…" }.joined(separator: ","))")
                }
                if let bad = values.keys.sorted().first(where: { !names.contains($0) }) {
                    throw ExerciseError.unreadable("'\(ExerciseError.shown(bad))' is not a knob of this challenge (it turns \(names.joined(separator: ", ")))")
                }
                let measured = try measurer.measure(me.metric, knobs: values)
                return me.verdict(measured: measured, goal: goal)
            },
            solution: { .knobs(solution) })
    }

    /// The step's knobs that count, as the measurer describes them.
    private func dials(_ measurer: any ChallengeMeasurer) throws(ExerciseError) -> [ChallengeKnob] {
        var out: [ChallengeKnob] = []
        for name in knobs {
            do throws(ExerciseError) {
                out.append(try measurer.knob(name))
            } catch {
                // The lesson's own mistake, not the learner's: say it as one.
                throw ExerciseError.invalid("\(error) (the block's 'knobs' must name knobs of the step's lab block)")
            }
        }
        return out
    }

    /// The hardest goal a student can draw: the lowest `at-most`, the highest `at-least`.
    /// Every other goal is met by a setting that meets this one.
    public var hardestGoal: Double { bound == .atMost ? goal.lower : goal.upper }

    /// Checks the challenge against its panel for the lesson's author: the knobs exist, the
    /// panel gives the metric, and some setting reaches the hardest goal (so every student's
    /// goal is reachable). Throws `.invalid` saying what is wrong.
    public func verify(measurer: any ChallengeMeasurer) throws(ExerciseError) {
        _ = try search(dials(measurer), goal: hardestGoal, measurer: measurer)
    }

    /// The settings nearest to the starting values (fewest notches in all) that meet the
    /// goal, measured; `.invalid` when none does (the goal's range is out of reach).
    private func search(_ dials: [ChallengeKnob], goal: Double, measurer: any ChallengeMeasurer) throws(ExerciseError) -> [String: Double] {
        // Every combination, ordered by the notches it is away from the start.
        var combos: [[Int]] = [[]]
        for d in dials {
            combos = combos.flatMap { c in d.settings.indices.map { c + [$0] } }
            if combos.count > ChallengeExercise.searchLimit {
                throw ExerciseError.invalid("its knobs have more than \(ChallengeExercise.searchLimit) settings together; list fewer knobs")
            }
        }
        let startIndex = dials.map { d in d.settings.indices.min { abs(d.settings[$0] - d.start) < abs(d.settings[$1] - d.start) } ?? 0 }
        func distance(_ c: [Int]) -> Int { zip(c, startIndex).reduce(0) { $0 + abs($1.0 - $1.1) } }
        let ordered = combos.enumerated().sorted { a, b in
            let (da, db) = (distance(a.element), distance(b.element))
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
        for c in ordered {
            var values: [String: Double] = [:]
            for (d, i) in zip(dials, c) { values[d.name] = d.settings[i] }
            if meets(score(try measurer.measure(metric, knobs: values)), goal) { return values }
        }
        throw ExerciseError.invalid("no setting of \(knobs.joined(separator: ", ")) reaches the goal \(goalSentence(goal))")
    }

    /// `the gradient at t = 1 within 12x of the gradient at t = T (larger or smaller).`
    func goalSentence(_ goal: Double) -> String {
        let g = VariedNumber.shown(goal)
        switch (metric, bound) {
        case ("gradient-ratio", .atMost):
            return "the gradient at t = 1 within \(g)x of the gradient at t = T, larger or smaller (ratio at most \(g))."
        case ("gradient-ratio", .atLeast):
            return "the gradient at t = 1 at least \(g)x larger or smaller than at t = T (ratio at least \(g))."
        case ("memory-steps", .atLeast):
            return "the pulse kept for at least \(g) steps (its echo above 1 % of its size at t = 1)."
        default:
            return "the pulse forgotten within \(g) steps (its echo below 1 % of its size at t = 1)."
        }
    }

    /// `ratio 37.2: more than 10 (the gradient at t = 1 is 37.2 times smaller than at t = T)`.
    func verdict(measured: Double, goal: Double) -> Verdict {
        let s = score(measured)
        let passed = meets(s, goal)
        let g = VariedNumber.shown(goal)
        let side = passed ? (bound == .atMost ? "within \(g)" : "at least \(g)")
                          : (bound == .atMost ? "more than \(g)" : "less than \(g)")
        switch metric {
        case "gradient-ratio":
            let number = ChallengeExercise.number(s)
            let how: String
            if measured.isNaN {
                how = "the gradient is not a finite number"
            } else if number == "1.00" {
                how = "the gradient at t = 1 is about as large as at t = T"
            } else {
                how = "the gradient at t = 1 is \(number) times \(measured < 1 ? "smaller" : "larger") than at t = T"
            }
            let diagnosis = passed ? nil : (measured < 1 ? "vanishing" : measured > 1 ? "exploding" : nil)
            return Verdict(passed: passed, diagnosis: diagnosis,
                           message: "ratio \(number): \(side) (\(how))." + (passed ? " Goal reached." : ""))
        default:
            let n = Int(measured)
            let kept = "the pulse is kept \(n) step\(n == 1 ? "" : "s")"
            let diagnosis = passed ? nil : (bound == .atLeast ? "forgets-too-soon" : "remembers-too-long")
            return Verdict(passed: passed, diagnosis: diagnosis, message: "\(kept): \(side)." + (passed ? " Goal reached." : ""))
        }
    }

    /// 3 significant digits: `37.2`, `1.00`, `1.2e+05`.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "infinite" }
        return x >= 1e4 ? String(format: "%.2g", x) : String(format: x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x)
    }
}

/// A knob a challenge turns, as the Lab describes it: its starting value and every setting
/// it takes notch by notch (what the solution search tries).
public struct ChallengeKnob: Sendable {
    public var name: String
    /// The step's starting value.
    public var start: Double
    /// Every value one notch apart, lowest first (for a choice knob: 0, 1, … its words' indices).
    public var settings: [Double]
    /// The value as `name=value` writes it (`1.00`, `pulse`).
    public var shown: @Sendable (Double) -> String

    public init(name: String, start: Double, settings: [Double], shown: @escaping @Sendable (Double) -> String) {
        self.name = name
        self.start = start
        self.settings = settings
        self.shown = shown
    }
}

/// Measures a challenge's quantity on the live panel of its step for given knob settings
/// (e.g. the ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ of the gradients view at σ_max = 0.97). Implemented
/// by the Lab, which owns the views; the challenge compares the measurement with its goal.
public protocol ChallengeMeasurer: Sendable {
    /// The value of `metric` with the step's knobs set to `knobs` (unnamed knobs at their
    /// starting values); throws `.unreadable` for a knob the step does not have or a value
    /// out of its range, `.invalid` for a metric its panel cannot give.
    ///
    /// `gradient-ratio`: ‖g_1‖ / ‖g_T‖ (not read both ways: below 1 the gradient vanished);
    /// `memory-steps`: the steps the pulse's echo is kept.
    func measure(_ metric: String, knobs: [String: Double]) throws(ExerciseError) -> Double

    /// The step's knob `name`; `.unreadable` when the step has no such knob.
    func knob(_ name: String) throws(ExerciseError) -> ChallengeKnob
}
