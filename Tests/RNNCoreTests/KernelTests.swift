import Foundation
import XCTest
@testable import RNNCore

/// The hand-written GEMM and vector math against plain references.
final class KernelTests: XCTestCase {
    /// Runs `GEMM.multiplyAdd` and `GEMM.reference` on the same random problem.
    private func compare(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let a = rng.uniformMatrix(transposeA ? k : m, transposeA ? m : k, -1, 1)
        let b = rng.uniformMatrix(transposeB ? n : k, transposeB ? k : n, -1, 1)
        let c0 = rng.uniformMatrix(m, n, -1, 1)
        var fast = c0.data, slow = c0.data
        a.data.withUnsafeBufferPointer { ap in
            b.data.withUnsafeBufferPointer { bp in
                let aop = transposeA ? MatrixOperand.transposed(ap.baseAddress!, cols: m) : .rowMajor(ap.baseAddress!, cols: k)
                let bop = transposeB ? MatrixOperand.transposed(bp.baseAddress!, cols: k) : .rowMajor(bp.baseAddress!, cols: n)
                fast.withUnsafeMutableBufferPointer { GEMM.multiplyAdd(m: m, n: n, k: k, a: aop, b: bop, c: $0.baseAddress!, ldc: n) }
                slow.withUnsafeMutableBufferPointer { GEMM.reference(m: m, n: n, k: k, a: aop, b: bop, c: $0.baseAddress!, ldc: n) }
            }
        }
        // same order of fused multiply-adds: bit-for-bit equal, not just close
        XCTAssertEqual(fast, slow, "GEMM \(m)x\(n)x\(k) tA=\(transposeA) tB=\(transposeB)")
    }

    func testGEMMMatchesReferenceBitForBit() {
        let shapes = [(1, 1, 1), (1, 37, 5), (3, 8, 2), (4, 8, 300), (5, 9, 7), (13, 70, 33), (66, 17, 260), (2, 100, 64),
                      // every remainder of m mod 6 (6- and 4-row tiles, single rows), several cache blocks of rows
                      (6, 8, 3), (8, 16, 9), (9, 11, 4), (10, 8, 5), (11, 24, 6), (80, 9, 12), (32, 40, 70)]
        for (i, (m, n, k)) in shapes.enumerated() {
            for ta in [false, true] { for tb in [false, true] { compare(m: m, n: n, k: k, transposeA: ta, transposeB: tb, seed: UInt64(i)) } }
        }
    }

    func testGEMMIsDeterministicWhenThreaded() {
        // large enough to cross the parallel threshold (two threads split the columns)
        let m = 64, n = 200, k = 300
        XCTAssertGreaterThanOrEqual(m * n * k, ThreadPolicy.parallelThreshold)
        compare(m: m, n: n, k: k, transposeA: true, transposeB: false, seed: 99)
        // enough rows that the threads split the rows of C instead of its columns
        let m2 = 301, n2 = 20, k2 = 350
        XCTAssertGreaterThanOrEqual(m2, ThreadPolicy.rowSplitThreshold)
        XCTAssertGreaterThanOrEqual(m2 * n2 * k2, ThreadPolicy.parallelThreshold)
        compare(m: m2, n: n2, k: k2, transposeA: true, transposeB: false, seed: 98)
        compare(m: m2, n: n2, k: k2, transposeA: false, transposeB: true, seed: 97)
    }

    func testGEMMKnownProduct() {
        // [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]], added to C = 1
        let a: [Double] = [1, 2, 3, 4], b: [Double] = [5, 6, 7, 8]
        var c: [Double] = [1, 1, 1, 1]
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            GEMM.multiplyAdd(m: 2, n: 2, k: 2, a: .rowMajor(ap.baseAddress!, cols: 2), b: .rowMajor(bp.baseAddress!, cols: 2),
                             c: cp.baseAddress!, ldc: 2)
        } } }
        XCTAssertEqual(c, [20, 23, 44, 51])
    }

    func testVectorMathAgreesWithLibm() {
        var rng = SeededRandom(seed: 5)
        var xs = (0..<2001).map { _ in rng.uniform(-30, 30) }
        xs += [0, -0.0, 1e-12, -1e-9, 1e-300, 700, -700, 800, -800, 0.5 * log(2.0), -0.5 * log(2.0)]
        var sig = xs, th = xs
        xs.withUnsafeBufferPointer { src in
            sig.withUnsafeMutableBufferPointer { Activations.sigmoid(src.baseAddress!, $0.baseAddress!, count: xs.count) }
            th.withUnsafeMutableBufferPointer { Activations.tanh(src.baseAddress!, $0.baseAddress!, count: xs.count) }
        }
        for (i, x) in xs.enumerated() {
            let s = 1 / (1 + Foundation.exp(-x)), t = Foundation.tanh(x)
            XCTAssertLessThanOrEqual(abs(sig[i] - s), 4e-16 * abs(s) + 1e-300, "sigmoid(\(x)) = \(sig[i]), libm \(s)")
            XCTAssertLessThanOrEqual(abs(th[i] - t), 4e-16 * abs(t), "tanh(\(x)) = \(th[i]), libm \(t)")
        }
        // below e^-708 the clamp gives a denormal-sized σ instead of 0: harmless
        XCTAssertEqual(th[xs.count - 11], 0)
        XCTAssertEqual(sig[xs.count - 11], 0.5)
    }
}
