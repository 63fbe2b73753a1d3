/// The values of a step's settings that knobs can turn (seed, scale, input, σ_max…), by
/// knob name. A lab block fills them from its keys; the learner's knob turns change them;
/// the experiment is a pure function of the spec and these values.
///
/// A setting may be absent (no `sigma:` means "W_hh as drawn, not rescaled").
public struct KnobValues: Hashable, Sendable {
    private var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    public subscript(name: String) -> Double? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The value of a choice knob as its enum (e.g. the input signal).
    public func choice<E: CaseIterable>(_ name: String, _ type: E.Type) -> E? {
        guard let v = values[name] else { return nil }
        let all = Array(E.allCases)
        let i = Int(v)
        return all.indices.contains(i) ? all[i] : nil
    }

    /// Sets a choice knob from its enum.
    public mutating func setChoice<E: CaseIterable & Equatable>(_ name: String, _ value: E) {
        values[name] = Array(E.allCases).firstIndex(of: value).map(Double.init)
    }
}
