/// The one place that decides how a walk over the steps of a sequence uses the two threads,
/// for every cell, forward and backward. A cell gives its step (the math of one time step for
/// some batch rows) and the step's size; the walker runs it for t = 0 … T−1 (forward) or
/// T−1 … 0 (backward) on the schedule `schedule(_:)` picks:
///
/// - **batch halves** (a large batch, S3): each thread walks its half of the batch through the
///   whole sequence on its own (a row of h_t needs only the same row of h_{t−1}; a row of
///   dh_{t−1} only the same row of dh_t), so the threads meet once per pass, not once per step.
///   Every product inside the step stays on its thread.
/// - **one walk** over all rows: a step's products split between the threads by themselves
///   when they are large (`ThreadPolicy.productThreads`), and its elementwise work by row
///   blocks (`StepRows.forEachRowBlock`). When the step leaves the second thread idle (batch 1,
///   small batches), the helper works beside the walk: the input projection in chunks of steps
///   just ahead of it (`InputProjection`), the shared-weight gradients in chunks of steps just
///   behind it (`SharedWeightGradients`).
///
/// Whatever the schedule, every value is the same operations in the same order, so results are
/// the same bits with one thread or two.
///
/// `forward`, `backward` and the `run` of `InputProjection` and `SharedWeightGradients` are
/// always inlined, so that a cell's step closure is compiled into its own walk loop as it was
/// before the walker existed; called through a closure context, the vanilla RNN's backward step
/// cost about 40 more instructions per step (callgrind, S1 and S2).
enum SequenceWalker {
    /// What `StepRows.scratch` holds for a step without scratch (never read or written): no
    /// allocation for the steps that use none (at S1 a pass is ~20 µs).
    private static var noScratch: UnsafeMutablePointer<Double> { UnsafeMutablePointer(bitPattern: 64)! }

    /// How a walk uses the threads.
    enum Schedule: Equatable {
        /// Each thread walks its half of the batch through the whole sequence.
        case batchHalves
        /// One walk over all rows; `helperBeside`: the steps leave the second thread idle, so
        /// the helper computes the input projection ahead or the weight gradients behind.
        case oneWalk(helperBeside: Bool)
    }

    /// A step's scratch: `count` zeros, or nothing for a step that uses none.
    @inline(__always)
    private static func scratchStorage(_ count: Int) -> DoubleStorage? {
        count > 0 ? DoubleStorage(count: count) : nil
    }

    /// The schedule for a step of this size (depends only on the sizes and the thread count).
    static func schedule(_ shape: StepShape) -> Schedule {
        if ThreadPolicy.splitsBatch(m: shape.batch, n: shape.columns, k: shape.depth) { return .batchHalves }
        let both = ThreadPolicy.stepUsesBothThreads(m: shape.batch, n: shape.columns, k: shape.depth, elementwise: shape.elementwise)
        return .oneWalk(helperBeside: !both)
    }

    /// Runs `step(t, part)` for t = 0 … T−1, each step after `projection` has written A_t =
    /// b + x_t W_xᵀ into the step's rows of the pre-activations. `projectInStep`: when the batch
    /// is split in halves, each thread projects its own rows inside each step, so A_t never
    /// leaves its cache (measured faster for the LSTM's 4H-wide A at S3); otherwise the whole
    /// projection runs before the walk. `scratchPerRow` values per batch row of scratch are
    /// handed to the step (`StepRows.scratch`), one buffer per walking thread.
    @inline(__always)
    static func forward(steps T: Int, _ shape: StepShape, projection: InputProjection, projectInStep: Bool = false,
                        scratchPerRow: Int = 0, step: (Int, StepRows) -> Void) {
        let B = shape.batch
        switch schedule(shape) {
        case .batchHalves:
            func walkHalves() {
                ThreadPolicy.twoRowHalves(B) { rows in
                    let scratch = scratchStorage(rows.count * scratchPerRow)
                    let part = StepRows(rows: rows, alone: true, elementwise: shape.elementwise, scratch: scratch?.pointer ?? noScratch)
                    withExtendedLifetime(scratch) {
                        for t in 0..<T {
                            if projectInStep { projection.project(step: t, rows: rows) }
                            step(t, part)
                        }
                    }
                }
            }
            if projectInStep { walkHalves() } else { projection.run(alongside: false) { _ in walkHalves() } }
        case .oneWalk(let helperBeside):
            let scratch = scratchStorage(B * scratchPerRow)
            let part = StepRows(rows: 0..<B, alone: false, elementwise: shape.elementwise, scratch: scratch?.pointer ?? noScratch)
            withExtendedLifetime(scratch) {
                projection.run(alongside: helperBeside) { projected in
                    for t in 0..<T {
                        projected(t)
                        step(t, part)
                    }
                }
            }
        }
    }

