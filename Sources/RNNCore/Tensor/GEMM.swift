import Dispatch
import Foundation

/// General matrix multiply-accumulate, `C += A · B`, for the sequence kernels.
///
/// The BLIS recipe, written by hand because no BLAS is available to Swift here:
/// `B` is packed into `nr`-wide column panels (`PackedPanels`), `A` into `mr`-row panels per
/// cache block, and a register-blocked `mr × nr` micro-kernel of SIMD4 fused multiply-adds
/// does the arithmetic. Single rows (batch 1, where the product is a GEMV) use a one-row
/// kernel instead of padding to `mr` rows.
///
/// Determinism: every element of C is computed as `c = fma(a_p, b_p, c)` for p = 0, 1, …, k−1
/// in that order, whatever the kernel, block or thread; threads split the column panels.
/// So results are bit-for-bit identical with one or many threads, and equal to `reference`.
enum GEMM {
    /// Micro-tile rows and columns.
    static let mr = 4
    static let nr = 8
    /// Depth of a cache block: an `nr`-panel slice of B (kc·nr doubles) stays in L1.
    static let kc = 256
    /// Rows of A per cache block: `mc·kc` doubles stay in L2.
    static let mc = 64
    /// Below this many multiply-adds a product stays on one thread (dispatch costs ~10 µs).
    static let parallelThreshold = 1 << 21
    /// Threads used for large products: 2 (this machine's cores), or `RNNLAB_THREADS` from the
    /// environment (1 turns threading off; results are bit-identical either way).
    static let maxThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["RNNLAB_THREADS"], let n = Int(text), n >= 1 { return min(n, 64) }
        return 2
    }()

    typealias V = SIMD4<Double>

    /// `C (m × n, row stride ldc) += A (m × k) · B`, with B already packed.
    static func multiplyAdd(m: Int, a: MatrixOperand, b: PackedPanels, c: UnsafeMutablePointer<Double>, ldc: Int) {
        let n = b.n, k = b.k
        guard m > 0, n > 0, k > 0 else { return }
        let threads = (m * n * k >= parallelThreshold) ? min(maxThreads, b.panelCount) : 1
        if threads <= 1 {
            run(m: m, a: a, b: b, panels: 0..<b.panelCount, c: c, ldc: ldc)
            return
        }
        let job = Job(a: a, b: b, c: c)
        let per = (b.panelCount + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let lo = t * per, hi = min(b.panelCount, lo + per)
            if lo < hi { GEMM.run(m: m, a: job.a, b: job.b, panels: lo..<hi, c: job.c, ldc: ldc) }
        }
    }

    /// `C += A · B` with B given as a strided operand (packed here, once).
    static func multiplyAdd(m: Int, n: Int, k: Int, a: MatrixOperand, b: MatrixOperand, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        multiplyAdd(m: m, a: a, b: PackedPanels(b, k: k, n: n), c: c, ldc: ldc)
    }

    /// The plain triple loop with the same order of operations (for tests).
    static func reference(m: Int, n: Int, k: Int, a: MatrixOperand, b: MatrixOperand, c: UnsafeMutablePointer<Double>, ldc: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var acc = c[i * ldc + j]
                for p in 0..<k { acc = acc.addingProduct(a[i, p], b[p, j]) }
                c[i * ldc + j] = acc
            }
        }
    }

    /// Pointers handed to the worker threads; each thread writes a disjoint set of C's columns.
    private struct Job: @unchecked Sendable {
        let a: MatrixOperand
        let b: PackedPanels
        let c: UnsafeMutablePointer<Double>
    }

    /// One thread's share: column panels `panels` of C, all rows.
    private static func run(m: Int, a: MatrixOperand, b: PackedPanels, panels: Range<Int>, c: UnsafeMutablePointer<Double>, ldc: Int) {
        let n = b.n, k = b.k
        let fullRows = (m / mr) * mr
        // the A pack, sized for this product (a fixed mc·kc buffer would cost an mmap per call)
        let packSize = fullRows == 0 ? 1 : min(mc, fullRows) * min(kc, k)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: packSize) { aBuffer in
            let aPack = aBuffer.baseAddress!
            var p0 = 0
            while p0 < k {
                let depth = min(kc, k - p0)
                var i0 = 0
                while i0 < fullRows {
                    let rows = min(mc, fullRows - i0)  // a multiple of mr
                    packA(a, rows: i0..<(i0 + rows), depth: p0..<(p0 + depth), into: aPack)
                    for panel in panels {
                        let j0 = panel * nr
                        let width = min(nr, n - j0)
                        let bp = b.pointer(panel: panel, depth: p0)
                        var ip = 0
                        while ip < rows {
                            let ct = c + (i0 + ip) * ldc + j0
                            let ap = UnsafePointer(aPack + ip * depth)
                            if width == nr {
                                kernel4x8(depth, ap, bp, ct, ldc)
                            } else {
                                edgeTile(depth, ap, bp, ct, ldc, width: width)
                            }
                            ip += mr
                        }
                    }
                    i0 += rows
                }
                // leftover rows (fewer than mr): one row at a time, no padding work
                for i in fullRows..<m {
                    rowKernel(depth, a: a, row: i, p0: p0, b: b, panels: panels, c: c + i * ldc)
                }
                p0 += depth
            }
        }
    }

    /// Copies `A[rows, depth]` into `mr`-row panels, k-major: panel q holds `a[p·mr + r]`.
    @inline(__always)
    private static func packA(_ a: MatrixOperand, rows: Range<Int>, depth: Range<Int>, into dst: UnsafeMutablePointer<Double>) {
        let kd = depth.count
        var q = 0
        var i = rows.lowerBound
        while i < rows.upperBound {
            let out = dst + q * kd * mr
            if a.colStride == 1 {
                let r0 = a.base + i * a.rowStride + depth.lowerBound
                let r1 = r0 + a.rowStride, r2 = r1 + a.rowStride, r3 = r2 + a.rowStride
                for p in 0..<kd {
                    out[p * 4] = r0[p]; out[p * 4 + 1] = r1[p]; out[p * 4 + 2] = r2[p]; out[p * 4 + 3] = r3[p]
                }
            } else {
                for p in 0..<kd {
                    let src = a.base + i * a.rowStride + (depth.lowerBound + p) * a.colStride
                    out[p * 4] = src[0]
                    out[p * 4 + 1] = src[a.rowStride]
                    out[p * 4 + 2] = src[2 * a.rowStride]
                    out[p * 4 + 3] = src[3 * a.rowStride]
                }
            }
            q += 1
            i += mr
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    private static func store(_ v: V, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// The register-blocked micro-kernel: a 4 × 8 tile of C in eight SIMD4 accumulators.
    @inline(__always)
    private static func kernel4x8(_ kd: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
        let c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc
        var x00 = load(c), x01 = load(c + 4)
        var x10 = load(c1), x11 = load(c1 + 4)
        var x20 = load(c2), x21 = load(c2 + 4)
        var x30 = load(c3), x31 = load(c3 + 4)
        var ap = a, bp = b
        for _ in 0..<kd {
            let b0 = load(bp), b1 = load(bp + 4)
            let a0 = V(repeating: ap[0]), a1 = V(repeating: ap[1])
            x00.addProduct(a0, b0); x01.addProduct(a0, b1)
            x10.addProduct(a1, b0); x11.addProduct(a1, b1)
            let a2 = V(repeating: ap[2]), a3 = V(repeating: ap[3])
            x20.addProduct(a2, b0); x21.addProduct(a2, b1)
            x30.addProduct(a3, b0); x31.addProduct(a3, b1)
            ap += 4
            bp += 8
        }
        store(x00, c); store(x01, c + 4)
        store(x10, c1); store(x11, c1 + 4)
        store(x20, c2); store(x21, c2 + 4)
        store(x30, c3); store(x31, c3 + 4)
    }

    /// A tile narrower than `nr`: run the same kernel on a padded copy, write back the valid part.
    private static func edgeTile(_ kd: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, width: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: mr * nr) { tileBuffer in
            let tile = tileBuffer.baseAddress!
            tile.initialize(repeating: 0, count: mr * nr)
            for r in 0..<mr { for j in 0..<width { tile[r * nr + j] = c[r * ldc + j] } }
            kernel4x8(kd, a, b, tile, nr)
            for r in 0..<mr { for j in 0..<width { c[r * ldc + j] = tile[r * nr + j] } }
        }
    }

    /// One row of C over `panels`, four panels (32 columns) at a time so that eight
    /// independent FMA chains hide the FMA latency.
    private static func rowKernel(_ kd: Int, a: MatrixOperand, row i: Int, p0: Int, b: PackedPanels, panels: Range<Int>, c: UnsafeMutablePointer<Double>) {
        let n = b.n
        let aRow = a.base + i * a.rowStride + p0 * a.colStride
        let acs = a.colStride
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * nr) { tileBuffer in
            let tile = tileBuffer.baseAddress!
            var panel = panels.lowerBound
            while panel < panels.upperBound {
                let group = min(4, panels.upperBound - panel)
                // gather the row's current C values into a padded tile (columns past n are zero)
                tile.initialize(repeating: 0, count: 4 * nr)
                let j0 = panel * nr
                let width = min(group * nr, n - j0)
                for j in 0..<width { tile[j] = c[j0 + j] }
                var v0 = load(tile), v1 = load(tile + 4), v2 = load(tile + 8), v3 = load(tile + 12)
                var v4 = load(tile + 16), v5 = load(tile + 20), v6 = load(tile + 24), v7 = load(tile + 28)
                let b0 = b.pointer(panel: panel, depth: p0)
                if group == 4 {
                    let b1 = b.pointer(panel: panel + 1, depth: p0)
                    let b2 = b.pointer(panel: panel + 2, depth: p0)
                    let b3 = b.pointer(panel: panel + 3, depth: p0)
                    for p in 0..<kd {
                        let av = V(repeating: aRow[p * acs])
                        let o = p * nr
                        v0.addProduct(av, load(b0 + o)); v1.addProduct(av, load(b0 + o + 4))
                        v2.addProduct(av, load(b1 + o)); v3.addProduct(av, load(b1 + o + 4))
                        v4.addProduct(av, load(b2 + o)); v5.addProduct(av, load(b2 + o + 4))
                        v6.addProduct(av, load(b3 + o)); v7.addProduct(av, load(b3 + o + 4))
                    }
                } else {
                    for q in 0..<group {
                        let bq = b.pointer(panel: panel + q, depth: p0)
                        var u0 = load(tile + q * nr), u1 = load(tile + q * nr + 4)
                        for p in 0..<kd {
                            let av = V(repeating: aRow[p * acs])
                            u0.addProduct(av, load(bq + p * nr)); u1.addProduct(av, load(bq + p * nr + 4))
                        }
                        store(u0, tile + q * nr); store(u1, tile + q * nr + 4)
                    }
                    v0 = load(tile); v1 = load(tile + 4); v2 = load(tile + 8); v3 = load(tile + 12)
                    v4 = load(tile + 16); v5 = load(tile + 20); v6 = load(tile + 24); v7 = load(tile + 28)
                }
                store(v0, tile); store(v1, tile + 4); store(v2, tile + 8); store(v3, tile + 12)
                store(v4, tile + 16); store(v5, tile + 20); store(v6, tile + 24); store(v7, tile + 28)
                for j in 0..<width { c[j0 + j] = tile[j] }
                panel += group
            }
        }
    }
}

extension SIMD4 where Scalar == Double {
    /// `self += a ⊙ b` as one fused multiply-add per lane (vfmadd231pd with FMA enabled).
    @inline(__always)
    mutating func addProduct(_ a: SIMD4<Double>, _ b: SIMD4<Double>) {
        self = self.addingProduct(a, b)
    }
}
