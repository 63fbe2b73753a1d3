import Synchronization

/// The gradients of the weights every step shares, ∂L/∂W_x, ∂L/∂W_h (vanilla RNN and LSTM) and
/// ∂L/∂b_x, and the input gradients ∂L/∂x_t, from dA (T·B × blocks·H: the gradients of the
/// pre-activations, written by the backward walk):
///
///     [∂W_x | ∂W_h | ∂b_x] = Σ over chunks of steps, the last chunk first, of dA_chunkᵀ · [X | H_prev | 1]_chunk
///     ∂L/∂x_t = dA_t W_x
///
/// One product for the three weight gradients, so dA is read once; against the column of ones,
/// fma(a, 1, c) is c + a, which gives the bias sums.
///
/// The last chunk first because that is the order in which the walk finishes them: when the
/// walk itself runs on one thread (batch 1, small batches), the helper thread sums each chunk
/// as soon as the walk has passed it, and this work hides behind the walk. The chunks depend
/// only on T and B, so the sums run in the same order wherever they run: the results are the
/// same bits with one thread or two.
final class SharedWeightGradients {
    private let g: GradientBuffers
    /// [X | H_prev | 1], all T·B rows, and the first column of each block in the product.
    private let operand: PackedPanels
    private let offsets: [Int]
    private let hasRecurrent: Bool
    /// The 1.0 that every row of the column of ones reads (stride 0).
    private let one = DoubleStorage(copying: [1])
    /// W_x (blocks·H × D) for ∂L/∂x_t = dA_t W_x.
    private let wx: PackedPanels
    /// (blocks·H × operand.n) the sums of the product.
    private let product: DoubleStorage
    /// The walk's progress: dA is written for every step from this one on.
    private let finishedFrom: Atomic<Int>
    /// Steps per chunk.
    let chunkSteps: Int

    /// Products from this many multiply-adds are summed in chunks and may run beside a walk on
    /// one thread; smaller ones are one product after the walk (for them, waking the helper and
    /// the extra passes over the sums cost more than they hide).
    static let alongsideThreshold = 1 << 20

    /// `hPrev`: the T·B × H states h_0 … h_{T−1}, for a cell whose W_h multiplies h_{t−1}
    /// directly (nil for the GRU, whose W_h gradient comes from its own recurrent terms).
    init(_ g: GradientBuffers, x: UnsafePointer<Double>, hPrev: UnsafePointer<Double>?, wx: UnsafePointer<Double>) {
        self.g = g
        let rows = g.steps * g.batch, D = g.inputSize, H = g.hiddenSize
        var blocks: [(operand: MatrixOperand, cols: Int)] = [(.rowMajor(x, cols: D), D)]
        if let hPrev { blocks.append((.rowMajor(hPrev, cols: H), H)) }
        blocks.append((MatrixOperand(one.pointer.readOnly, rowStride: 0, colStride: 0), 1))
        hasRecurrent = hPrev != nil
        offsets = PackedPanels.offsets(blocks.map(\.cols))
        operand = PackedPanels(blocks: blocks, k: rows)
        self.wx = PackedPanels(.rowMajor(wx, cols: D), k: g.width, n: D)
        product = DoubleStorage(count: g.width * operand.n)
        finishedFrom = Atomic(g.steps)
        // chunks of about 256 rows (the GEMM's cache block), at least eight per sequence so a
        // walk on one thread leaves little of the sum for after it; one chunk for small products.
        // (This depends only on the sizes, never on the threads: the same order of sums always.)
        let work = g.width * operand.n * rows
        chunkSteps = work < Self.alongsideThreshold ? max(g.steps, 1) : max(1, min(256 / max(g.batch, 1), (g.steps + 7) / 8))
    }

    /// The chunks of steps, in summation order: the last steps first.
    var chunks: [Range<Int>] {
        stride(from: 0, to: g.steps, by: chunkSteps).map { $0..<min(g.steps, $0 + chunkSteps) }.reversed()
    }

    /// Runs the backward walk `walk`, which must call its argument with t once dA_t is written
    /// (t decreasing), and the sums; then writes ∂L/∂W_x, ∂L/∂W_h, ∂L/∂b_x and ∂L/∂X into `g`.
    /// `alongside`: the walk leaves the second thread idle, so the sums may run on it meanwhile.
    @inline(__always)  // with `SequenceWalker`'s walks: the cells' steps compile into the walk loop
    func run(alongside: Bool, walk: ((Int) -> Void) -> Void) {
        if alongside && chunkSteps < g.steps && ThreadPolicy.maxThreads >= 2 {
            HelperThread.pair { party in
                if party == 0 {
                    walk { t in finishedFrom.store(t, ordering: .releasing) }
                } else {
                    for steps in chunks {
                        var spins = 0
                        while finishedFrom.load(ordering: .acquiring) > steps.lowerBound { HelperThread.pause(&spins) }
                        add(steps, singleThreaded: true)
                    }
                }
            }
        } else {
            walk { _ in }
            for steps in chunks { add(steps, singleThreaded: false) }
        }
        writeResults()
    }

    /// Adds the share of the steps `steps`: the product over their rows, and their ∂L/∂x rows.
    private func add(_ steps: Range<Int>, singleThreaded: Bool) {
        let B = g.batch, G = g.width, D = g.inputSize
        let rows = (steps.lowerBound * B)..<(steps.upperBound * B)
        let dA = g.dA.pointer.readOnly + rows.lowerBound * G
        GEMM.multiplyAdd(m: G, a: .transposed(dA, cols: G), b: operand.rows(rows), c: product.pointer, ldc: operand.n,
                         singleThreaded: singleThreaded)
        GEMM.multiplyAdd(m: rows.count, a: .rowMajor(dA, cols: G), b: wx, c: g.dX.pointer + rows.lowerBound * D, ldc: D,
                         singleThreaded: singleThreaded)
    }

    private func writeResults() {
        let D = g.inputSize, H = g.hiddenSize, n = operand.n
        let p = product.pointer
        for r in 0..<g.width {
            let row = p + r * n
            (g.dWx.pointer + r * D).update(from: row + offsets[0], count: D)
            if hasRecurrent { (g.dWh.pointer + r * H).update(from: row + offsets[1], count: H) }
            g.dbx.pointer[r] = row[offsets[offsets.count - 1]]
        }
    }
}
