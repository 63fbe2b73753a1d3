/// General matrix multiply-accumulate, `C += A · B`, for the sequence kernels.
///
/// The BLIS recipe, written by hand because no BLAS is available to Swift here:
/// `B` is packed into `nr`-wide column panels (`PackedPanels`), `A` into `mr`-row panels per
/// cache block, and a register-blocked `mr × nr` micro-kernel of SIMD4 fused multiply-adds
/// does the arithmetic. Single rows (batch 1, where the product is a GEMV) use a one-row
/// kernel instead of padding to `mr` rows.
///
/// Determinism: every element of C is computed as `c = fma(a_p, b_p, c)` for p = 0, 1, …, k−1
/// in that order, whatever the kernel, block or thread; threads split rows of C or its column
/// panels (when, and how many threads: `ThreadPolicy`). So results are bit-for-bit identical
/// with one or many threads, and equal to `reference`.
enum GEMM {
    /// Micro-tile rows and columns: 6 × 8 tiles (twelve SIMD4 accumulators, the classic
    /// Haswell/Zen DGEMM shape: enough independent FMA chains to cover the FMA latency on both
    /// pipes, 8 loads per 12 FMAs). Row counts that are not a multiple of 6 use 4 × 8 tiles for
    /// the remainder, and single leftover rows the one-row kernel.
    static let mr = 6
    static let nr = 8
    /// Depth of a cache block: an `nr`-panel slice of B (kc·nr doubles, 16 KB) stays in L1.
    static let kc = 256
    /// Rows of A per cache block: `mc·kc` doubles (144 KB) stay in L2.
    static let mc = 72

    typealias V = SIMD4<Double>

