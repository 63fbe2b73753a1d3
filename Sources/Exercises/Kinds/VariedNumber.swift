import LessonKit
import RNNCore

/// A number of an exercise block that is either fixed (`at-least: 40`) or drawn per student
/// from a range (`at-least: [30, 45]`, or `[32, 128, 16]` with a step): the challenge's goal,
/// the Keras task's T, D and units. Every value of the range, lower + k·step up to upper,
/// is equally likely; the step is 1 unless given (or 0.1 when a bound is not whole).
public struct VariedNumber: Hashable, Sendable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var step: Double

    public init(_ value: Double) {
        lower = value
        upper = value
        step = 1
    }

    public init(lower: Double, upper: Double, step: Double) {
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    public var isFixed: Bool { lower == upper }

    /// The values a student may get, in order.
    public var values: [Double] {
        let n = Int(((upper - lower) / step + 1e-9).rounded(.down))
        return (0...n).map { VariedNumber.tidy(lower + Double($0) * step) }
    }

    /// One value, drawn with `rng` (the same for the same generator state).
    public func draw(_ rng: inout SeededRandom) -> Double {
        let all = values
        return all[Int(rng.next() % UInt64(all.count))]
    }

    /// `40`, `30 … 45`, `32 … 128 (step 16)`.
    public var description: String {
        if isFixed { return VariedNumber.shown(lower) }
        let defaultStep = lower.rounded() == lower && upper.rounded() == upper ? 1.0 : 0.1
        return "\(VariedNumber.shown(lower)) … \(VariedNumber.shown(upper))"
            + (step == defaultStep ? "" : " (step \(VariedNumber.shown(step)))")
    }

    /// A number as the statement writes it: `40`, `2.5`.
    public static func shown(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(tidy(x))
    }

    /// Removes the binary noise of lower + k·step (0.30000000000000004 → 0.3).
    static func tidy(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }

    /// Reads `key` as a number or a `[lower, upper]` / `[lower, upper, step]` list, inside
    /// `range` (and whole numbers only when `whole`); nil with an error on its line otherwise.
    static func parse(_ fields: YAMLFields, _ key: String, in range: ClosedRange<Double>, whole: Bool,
                      errors: inout [LessonError]) -> VariedNumber? {
        guard let f = fields[key] else { return nil }
        var local: [LessonError] = []
        guard let texts = fields.strings(key, errors: &local), local.isEmpty else {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'\(key)' must be a number or a range [lower, upper] (or [lower, upper, step])"))
            return nil
        }
        let numbers = texts.map { Double($0) }
        let kind = whole ? "whole numbers" : "numbers"
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'\(key)' must be a number or a range [lower, upper] (or [lower, upper, step]) of \(kind), not [\(texts.joined(separator: ", "))]"))
            return nil
        }
        let xs = numbers.map { $0! }
        if whole, let bad = xs.first(where: { $0.rounded() != $0 }) {
            errors.append(LessonError(file: fields.file, line: f.line, message: "'\(key)' must be whole numbers, not \(shown(bad))"))
            return nil
        }
        if let bad = xs.prefix(2).first(where: { !range.contains($0) }) {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'\(key)' has \(shown(bad)); it must be from \(shown(range.lowerBound)) to \(shown(range.upperBound))"))
            return nil
        }
        if xs.count == 1 { return VariedNumber(xs[0]) }
        if xs[0] >= xs[1] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'\(key)': the range's lower end \(shown(xs[0])) must be below its upper end \(shown(xs[1]))"))
            return nil
        }
        let integral = xs.prefix(2).allSatisfy { $0.rounded() == $0 }
        let step = xs.count == 3 ? xs[2] : (integral ? 1 : 0.1)
        if step <= 0 || (whole && step.rounded() != step) {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'\(key)': the step must be a positive \(whole ? "whole number" : "number"), not \(shown(step))"))
            return nil
        }
        return VariedNumber(lower: xs[0], upper: xs[1], step: step)
    }
}
