import Synchronization

/// The input side of every step, A_t = b + x_t W_xᵀ (the T·B × G rows of `pre`), which does not
/// depend on the recurrence: computed before a forward walk, or, when the walk runs on one
/// thread (batch 1, small batches), on the helper thread in chunks of steps just ahead of it,
/// or by each thread for its own rows inside the step (`project(step:rows:)`, a large batch
/// split in halves). `SequenceWalker` chooses. Each row is the same operations in the same
/// order wherever it is computed, so the results are the same bits either way.
final class InputProjection {
    private let pre: UnsafeMutablePointer<Double>
    private let x: UnsafePointer<Double>
    private let bias: UnsafePointer<Double>?
    private let wxT: PackedPanels
    private let steps: Int, batch: Int, inputSize: Int, width: Int
    /// Steps below this one are projected.
    private let projectedTo: Atomic<Int>

    /// `pre` (T·B × G) receives b + X W_xᵀ; `wx` is W_x (G × D), `bias` b (G) or nil.
    init(into pre: UnsafeMutablePointer<Double>, x: UnsafePointer<Double>, wx: UnsafePointer<Double>, bias: UnsafePointer<Double>?,
         steps: Int, batch: Int, inputSize: Int, width: Int) {
        self.pre = pre
        self.x = x
        self.bias = bias
        wxT = PackedPanels(.transposed(wx, cols: inputSize), k: inputSize, n: width)
        self.steps = steps
        self.batch = batch
        self.inputSize = inputSize
        self.width = width
        projectedTo = Atomic(0)
    }

    /// Runs the forward walk `walk`, which must call its argument with t before it reads step
    /// t's rows of `pre`. `alongside`: the walk leaves the second thread idle, so the projection
    /// may run on it meanwhile.
    @inline(__always)  // with `SequenceWalker`'s walks: the cells' steps compile into the walk loop
    func run(alongside: Bool, walk: ((Int) -> Void) -> Void) {
        let chunk = max(1, (steps + 7) / 8)
        if alongside && ThreadPolicy.projectsAlongside(steps: steps, chunk: chunk, multiplyAdds: steps * batch * width * inputSize) {
            HelperThread.pair { party in
                if party == 0 {
                    walk { t in
                        var spins = 0
                        while projectedTo.load(ordering: .acquiring) <= t { HelperThread.pause(&spins) }
                    }
                } else {
                    for start in stride(from: 0, to: steps, by: chunk) {
                        let end = min(steps, start + chunk)
                        project(start..<end, singleThreaded: true)
                        projectedTo.store(end, ordering: .releasing)
                    }
                }
            }
        } else {
            project(0..<steps, singleThreaded: false)
            walk { _ in }
        }
    }

    /// A_t = b + x_t W_xᵀ for the batch rows `rows` of step t, on this thread (each thread of a
    /// batch split in halves projects its own rows, so they never leave its cache).
    func project(step t: Int, rows: Range<Int>) {
        let r0 = t * batch + rows.lowerBound
        let out = pre + r0 * width
        fillRows(out, rows: rows.count, cols: width, with: bias)
        GEMM.multiplyAdd(m: rows.count, a: .rowMajor(x + r0 * inputSize, cols: inputSize), b: wxT,
                         c: out, ldc: width, singleThreaded: true)
    }

    /// A_t = b + x_t W_xᵀ for the steps `range`.
    private func project(_ range: Range<Int>, singleThreaded: Bool) {
        let rows = (range.lowerBound * batch)..<(range.upperBound * batch)
        let out = pre + rows.lowerBound * width
        fillRows(out, rows: rows.count, cols: width, with: bias)
        GEMM.multiplyAdd(m: rows.count, a: .rowMajor(x + rows.lowerBound * inputSize, cols: inputSize), b: wxT,
                         c: out, ldc: width, singleThreaded: singleThreaded)
    }
}
