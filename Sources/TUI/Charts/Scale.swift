import Foundation

/// How data values map onto an axis.
public enum ScaleKind: String, Hashable, Sendable, CaseIterable {
    case linear
    /// Base-10 logarithm: for gradient norms spanning 1e-12 ... 1e+12. Values <= 0 have no
    /// position (they are drawn as gaps, or as empty bars).
    case log10
}

/// A tick on an axis: its value in data units and the label to print.
public struct Tick: Hashable, Sendable {
    /// Where the tick is, in data units.
    public var value: Double
    /// The text printed at the tick.
    public var label: String
    /// A tick at `value` labelled `label`.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// A continuous scale from a data domain to the unit interval, linear or log10.
///
/// Widgets ask `fraction(of:)` for a position in 0...1 (outside when the value is outside the
/// domain; nil when it has no position: NaN, or <= 0 on a log scale) and `ticks(maxCount:)`
/// for labels in data units.
public struct Scale: Hashable, Sendable {
    /// Linear or log10.
    public var kind: ScaleKind
    /// The domain in data units; on a log scale both ends are positive.
    public var lower: Double
    /// The upper end of the domain, in data units.
    public var upper: Double

    /// A scale over a fixed domain. A reversed or empty domain is widened so it always has a width.
    public init(kind: ScaleKind = .linear, lower: Double, upper: Double) {
        self.kind = kind
        var lo = lower.isFinite ? lower : 0
        var hi = upper.isFinite ? upper : 1
        if kind == .log10 {
            if !(lo > 0) { lo = hi > 0 ? hi / 10 : 1 }
            if !(hi > 0) { hi = lo * 10 }
        }
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            if kind == .log10 { lo /= 10; hi *= 10 } else { let d = max(abs(lo) * 0.5, 1); lo -= d; hi += d }
        }
        self.lower = lo
        self.upper = hi
    }

    /// A scale that covers every finite value (ignoring NaN and ±Inf), widened to nice round ends.
    /// Linear: ends on multiples of the tick step. Log: ends on whole decades.
    public static func fitting<S: Sequence>(_ values: S, kind: ScaleKind = .linear, includeZero: Bool = false) -> Scale where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (kind == .linear || v > 0) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if kind == .linear && includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo > hi { return kind == .log10 ? Scale(kind: .log10, lower: 1, upper: 10) : Scale(lower: -1, upper: 1) }
        switch kind {
        case .log10:
            let a = floor(Foundation.log10(lo)), b = ceil(Foundation.log10(hi))
            return Scale(kind: .log10, lower: pow(10, a), upper: pow(10, b == a ? a + 1 : b))
        case .linear:
            let raw = Scale(lower: lo, upper: hi)
            let step = niceStep(span: raw.upper - raw.lower, count: 5)
            return Scale(lower: floor(raw.lower / step + 1e-9) * step, upper: ceil(raw.upper / step - 1e-9) * step)
        }
    }

    /// The value's position, 0 at `lower` and 1 at `upper`; nil when it has none.
    @inline(__always)
    public func fraction(of v: Double) -> Double? {
        switch kind {
        case .linear:
            if v.isNaN { return nil }
            if v == .infinity { return .infinity }
            if v == -.infinity { return -.infinity }
            return (v - lower) / (upper - lower)
        case .log10:
            if v.isNaN || v < 0 { return nil }
            if v == 0 { return -.infinity }
            if v == .infinity { return .infinity }
            let l = Foundation.log10(lower)
            return (Foundation.log10(v) - l) / (Foundation.log10(upper) - l)
        }
    }

    /// The data value at a position (the inverse of `fraction`).
    public func value(atFraction f: Double) -> Double {
        switch kind {
        case .linear: return lower + f * (upper - lower)
        case .log10:
            let l = Foundation.log10(lower), u = Foundation.log10(upper)
            return pow(10, l + f * (u - l))
        }
    }

    /// At most `maxCount` ticks inside the domain, in data units, labelled readably:
    /// linear ticks on a 1-2-5 step (`-0.5`, `0`, `0.5`), log ticks on whole decades
    /// (`1e-12`, `1e-6`, `1`, `1e+6`), skipping decades when there are too many. With
    /// `wholeNumbers` a linear axis never steps by less than 1 or by 2.5 (time steps, counts).
    public func ticks(maxCount: Int, wholeNumbers: Bool = false) -> [Tick] {
        guard maxCount >= 1 else { return [] }
        switch kind {
        case .linear:
            if maxCount == 1 { return [Tick(value: lower, label: ChartNumber.tick(lower, step: upper - lower))] }
            var step = Scale.niceStep(span: upper - lower, count: maxCount - 1)
            if wholeNumbers { step = step < 1 ? 1 : step == 2.5 ? 5 : step }
            var ticks: [Tick] = []
            var k = ceil(lower / step - 1e-9)
            while k * step <= upper + step * 1e-9, ticks.count < maxCount + 1 {
                let v = k * step
                ticks.append(Tick(value: v, label: ChartNumber.tick(v, step: step)))
                k += 1
            }
            while ticks.count > maxCount { ticks.removeLast() }
            return ticks
        case .log10:
            let a = Int(ceil(Foundation.log10(lower) - 1e-9)), b = Int(floor(Foundation.log10(upper) + 1e-9))
            guard a <= b else { return [] }
            // A stride that divides the span labels both ends (24 decades: every 6, or every 8
            // as 1e-12, 1e-4, 1e+4, 1e+12); otherwise anchor on 10^0 so the axis reads naturally.
            func decadeTicks(_ every: Int) -> [Int] {
                let anchor = (b - a) % every == 0 ? a : (a <= 0 && b >= 0 ? 0 : a)
                return stride(from: a, through: b, by: 1).filter { (($0 - anchor) % every + every) % every == 0 }
            }
            let span = b - a
            let strides = Array(1...max(1, span))
            let every = strides.first { span % $0 == 0 && decadeTicks($0).count <= maxCount }
                ?? strides.first { decadeTicks($0).count <= maxCount } ?? max(1, span)
            return decadeTicks(every).prefix(maxCount).map { Tick(value: pow(10, Double($0)), label: ChartNumber.decade($0)) }
        }
    }

    /// A "nice" step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`.
    public static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let mag = pow(10, floor(Foundation.log10(raw)))
        let r = raw / mag
        let m: Double = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10
        return m * mag
    }
}
