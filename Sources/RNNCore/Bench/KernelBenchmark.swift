import Foundation

extension Benchmark {
    /// A GEMM shape to time: C (m × n) += A (m × k) · B (k × n).
    public struct GEMMShape: Sendable, Hashable {
        public var label: String
        public var m: Int, n: Int, k: Int
        /// Pack B outside the timed call, as the cells do with W_h (once per sequence, reused
        /// at every step); otherwise each call packs B (as for the one-off products).
        public var bPackedOnce = false
        public init(label: String, m: Int, n: Int, k: Int) { self.label = label; self.m = m; self.n = n; self.k = k }
        init(label: String, m: Int, n: Int, k: Int, bPackedOnce: Bool) {
            self.init(label: label, m: m, n: n, k: k)
            self.bPackedOnce = bPackedOnce
        }
    }

    /// The products that dominate S3 (LSTM, batch 32, hidden 256, input 64, 100 steps) and S2.
    public static let gemmShapes = [
        GEMMShape(label: "S3 input projection X·W_xᵀ", m: 3200, n: 1024, k: 64),
        GEMMShape(label: "S3 one step h·W_hᵀ", m: 32, n: 1024, k: 256),
        GEMMShape(label: "S3 ∂W_h = dAᵀ·H", m: 1024, n: 256, k: 3200),
        GEMMShape(label: "S2 one step h·W_hᵀ (GEMV)", m: 1, n: 256, k: 64),
        // what a step of the cells actually runs: W_h packed once per sequence
        GEMMShape(label: "S3 step h·W_hᵀ, W packed", m: 32, n: 1024, k: 256, bPackedOnce: true),
        GEMMShape(label: "S3 step dA·W_h, W packed", m: 32, n: 256, k: 1024, bPackedOnce: true),
        GEMMShape(label: "S2 step h·W_hᵀ, W packed", m: 1, n: 256, k: 64, bPackedOnce: true),
        GEMMShape(label: "S2 step dA·W_h, W packed", m: 1, n: 64, k: 256, bPackedOnce: true),
    ]

    /// Median seconds and GFLOP/s (2·m·n·k flops) of the packed GEMM for each shape.
    public static func gemmThroughput(shapes: [GEMMShape] = gemmShapes, quick: Bool = false) -> [(shape: GEMMShape, seconds: Double, gflops: Double)] {
        shapes.map { shape in
            var rng = SeededRandom(seed: 3)
            let a = DoubleStorage(copying: rng.uniformMatrix(shape.m, shape.k, -1, 1).data)
            let b = DoubleStorage(copying: rng.uniformMatrix(shape.k, shape.n, -1, 1).data)
            let c = DoubleStorage(count: shape.m * shape.n)
            let packed = shape.bPackedOnce ? PackedPanels(.rowMajor(b.pointer.readOnly, cols: shape.n), k: shape.k, n: shape.n) : nil
            let (seconds, _) = measure(budget: quick ? 0.05 : 0.3, minRepeats: 3) {
                if let packed {
                    GEMM.multiplyAdd(m: shape.m, a: .rowMajor(a.pointer.readOnly, cols: shape.k), b: packed, c: c.pointer, ldc: shape.n)
                } else {
                    GEMM.multiplyAdd(m: shape.m, n: shape.n, k: shape.k, a: .rowMajor(a.pointer.readOnly, cols: shape.k),
                                     b: .rowMajor(b.pointer.readOnly, cols: shape.n), c: c.pointer, ldc: shape.n)
                }
            }
            withExtendedLifetime((a, b, c)) {}
            return (shape, seconds, 2 * Double(shape.m * shape.n * shape.k) / seconds / 1e9)
        }
    }
}

extension Benchmark {
    /// Nanoseconds per element of the SIMD σ and tanh over a 64K-element array.
    public static func activationThroughput(quick: Bool = false) -> (sigmoid: Double, tanh: Double) {
        let n = 1 << 16
        var rng = SeededRandom(seed: 2)
        let src = DoubleStorage(copying: (0..<n).map { _ in rng.uniform(-5, 5) })
        let dst = DoubleStorage(count: n)
        let s = measure(budget: quick ? 0.05 : 0.2, minRepeats: 3) { Activations.sigmoid(src.pointer.readOnly, dst.pointer, count: n) }
        let t = measure(budget: quick ? 0.05 : 0.2, minRepeats: 3) { Activations.tanh(src.pointer.readOnly, dst.pointer, count: n) }
        withExtendedLifetime((src, dst)) {}
        return (s.median / Double(n) * 1e9, t.median / Double(n) * 1e9)
    }
}
