/// exp, expm1, σ and tanh over arrays, written by hand because glibc's scalar exp/tanh
/// (10–20 ns each, opaque calls) would cost more than the GEMMs at batch 32: an LSTM step
/// evaluates 5·B·H of them.
///
/// Method (Cody–Waite): x = k·ln2 + r with |r| ≤ ln2/2, expm1(r) by its Taylor series to
/// r¹³ (truncation < 1e-17), then exp(x) = 2^k (1 + expm1(r)) with 2^k built from the
/// exponent bits. k is rounded with the 1.5·2⁵² trick, so every operation is plain
/// arithmetic, a select or a bit move: the loops below contain no calls or branches and
/// LLVM vectorises them (AVX2 in release builds). Results are within 4e-16 relative of libm;
/// tanh keeps full precision near 0 because it goes through expm1.
enum VectorMath {
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let log2e = 1.44269504088896338700e+00
    /// Adding 1.5·2⁵² rounds to an integer and leaves it in the low mantissa bits.
    private static let shifter = 6755399441055744.0

    /// (expm1(r) − r) / r² by its Taylor series to r¹³, in Horner form: 1/2 + r/6 + r²/24 + …
    /// One definition for the scalar and the sixteen-lane paths, so both run exactly the same
    /// operations (and give the same bits); `@inline(__always)` specialises it for each.
    @inline(__always)
    private static func taylorTail<T: TaylorOperand>(_ r: T) -> T {
        var p = T(repeating: 1.0 / 6227020800.0)
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        return p
    }

    /// (2^k, expm1(r)) with x = k ln2 + r.
    @inline(__always)
    private static func reduce(_ x: Double) -> (twoK: Double, p: Double) {
        // beyond ±708 exp over- or underflows anyway; clamping keeps 2^k a normal number
        let xc = Swift.min(Swift.max(x, -708), 708)
        let shifted = xc * log2e + shifter
        let k = shifted - shifter
        // r = x − k ln2 in two parts (Cody–Waite), exact to ~1e-20
        let r = (xc - k * ln2Hi) - k * ln2Lo
        // 2^k from the integer in the low bits of `shifted`
        let kBits = Int64(bitPattern: shifted.bitPattern &- shifter.bitPattern)
        let twoK = Double(bitPattern: UInt64(bitPattern: (kBits &+ 1023) &<< 52))
        // expm1(r): Taylor series to r¹³, Horner
        return (twoK, r + (r * r) * taylorTail(r))
    }

    /// eˣ.
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        let (twoK, p) = reduce(x)
        return twoK * (1 + p)
    }

    /// eˣ − 1, accurate near 0.
    @inline(__always)
    static func expm1(_ x: Double) -> Double {
        let (twoK, p) = reduce(x)
        // 2^k (1 + p) − 1 = 2^k p + (2^k − 1); exactly p when k = 0
        return twoK * p + (twoK - 1)
    }

    /// σ(x) = 1 / (1 + e^(−x)).
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// tanh(x) = −expm1(−2|x|) / (2 + expm1(−2|x|)), with the sign of x.
    @inline(__always)
    static func tanh(_ x: Double) -> Double {
        let e = expm1(-2 * Swift.abs(x))
        let t = -e / (2 + e)
        return x < 0 ? -t : t
    }

    // Sixteen lanes at a time: exactly the scalar operations above, lane by lane (no fused
    // multiply-adds, same selects), so a lane's result is bit-identical to the scalar one and
    // the array functions below give the same bits whatever the position of an element.
    // Sixteen, not four: each op becomes four independent ymm ops, and the long Horner chain
    // (latency-bound with one vector in flight: ~4 ns/element) runs four times the lanes.
    typealias V4 = SIMD16<Double>
    typealias U4 = SIMD16<UInt64>

    @inline(__always)
    private static func reduce(_ x: V4) -> (twoK: V4, p: V4) {
        // Swift.max(x, −708) = (−708 >= x) ? −708 : x; Swift.min(·, 708) = (708 < ·) ? 708 : ·
        var xc = x.replacing(with: -708, where: x .<= -708)
        xc.replace(with: 708, where: xc .> 708)
        let shifted = xc * log2e + shifter
        let k = shifted - shifter
        let r = (xc - k * ln2Hi) - k * ln2Lo
        let kBits = unsafeBitCast(shifted, to: U4.self) &- shifter.bitPattern
        let twoK = unsafeBitCast((kBits &+ 1023) &<< 52, to: V4.self)
        return (twoK, r + (r * r) * taylorTail(r))
    }

    /// σ on sixteen lanes.
    @inline(__always)
    static func sigmoid(_ x: V4) -> V4 {
        let (twoK, p) = reduce(-x)
        return 1 / (1 + twoK * (1 + p))
    }

    /// tanh on sixteen lanes.
    @inline(__always)
    static func tanh(_ x: V4) -> V4 {
        let ax = unsafeBitCast(unsafeBitCast(x, to: U4.self) & 0x7FFF_FFFF_FFFF_FFFF, to: V4.self)
        let (twoK, p) = reduce(-2 * ax)
        let e = twoK * p + (twoK - 1)
        let t = -e / (2 + e)
        return t.replacing(with: -t, where: x .< 0)
    }

    @inline(__always)
    static func load4(_ p: UnsafePointer<Double>) -> V4 { UnsafeRawPointer(p).loadUnaligned(as: V4.self) }

    @inline(__always)
    static func store4(_ v: V4, _ p: UnsafeMutablePointer<Double>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V4.self) }

    /// dst[i] = σ(src[i]) for i in 0..<count (src and dst may be the same).
    static func sigmoid(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        var i = 0
        while i + 16 <= count { store4(sigmoid(load4(src + i)), dst + i); i += 16 }
        while i < count { dst[i] = sigmoid(src[i]); i += 1 }
    }

    /// dst[i] = tanh(src[i]) for i in 0..<count (src and dst may be the same).
    static func tanh(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        var i = 0
        while i + 16 <= count { store4(tanh(load4(src + i)), dst + i); i += 16 }
        while i < count { dst[i] = tanh(src[i]); i += 1 }
    }
}

/// What `VectorMath.taylorTail` needs: a product and adding a Double, for one lane or many.
protocol TaylorOperand {
    init(repeating: Double)
    static func * (a: Self, b: Self) -> Self
    static func + (a: Self, b: Double) -> Self
}

extension Double: TaylorOperand {
    init(repeating value: Double) { self = value }
}

extension SIMD16: TaylorOperand where Scalar == Double {}