    /// `C (m × n, row stride ldc) += A (m × k) · B`, with B already packed. `singleThreaded`
    /// for callers that already run on one of several threads (each on its own rows).
    static func multiplyAdd(m: Int, a: MatrixOperand, b: PackedPanels, c: UnsafeMutablePointer<Double>, ldc: Int,
                            singleThreaded: Bool = false) {
        let n = b.n, k = b.k
        guard m > 0, n > 0, k > 0 else { return }
        let threads = ThreadPolicy.productThreads(m: m, n: n, k: k, singleThreaded: singleThreaded)
        if threads <= 1 {
            run(rows: 0..<m, a: a, b: b, panels: 0..<b.panelCount, c: c, ldc: ldc)
            return
        }
        let job = Job(a: a, b: b, c: c)
        if ThreadPolicy.splitsRows(m: m) {
            // whole blocks of 6-row tiles per thread
            let per = (m + threads - 1) / threads
            let step = ((per + mr - 1) / mr) * mr
            ThreadPolicy.parallel(threads) { t in
                let lo = t * step, hi = min(m, lo + step)
                if lo < hi { GEMM.run(rows: lo..<hi, a: job.a, b: job.b, panels: 0..<job.b.panelCount, c: job.c, ldc: ldc) }
            }
        } else {
            let parts = min(threads, b.panelCount)
            let per = (b.panelCount + parts - 1) / parts
            ThreadPolicy.parallel(parts) { t in
                let lo = t * per, hi = min(job.b.panelCount, lo + per)
                if lo < hi { GEMM.run(rows: 0..<m, a: job.a, b: job.b, panels: lo..<hi, c: job.c, ldc: ldc) }
            }
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

    /// Pointers handed to the worker threads; each thread writes a disjoint set of C's elements.
    private struct Job: @unchecked Sendable {
        let a: MatrixOperand
        let b: PackedPanels
        let c: UnsafeMutablePointer<Double>
    }

    /// How `m` rows are cut into micro-tiles: `six` tiles of 6 rows, then `four` of 4, then
    /// `single` rows for the one-row kernel (m = 6·six + 4·four + single).
    static func tiling(_ m: Int) -> (six: Int, four: Int, single: Int) {
        let six = m / 6
        switch m % 6 {
        case 0: return (six, 0, 0)
        case 1: return (six, 0, 1)
        case 2: return six >= 1 ? (six - 1, 2, 0) : (0, 0, 2)
        case 3: return six >= 1 ? (six - 1, 2, 1) : (0, 0, 3)
        case 4: return (six, 1, 0)
        default: return (six, 1, 1)
        }
    }

    /// One thread's share: rows `rows` and column panels `panels` of C.
    private static func run(rows: Range<Int>, a: MatrixOperand, b: PackedPanels, panels: Range<Int>, c cAll: UnsafeMutablePointer<Double>, ldc: Int) {
        let n = b.n, k = b.k
        let m = rows.count
        let c = cAll + rows.lowerBound * ldc
        let aRows = MatrixOperand(a.base + rows.lowerBound * a.rowStride, rowStride: a.rowStride, colStride: a.colStride)
        let (six, four, _) = tiling(m)
        let tiles = six + four
        let tiledRows = 6 * six + 4 * four
        @inline(__always) func tileStart(_ t: Int) -> Int { t < six ? 6 * t : 6 * six + 4 * (t - six) }
        @inline(__always) func tileHeight(_ t: Int) -> Int { t < six ? 6 : 4 }
        // the A pack, sized for this product (a fixed mc·kc buffer would cost an mmap per call)
        let packSize = tiledRows == 0 ? 1 : min(mc, tiledRows) * min(kc, k)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: packSize) { aBuffer in
            let aPack = aBuffer.baseAddress!
            var p0 = 0
            while p0 < k {
                let depth = min(kc, k - p0)
                var t0 = 0
                while t0 < tiles {
                    // a cache block: tiles t0 ..< t1, at most mc rows
                    var t1 = t0, blockRows = 0
                    while t1 < tiles && blockRows + tileHeight(t1) <= mc { blockRows += tileHeight(t1); t1 += 1 }
                    let r0 = tileStart(t0)
                    for t in t0..<t1 {
                        packA(aRows, row: tileStart(t), height: tileHeight(t), depth: p0..<(p0 + depth), into: aPack + (tileStart(t) - r0) * depth)
                    }
                    for panel in panels {
                        let j0 = panel * nr
                        let width = min(nr, n - j0)
                        let bp = b.pointer(panel: panel, depth: p0)
                        for t in t0..<t1 {
                            let ct = c + tileStart(t) * ldc + j0
                            let ap = UnsafePointer(aPack + (tileStart(t) - r0) * depth)
                            let h = tileHeight(t)
                            if width == nr {
                                if h == 6 { kernel6x8(depth, ap, bp, ct, ldc) } else { kernel4x8(depth, ap, bp, ct, ldc) }
                            } else {
                                edgeTile(depth, ap, bp, ct, ldc, width: width, height: h)
                            }
                        }
                    }
                    t0 = t1
                }
                // leftover rows: one row at a time, no padding work
                for i in tiledRows..<m {
                    rowKernel(depth, a: aRows, row: i, p0: p0, b: b, panels: panels, c: c + i * ldc)
                }
                p0 += depth
            }
        }
    }

    /// Copies `A[row ..< row+height, depth]` into one tile panel, k-major: `dst[p·height + r]`.
    @inline(__always)
    private static func packA(_ a: MatrixOperand, row i: Int, height: Int, depth: Range<Int>, into out: UnsafeMutablePointer<Double>) {
        let kd = depth.count
        if a.rowStride == 1 {
            // a transposed operand (dAᵀ in ∂W = dAᵀ·H): the values of one depth are adjacent
            let src = a.base + i + depth.lowerBound * a.colStride
            let cs = a.colStride
            if height == 6 {
                for p in 0..<kd {
                    let s = src + p * cs
                    store(load(s), out + p * 6)
                    out[p * 6 + 4] = s[4]; out[p * 6 + 5] = s[5]
                }
            } else {
                for p in 0..<kd { store(load(src + p * cs), out + p * 4) }
            }
        } else if a.colStride == 1 {
            let rs = a.rowStride
            let r0 = a.base + i * rs + depth.lowerBound
            if height == 6 {
                for p in 0..<kd {
                    let o = out + p * 6
                    o[0] = r0[p]; o[1] = r0[rs + p]; o[2] = r0[2 * rs + p]
                    o[3] = r0[3 * rs + p]; o[4] = r0[4 * rs + p]; o[5] = r0[5 * rs + p]
                }
            } else {
                for p in 0..<kd {
                    let o = out + p * 4
                    o[0] = r0[p]; o[1] = r0[rs + p]; o[2] = r0[2 * rs + p]; o[3] = r0[3 * rs + p]
                }
            }
        } else {
            for p in 0..<kd {
                let src = a.base + i * a.rowStride + (depth.lowerBound + p) * a.colStride
                for r in 0..<height { out[p * height + r] = src[r * a.rowStride] }
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Double>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    private static func store(_ v: V, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// The register-blocked micro-kernel: a 6 × 8 tile of C in twelve SIMD4 accumulators.
    @inline(__always)
    private static func kernel6x8(_ kd: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, _ ldc: Int) {
        let c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
        var x00 = load(c), x01 = load(c + 4)
        var x10 = load(c1), x11 = load(c1 + 4)
        var x20 = load(c2), x21 = load(c2 + 4)
        var x30 = load(c3), x31 = load(c3 + 4)
        var x40 = load(c4), x41 = load(c4 + 4)
        var x50 = load(c5), x51 = load(c5 + 4)
        var ap = a, bp = b
        for _ in 0..<kd {
            let b0 = load(bp), b1 = load(bp + 4)
            let a0 = V(repeating: ap[0])
            x00.addProduct(a0, b0); x01.addProduct(a0, b1)
            let a1 = V(repeating: ap[1])
            x10.addProduct(a1, b0); x11.addProduct(a1, b1)
            let a2 = V(repeating: ap[2])
            x20.addProduct(a2, b0); x21.addProduct(a2, b1)
            let a3 = V(repeating: ap[3])
            x30.addProduct(a3, b0); x31.addProduct(a3, b1)
            let a4 = V(repeating: ap[4])
            x40.addProduct(a4, b0); x41.addProduct(a4, b1)
            let a5 = V(repeating: ap[5])
            x50.addProduct(a5, b0); x51.addProduct(a5, b1)
            ap += 6
            bp += 8
        }
        store(x00, c); store(x01, c + 4)
        store(x10, c1); store(x11, c1 + 4)
        store(x20, c2); store(x21, c2 + 4)
        store(x30, c3); store(x31, c3 + 4)
        store(x40, c4); store(x41, c4 + 4)
        store(x50, c5); store(x51, c5 + 4)
    }

    /// A 4 × 8 tile (for row counts that are not a multiple of 6).
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
    private static func edgeTile(_ kd: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, width: Int, height: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: mr * nr) { tileBuffer in
            let tile = tileBuffer.baseAddress!
            tile.initialize(repeating: 0, count: mr * nr)
            for r in 0..<height { for j in 0..<width { tile[r * nr + j] = c[r * ldc + j] } }
            if height == 6 { kernel6x8(kd, a, b, tile, nr) } else { kernel4x8(kd, a, b, tile, nr) }
            for r in 0..<height { for j in 0..<width { c[r * ldc + j] = tile[r * nr + j] } }
        }
    }

    /// One row of C over `panels`, four panels (32 columns) at a time so that eight
    /// independent FMA chains hide the FMA latency. Whole panels accumulate straight in C (at
    /// batch 1 this runs 8 times per step, and copies cost ~30 %); a last panel that reaches
    /// past n goes through a zero-padded copy of the row's values.
    private static func rowKernel(_ kd: Int, a: MatrixOperand, row i: Int, p0: Int, b: PackedPanels, panels: Range<Int>, c: UnsafeMutablePointer<Double>) {
        let aRow = a.base + i * a.rowStride + p0 * a.colStride
        let acs = a.colStride
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * nr) { tileBuffer in
            let tile = tileBuffer.baseAddress!
            var panel = panels.lowerBound
            while panel < panels.upperBound {
                let group = min(4, panels.upperBound - panel)
                let j0 = panel * nr
                let width = min(group * nr, b.n - j0)
                let whole = width == group * nr
                if !whole {
                    tile.initialize(repeating: 0, count: 4 * nr)
                    for j in 0..<width { tile[j] = c[j0 + j] }
                }
                let out = whole ? c + j0 : tile
                if group == 4 {
                    rowFourPanels(kd, aRow, acs, b.pointer(panel: panel, depth: p0), b.pointer(panel: panel + 1, depth: p0),
                                  b.pointer(panel: panel + 2, depth: p0), b.pointer(panel: panel + 3, depth: p0), out)
                } else {
                    for q in 0..<group { rowOnePanel(kd, aRow, acs, b.pointer(panel: panel + q, depth: p0), out + q * nr) }
                }
                if !whole {
                    for j in 0..<width { c[j0 + j] = tile[j] }
                }
                panel += group
            }
        }
    }

    /// `out[0 ..< 32] += Σ_p aRow[p] · (the rows of four panels)`: eight independent FMA chains.
    @inline(__always)
    private static func rowFourPanels(_ kd: Int, _ aRow: UnsafePointer<Double>, _ acs: Int, _ b0: UnsafePointer<Double>, _ b1: UnsafePointer<Double>,
                                      _ b2: UnsafePointer<Double>, _ b3: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
        var v0 = load(out), v1 = load(out + 4), v2 = load(out + 8), v3 = load(out + 12)
        var v4 = load(out + 16), v5 = load(out + 20), v6 = load(out + 24), v7 = load(out + 28)
        for p in 0..<kd {
            let av = V(repeating: aRow[p * acs])
            let o = p * nr
            v0.addProduct(av, load(b0 + o)); v1.addProduct(av, load(b0 + o + 4))
            v2.addProduct(av, load(b1 + o)); v3.addProduct(av, load(b1 + o + 4))
            v4.addProduct(av, load(b2 + o)); v5.addProduct(av, load(b2 + o + 4))
            v6.addProduct(av, load(b3 + o)); v7.addProduct(av, load(b3 + o + 4))
        }
        store(v0, out); store(v1, out + 4); store(v2, out + 8); store(v3, out + 12)
        store(v4, out + 16); store(v5, out + 20); store(v6, out + 24); store(v7, out + 28)
    }

    /// `out[0 ..< 8] += Σ_p aRow[p] · (the rows of one panel)`.
    @inline(__always)
    private static func rowOnePanel(_ kd: Int, _ aRow: UnsafePointer<Double>, _ acs: Int, _ bq: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
        var u0 = load(out), u1 = load(out + 4)
        for p in 0..<kd {
            let av = V(repeating: aRow[p * acs])
            u0.addProduct(av, load(bq + p * nr)); u1.addProduct(av, load(bq + p * nr + 4))
        }
        store(u0, out); store(u1, out + 4)
    }
}

extension SIMD4 where Scalar == Double {
    /// `self += a ⊙ b` as one fused multiply-add per lane (vfmadd231pd with FMA enabled).
    @inline(__always)
    mutating func addProduct(_ a: SIMD4<Double>, _ b: SIMD4<Double>) {
        self = self.addingProduct(a, b)
    }
}
