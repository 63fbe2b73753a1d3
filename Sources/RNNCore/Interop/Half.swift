/// IEEE 754 binary16 (NumPy's `float16`, `'<f2'`) to and from Double, by bit manipulation:
/// Swift's `Float16` type is missing on macOS on Intel, and rnnlab only needs the conversions.
enum Half {
    /// The exact Double value of the half-precision number with these bits (every binary16
    /// value is a Double; NaN payloads are kept in the top mantissa bits).
    static func double(fromBits h: UInt16) -> Double {
        let sign = UInt64(h >> 15) << 63
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt64(h & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exact in a Double.
            let magnitude = Double(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        case 0x1F:
            return Double(bitPattern: sign | 0x7FF0_0000_0000_0000 | mantissa << 42)
        default:
            return Double(bitPattern: sign | UInt64(exponent - 15 + 1023) << 52 | mantissa << 42)
        }
    }

    /// The binary16 bits nearest to `value` (round to nearest, ties to even, as NumPy's
    /// `astype(float16)`): too large becomes infinity, too small zero or a subnormal.
    static func bits(rounding value: Double) -> UInt16 {
        let d = value.bitPattern
        let sign = UInt16(d >> 63) << 15
        let exponent = Int((d >> 52) & 0x7FF)
        let fraction = d & ((1 << 52) - 1)
        if exponent == 0x7FF {
            // Infinity, or NaN kept quiet with the top of its payload.
            return fraction == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(truncatingIfNeeded: fraction >> 42)
        }
        let unbiased = exponent - 1023
        if unbiased > 15 { return sign | 0x7C00 }
        // The 53-bit significand, shifted down to 11 bits (normal) or fewer (subnormal).
        let significand = (exponent == 0 ? 0 : UInt64(1) << 52) | fraction
        let shift = 42 + max(0, -14 - unbiased)
        guard shift < 54 else { return sign }  // below half the smallest subnormal
        var q = significand >> UInt64(shift)
        let remainder = significand & ((UInt64(1) << UInt64(shift)) - 1)
        let halfway = UInt64(1) << UInt64(shift - 1)
        if remainder > halfway || (remainder == halfway && q & 1 == 1) { q += 1 }
        // For normals q holds the implicit bit at 2¹⁰, so adding it to (e − 1) · 2¹⁰ sets the
        // exponent; a carry out of the mantissa moves to the next binade (or to infinity).
        let biased = unbiased >= -14 ? UInt64(unbiased + 14) << 10 : 0
        return sign | UInt16(biased + q)
    }
}
