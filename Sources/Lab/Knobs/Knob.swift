import TUI

/// A setting the learner turns while a step is open: σ_max, the seed, the input signal…
///
/// A lab block lists the knobs of its step (`knobs: [sigma, seed]`); each becomes key
/// bindings (a pair of keys down/up, or one key that cycles), a value in the panel header,
/// and a `--knob NAME=VALUE` for `rnnlab render`. Turning one changes the step's
/// `KnobValues` and the experiment is recomputed from the spec and those values.
///
/// Every value is a `Double`: a number, a counter (the seed) or the index of a choice.
public struct Knob: Sendable, Hashable {
    public enum Domain: Sendable, Hashable {
        /// A number from a range, moved by `step` (and shown with `digits` decimals).
        case range(ClosedRange<Double>, step: Double, digits: Int)
        /// One of a list of words, cycled forward (and back) by the keys.
        case choices([String])
        /// A whole number (a seed), counted up and down.
        case counter(ClosedRange<Double>)
    }

    /// The name in lab blocks and in `--knob NAME=VALUE`.
    public let name: String
    /// How the header shows it (`σ_max`; ASCII frames fold it like any text).
    public let label: String
    /// The key that turns it down (nil for a knob with one cycling key) and the one that turns it up.
    public let down: Key?
    public let up: Key
    /// More keys that turn it up (`=` for `+`, the same key without Shift).
    public let alsoUp: [Key]
    public let domain: Domain
    /// One line for the help overlay and the docs.
    public let help: String
    /// A word shown (and accepted) instead of 0, for a range knob whose 0 turns a feature
    /// off: the `clip` threshold 0 is `off`.
    public let zeroWord: String?
    /// The status line's word: the name, unless it would read like another key's
    /// (the GRU's `reset` gate beside `r`: reset the knobs).
    public let status: String
    /// Other names it answers to on a step that has no knob of that name (`input` for the
    /// LSTM's `input-gate`, where no input-signal knob is listed).
    public let aliases: [String]

    public init(name: String, label: String, down: Key?, up: Key, alsoUp: [Key] = [], domain: Domain, zeroWord: String? = nil,
                help: String, status: String? = nil, aliases: [String] = []) {
        self.status = status ?? name
        self.aliases = aliases
        self.name = name
        self.label = label
        self.down = down
        self.up = up
        self.alsoUp = alsoUp
        self.domain = domain
        self.zeroWord = zeroWord
        self.help = help
    }

    /// Which way a key turns a knob.
    public enum Turn: Hashable, Sendable { case down, up }

    /// The value one turn away from `value`, and whether it stopped at an end of the range.
    public func turned(_ value: Double, _ turn: Turn) -> (value: Double, clamped: Bool) {
        let sign: Double = turn == .up ? 1 : -1
        switch domain {
        case .range(let r, let step, let digits):
            let scale = pow10(digits)
            let moved = ((value + sign * step) * scale).rounded() / scale
            let clamped = min(max(moved, r.lowerBound), r.upperBound)
            return (clamped, clamped != moved)
        case .choices(let words):
            let n = words.count
            return (Double(((Int(value) + Int(sign)) % n + n) % n), false)
        case .counter(let r):
            let moved = value + sign
            let clamped = min(max(moved, r.lowerBound), r.upperBound)
            return (clamped, clamped != moved)
        }
    }

    /// `value` brought inside the domain, and whether it had to move.
    public func clamped(_ value: Double) -> (value: Double, clamped: Bool) {
        let r: ClosedRange<Double>
        switch domain {
        case .range(let range, _, _): r = range
        case .counter(let range): r = range
        case .choices(let words): r = 0...Double(words.count - 1)
        }
        let v = min(max(value, r.lowerBound), r.upperBound)
        return (v, v != value)
    }

    /// The value as the header and messages show it: `1.20`, `7`, `sine`.
    public func display(_ value: Double) -> String {
        if value == 0, let zeroWord { return zeroWord }
        switch domain {
        case .range(_, _, let digits): return String(format: "%.\(digits)f", value)
        case .counter: return String(Int(value))
        case .choices(let words): return words[min(max(0, Int(value)), words.count - 1)]
        }
    }

    /// Reads a value written as text (`--knob sigma=1.2`, `--knob input=pulse`); nil if it is not one.
    public func parse(_ text: String) -> Double? {
        if let zeroWord, text == zeroWord { return 0 }
        switch domain {
        case .choices(let words): return words.firstIndex(of: text).map(Double.init)
        case .counter: return Int(text).map(Double.init)
        case .range: return Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// What `--knob` accepts, for messages: `0.1 … 3.0`, `one of sine, step, …`.
    public var accepted: String {
        switch domain {
        case .range(let r, _, let digits):
            let range = "a number from \(String(format: "%.\(digits)f", r.lowerBound)) to \(String(format: "%.\(digits)f", r.upperBound))"
            return zeroWord.map { range + " (0 or '\($0)': off)" } ?? range
        case .counter(let r): return "a whole number from \(Int(r.lowerBound)) to \(Int(r.upperBound))"
        case .choices(let words): return "one of \(words.joined(separator: ", "))"
        }
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1) { p, _ in p * 10 } }
}

extension Array where Element == Knob {
    /// The knob called `name` here, or else the one that has it as an alias.
    public func named(_ name: String) -> Knob? {
        first { $0.name == name } ?? first { $0.aliases.contains(name) }
    }
}
