/// exp, expm1, σ and tanh on SIMD4<Double>, written by hand because glibc's scalar
/// exp/tanh (10–20 ns each) would cost more than the GEMMs at batch 32: an LSTM step
/// evaluates 5·B·H transcendental functions.
///
/// Method (Cody–Waite): x = k·ln2 + r with |r| ≤ ln2/2, expm1(r) by its Taylor series to
/// r¹³ (truncation < 1e-17), then exp(x) = 2^k (1 + expm1(r)) with 2^k built from the
/// exponent bits. The results are within a few ulp of libm; tanh keeps full relative
/// precision near 0 because it goes through expm1. Every element, including the tail of
/// an array, goes through the same SIMD code, so the value of an element never depends on
/// its position.
enum VectorMath {
    typealias V = SIMD4<Double>

    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let log2e = 1.44269504088896338700e+00

    /// exp(x) lane by lane.
    @inline(__always)
    static func exp(_ x: V) -> V {
        let (k, p) = reduce(x)
        return scale(p + 1, by: k)
    }

    /// expm1(x) = eˣ − 1 lane by lane, accurate near 0.
    @inline(__always)
    static func expm1(_ x: V) -> V {
        let (k, p) = reduce(x)
        // 2^k (1 + p) − 1 = 2^k p + (2^k − 1); exact p when k = 0
        let twoK = scale(V(repeating: 1), by: k)
        return (twoK * p) + (twoK - 1)
    }

    /// σ(x) = 1 / (1 + e^(−x)).
    @inline(__always)
    static func sigmoid(_ x: V) -> V { 1 / (1 + exp(-x)) }

    /// tanh(x) = −expm1(−2|x|) / (2 + expm1(−2|x|)), with the sign of x.
    @inline(__always)
    static func tanh(_ x: V) -> V {
        let negative = x .< 0
        let e = expm1(-2 * x.replacing(with: -x, where: negative))
        let t = -e / (2 + e)
        return t.replacing(with: -t, where: negative)
    }

    /// k = round(x / ln2) and expm1 of the reduced argument r = x − k ln2.
    @inline(__always)
    private static func reduce(_ x: V) -> (k: V, p: V) {
        // beyond ±708 exp over- or underflows anyway; clamping keeps 2^k representable
        let xc = x.clamped(lowerBound: V(repeating: -708), upperBound: V(repeating: 708))
        let k = (xc * log2e).rounded(.toNearestOrEven)
        // r = x − k ln2 in two parts (Cody–Waite) so that r is exact to ~1e-20
        let r = xc.addingProduct(-k, V(repeating: ln2Hi)).addingProduct(-k, V(repeating: ln2Lo))
        return (k, horner(r))
    }

    /// expm1(r) for |r| ≤ ln2/2: its Taylor series to r¹³ by Horner's rule.
    @inline(__always)
    private static func horner(_ r: V) -> V {
        var p = V(repeating: 1.0 / 6227020800.0)        // 1/13!
        p = V(repeating: 1.0 / 479001600.0).addingProduct(p, r)   // 1/12!
        p = V(repeating: 1.0 / 39916800.0).addingProduct(p, r)    // 1/11!
        p = V(repeating: 1.0 / 3628800.0).addingProduct(p, r)     // 1/10!
        p = V(repeating: 1.0 / 362880.0).addingProduct(p, r)      // 1/9!
        p = V(repeating: 1.0 / 40320.0).addingProduct(p, r)       // 1/8!
        p = V(repeating: 1.0 / 5040.0).addingProduct(p, r)        // 1/7!
        p = V(repeating: 1.0 / 720.0).addingProduct(p, r)         // 1/6!
        p = V(repeating: 1.0 / 120.0).addingProduct(p, r)         // 1/5!
        p = V(repeating: 1.0 / 24.0).addingProduct(p, r)          // 1/4!
        p = V(repeating: 1.0 / 6.0).addingProduct(p, r)           // 1/3!
        p = V(repeating: 0.5).addingProduct(p, r)                 // 1/2!
        // expm1(r) = r + r² (1/2 + r/6 + …)
        return r.addingProduct(r * r, p)
    }

    /// v · 2^k for integral k in [−1022, 1023], through the exponent bits.
    @inline(__always)
    private static func scale(_ v: V, by k: V) -> V {
        let bits = (SIMD4<Int64>(k, rounding: .towardZero) &+ 1023) &<< 52
        return v * unsafeBitCast(bits, to: V.self)
    }
}

extension VectorMath {
    /// dst[i] = f(src[i]) for i in 0..<count, four at a time; the tail is padded so that it
    /// goes through the same SIMD code. src and dst may be the same.
    @inline(__always)
    static func apply(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int, _ f: (V) -> V) {
        var i = 0
        while i + 4 <= count {
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: f(v), as: V.self)
            i += 4
        }
        if i < count {
            var v = V()
            for j in 0..<(count - i) { v[j] = src[i + j] }
            let y = f(v)
            for j in 0..<(count - i) { dst[i + j] = y[j] }
        }
    }
}
