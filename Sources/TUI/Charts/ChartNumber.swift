import Foundation

/// Compact, locale-free number text for chart labels: tick labels, bar values, legends.
///
/// Numbers a learner reads at a glance: `0`, `-0.5`, `0.25`, `12.5`, `1500`, and
/// scientific form with an explicit exponent sign for the very large and very small,
/// `1e-12`, `3.2e-7`, `1e+12`. Non-finite values print as `nan`, `inf`, `-inf`.
public enum ChartNumber {
    /// At most `significant` significant digits, trailing zeros dropped.
    public static func compact(_ v: Double, significant: Int = 3) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e4 || a < 1e-3 { return scientific(v, significant: significant) }
        let digits = max(0, significant - 1 - Int(floor(log10(a))))
        return trimmed(String(format: "%.\(digits)f", v))
    }

    /// `m e±k` with the mantissa trimmed: `1e-12`, `2.5e+3`.
    public static func scientific(_ v: Double, significant: Int = 3) -> String {
        if !v.isFinite || v == 0 { return compact(v) }
        var exponent = Int(floor(log10(abs(v))))
        var mantissa = v / pow(10, Double(exponent))
        // Rounding can carry the mantissa to 10 (9.999 -> 10.0): renormalise.
        let scale = pow(10, Double(max(0, significant - 1)))
        mantissa = (mantissa * scale).rounded() / scale
        if abs(mantissa) >= 10 { mantissa /= 10; exponent += 1 }
        let m = trimmed(String(format: "%.\(max(0, significant - 1))f", mantissa))
        return "\(m)e\(exponent < 0 ? "-" : "+")\(abs(exponent))"
    }

    /// A tick label for a value on a linear axis whose ticks are `step` apart, with just
    /// enough decimals to tell neighbouring ticks apart.
    public static func tick(_ v: Double, step: Double) -> String {
        if !v.isFinite { return compact(v) }
        let a = abs(v)
        // Snap values that are zero up to floating error (e.g. -1.1e-17).
        if step > 0, a < step * 1e-9 { return "0" }
        if a >= 1e5 || (a < 1e-3 && a > 0) || (step > 0 && step < 1e-3) {
            return scientific(v, significant: 3)
        }
        // The fewest decimals that show the step exactly (0.25 needs 2, 2.5 needs 1).
        var decimals = 0
        if step > 0 {
            while decimals < 6 {
                let s = step * pow(10, Double(decimals))
                if abs(s - s.rounded()) < 1e-6 * max(1, s) { break }
                decimals += 1
            }
        } else {
            decimals = 2
        }
        return trimmed(String(format: "%.\(decimals)f", v))
    }

    /// A label for a power of ten on a log axis: plain for 0.01 ... 100, else `1e±k`.
    public static func decade(_ exponent: Int) -> String {
        switch exponent {
        case -2: return "0.01"
        case -1: return "0.1"
        case 0: return "1"
        case 1: return "10"
        case 2: return "100"
        default: return "1e\(exponent < 0 ? "-" : "+")\(abs(exponent))"
        }
    }

    /// Drops trailing zeros after a decimal point, and the point itself; `-0` becomes `0`.
    static func trimmed(_ s: String) -> String {
        var t = s
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        if t == "-0" { return "0" }
        return t
    }
}
