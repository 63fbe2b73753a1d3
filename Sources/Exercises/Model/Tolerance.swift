/// How close a submitted number must be to the expected one: |x − e| ≤ absolute + relative·|e|
/// (numpy's `isclose` rule), written `rtol:` and `atol:` in an exercise block.
public struct Tolerance: Hashable, Sendable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    /// The default: loose enough that a float32 computation of a small network passes
    /// (float32 keeps ~7 digits; a few dozen roundings lose one or two), tight enough that
    /// every listed mistake, which changes the result in the first or second digit, fails.
    public static let standard = Tolerance(relative: 1e-4, absolute: 1e-5)

    public func accepts(_ x: Double, expected e: Double) -> Bool {
        guard x.isFinite, e.isFinite else { return x == e }
        return abs(x - e) <= absolute + relative * abs(e)
    }

    /// Every element within tolerance (same count required).
    public func accepts(_ xs: [Double], expected es: [Double]) -> Bool {
        xs.count == es.count && zip(xs, es).allSatisfy { accepts($0, expected: $1) }
    }
}