    /// Runs `step(t, part)` for t = T−1 … 0, each step after the total gradient reaching h_t
    /// (from the loss at t and from step t+1) has been gathered into `g.dhNext`; the step writes
    /// dA_t, from which `shared` sums the shared-weight gradients (behind the walk on the helper
    /// when it is free, else after it) and then writes them into `g`. `scratchPerRow` as for
    /// `forward`.
    @inline(__always)
    static func backward(steps T: Int, _ shape: StepShape, gradients g: GradientBuffers, shared: SharedWeightGradients,
                         scratchPerRow: Int = 0, step: (Int, StepRows) -> Void) {
        let B = shape.batch
        switch schedule(shape) {
        case .batchHalves:
            shared.run(alongside: false) { _ in
                ThreadPolicy.twoRowHalves(B) { rows in
                    let scratch = scratchStorage(rows.count * scratchPerRow)
                    let part = StepRows(rows: rows, alone: true, elementwise: shape.elementwise, scratch: scratch?.pointer ?? noScratch)
                    withExtendedLifetime(scratch) {
                        for t in stride(from: T - 1, through: 0, by: -1) {
                            g.gatherHiddenGradient(step: t, rows: rows)
                            step(t, part)
                        }
                    }
                }
            }
        case .oneWalk(let helperBeside):
            let scratch = scratchStorage(B * scratchPerRow)
            let part = StepRows(rows: 0..<B, alone: false, elementwise: shape.elementwise, scratch: scratch?.pointer ?? noScratch)
            withExtendedLifetime(scratch) {
                shared.run(alongside: helperBeside) { finished in
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        g.gatherHiddenGradient(step: t)
                        step(t, part)
                        finished(t)
                    }
                }
            }
        }
    }
}

/// The size of one step's work, from which `SequenceWalker` picks a schedule.
struct StepShape {
    /// B, the rows of every product in the step.
    let batch: Int
    /// Columns and depth of the step's recurrent product (h_{t−1} W_hᵀ forward, dA_t W_h backward).
    let columns: Int
    let depth: Int
    /// Elementwise values per step that the step spreads over row blocks
    /// (`StepRows.forEachRowBlock`); 0 when it runs them on its own thread.
    var elementwise: Int = 0
}

/// The batch rows one call of a cell's step works on, and how it may use the threads.
struct StepRows {
    /// The rows of the batch (all of them, or one thread's half).
    let rows: Range<Int>
    /// This thread walks only `rows` while the other walks the rest: every product and loop of
    /// the step stays on this thread.
    let alone: Bool
    /// See `StepShape.elementwise`.
    let elementwise: Int
    /// `rows.count × scratchPerRow` values of scratch owned by this walk (see
    /// `SequenceWalker.forward`): row b's at `scratch + (b − rows.lowerBound)·scratchPerRow`.
    let scratch: UnsafeMutablePointer<Double>

    /// `C += A · B` for these rows (A and C point at the first of them): on this thread when
    /// `alone`, else split between the threads when large enough.
    @inline(__always)
    func multiplyAdd(_ a: MatrixOperand, _ b: PackedPanels, into c: UnsafeMutablePointer<Double>, ldc: Int) {
        GEMM.multiplyAdd(m: rows.count, a: a, b: b, c: c, ldc: ldc, singleThreaded: alone)
    }

    /// Calls `body` on blocks of `rows` covering them: on this thread when `alone`, else on two
    /// threads when the step's elementwise work is worth it (then `rows` is the whole batch,
    /// 0..<B). A row's values do not depend on which thread computes them.
    @inline(__always)
    func forEachRowBlock(_ body: (Range<Int>) -> Void) {
        if alone { body(rows) } else { ThreadPolicy.forEachRowBlock(rows.count, work: elementwise, body) }
    }
}
