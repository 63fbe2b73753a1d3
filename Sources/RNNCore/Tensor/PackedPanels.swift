/// The right-hand operand of a GEMM, packed once into column panels for the micro-kernel.
///
/// `B` is `(k × n)`. It is cut into panels of `GEMM.nr` columns; panel `j` holds
/// `B[0..<k, j·nr ..< j·nr+nr]` as `k` consecutive rows of `nr` values (zero padded past `n`),
/// so the micro-kernel streams it with unit stride. Weights are packed once per sequence and
/// reused at every step; that is why this is a value of its own.
struct PackedPanels {
    let k: Int
    let n: Int
    let panelCount: Int
    let storage: DoubleStorage

    init(_ b: MatrixOperand, k: Int, n: Int) {
        let nr = GEMM.nr
        self.k = k
        self.n = n
        panelCount = (n + nr - 1) / nr
        storage = DoubleStorage(count: panelCount * k * nr)
        let dst = storage.pointer
        for panel in 0..<panelCount {
            let j0 = panel * nr
            let width = min(nr, n - j0)
            let out = dst + panel * k * nr
            for p in 0..<k {
                let row = out + p * nr
                for j in 0..<width { row[j] = b[p, j0 + j] }
                // the rest of the row stays zero: padding columns never reach C
            }
        }
    }

    /// The start of panel `panel` at depth `p`.
    @inline(__always)
    func pointer(panel: Int, depth p: Int) -> UnsafePointer<Double> {
        UnsafePointer(storage.pointer + (panel * k + p) * GEMM.nr)
    }
}
