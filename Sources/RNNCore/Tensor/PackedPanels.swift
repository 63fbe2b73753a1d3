/// The right-hand operand of a GEMM, packed once into column panels for the micro-kernel.
///
/// `B` is `(k × n)`. It is cut into panels of `GEMM.nr` columns; panel `j` holds
/// `B[0..<k, j·nr ..< j·nr+nr]` as `k` consecutive rows of `nr` values (zero padded past `n`),
/// so the micro-kernel streams it with unit stride. Weights are packed once per sequence and
/// reused at every step; that is why this is a value of its own.
struct PackedPanels {
    private(set) var k: Int
    let n: Int
    let panelCount: Int
    let storage: DoubleStorage
    /// The depth each panel was packed with, and where this value's rows start in it (a view of
    /// some rows of B, `rows(_:)`, shares the packed storage).
    private var packedDepth: Int
    private var firstRow = 0

    init(_ b: MatrixOperand, k: Int, n: Int) {
        self.init(blocks: [(b, n)], k: k)
    }

    /// `B = [B₀ | B₁ | …]`, blocks of `cols` columns side by side, each starting at a panel
    /// boundary: block i's columns begin at column `Self.offsets(blocks)[i]` of the product
    /// (a multiple of `nr`), and the columns between blocks are zero. One product then serves
    /// several right-hand operands that share the left one.
    init(blocks: [(operand: MatrixOperand, cols: Int)], k: Int) {
        let nr = GEMM.nr
        self.k = k
        packedDepth = k
        panelCount = blocks.reduce(0) { $0 + ($1.cols + nr - 1) / nr }
        n = blocks.count == 1 ? blocks[0].cols : panelCount * nr
        storage = DoubleStorage(uninitializedCount: panelCount * k * nr)
        var dst = storage.pointer
        for (b, cols) in blocks {
            Self.pack(b, k: k, n: cols, into: dst)
            dst += ((cols + nr - 1) / nr) * k * nr
        }
    }

    /// The first column of each block in `init(blocks:k:)`'s product.
    static func offsets(_ widths: [Int]) -> [Int] {
        var offsets: [Int] = [], next = 0
        for width in widths {
            offsets.append(next)
            next += ((width + GEMM.nr - 1) / GEMM.nr) * GEMM.nr
        }
        return offsets
    }

    /// Packs `b` (k × n) into consecutive panels at `dst`.
    private static func pack(_ b: MatrixOperand, k: Int, n: Int, into dst: UnsafeMutablePointer<Double>) {
        let nr = GEMM.nr
        let rs = b.rowStride, cs = b.colStride
        for panel in 0..<((n + nr - 1) / nr) {
            let j0 = panel * nr
            let width = min(nr, n - j0)
            let out = dst + panel * k * nr
            if width < nr {
                // padding columns are zero and never reach C
                out.initialize(repeating: 0, count: k * nr)
            }
            if cs == 1 && width == nr {
                // row-major B: each panel row is 8 adjacent values
                for p in 0..<k {
                    let src = b.base + p * rs + j0, row = out + p * nr
                    for j in 0..<8 { row[j] = src[j] }
                }
            } else if rs == 1 {
                // a transposed operand (W in x·Wᵀ): column j0+j of B is contiguous in p
                for j in 0..<width {
                    let src = b.base + (j0 + j) * cs
                    for p in 0..<k { out[p * nr + j] = src[p] }
                }
            } else {
                for p in 0..<k {
                    let row = out + p * nr
                    for j in 0..<width { row[j] = b[p, j0 + j] }
                }
            }
        }
    }

    /// Rows `rows` of B (depths of the product), without copying: for a product over some of
    /// the rows only, as when the weight gradients are summed chunk by chunk.
    func rows(_ rows: Range<Int>) -> PackedPanels {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= k, "rows \(rows) of a packed operand of depth \(k)")
        var view = self
        view.k = rows.count
        view.firstRow = firstRow + rows.lowerBound
        return view
    }

    /// The start of panel `panel` at depth `p`.
    @inline(__always)
    func pointer(panel: Int, depth p: Int) -> UnsafePointer<Double> {
        UnsafePointer(storage.pointer + (panel * packedDepth + firstRow + p) * GEMM.nr)
    }
}
