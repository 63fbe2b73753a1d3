import Dispatch
import Foundation

/// When work is split between threads, in one place: how many threads there are, the sizes
/// from which a product, a step's elementwise work or a whole walk is split, and the two-way
/// fork-join helpers that do the splitting. `GEMM` asks it how to run one product;
/// `SequenceWalker` asks it how to run a walk over the steps.
///
/// Every threshold here only decides *where* a value is computed, never *how*: each output
/// element is the same chain of operations on one thread or two, so the results are the same
/// bits whatever these say (the thread-count tests hold them to that).
enum ThreadPolicy {
    /// Threads used for large products: 2 (1 when only one processor is usable), or
    /// `RNNLAB_THREADS` from the environment (1 turns threading off; results are bit-identical
    /// either way).
    static let maxThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["RNNLAB_THREADS"], let n = Int(text), n >= 1 { return min(n, 64) }
        return min(2, usableProcessors())
    }()

    /// The processors this process may run on (its affinity mask on Linux, e.g. under
    /// `taskset` or a CPU-limited container): with one, a second thread only takes turns with
    /// the first, and the spin waits of the split steps made that several times slower.
    static func usableProcessors() -> Int {
        #if os(Linux)
        // "Cpus_allowed:\t3" (a hexadecimal mask, comma separated in 32-bit groups)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let digits = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
            let count = digits.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
            if count > 0 { return count }
        }
        #endif
        return ProcessInfo.processInfo.activeProcessorCount
    }

    // MARK: - Thresholds

    /// Below this many multiply-adds a product stays on one thread: with the helper thread,
    /// 1 << 17 made the S2 forward 20 % slower (the walk then reads the helper's half of the
    /// input projection from the other core's cache at every step).
    static let parallelThreshold = 1 << 21
    /// From this many rows on, threads split the rows of C (each packs only its own rows of A);
    /// below it they split the column panels (each packs all of the small A).
    static let rowSplitThreshold = 256
    /// Elements of elementwise work below which a second thread is not worth its dispatch.
    static let rowBlockThreshold = 1 << 14
    /// An input projection from this many multiply-adds may run beside a walk on one thread
    /// (below, waking the helper costs more than it hides).
    static let projectionAlongsideThreshold = 1 << 19

    // MARK: - Predicates

    /// The threads for one product `C (m × n) += A (m × k) · B`: `maxThreads` from
    /// `parallelThreshold` multiply-adds, else 1; always 1 for a caller that already runs on
    /// one of several threads (`singleThreaded`, each on its own rows).
    @inline(__always)
    static func productThreads(m: Int, n: Int, k: Int, singleThreaded: Bool) -> Int {
        (!singleThreaded && m * n * k >= parallelThreshold) ? maxThreads : 1
    }

    /// Whether a threaded product of `m` rows splits the rows of C (else its column panels).
    @inline(__always)
    static func splitsRows(m: Int) -> Bool { m >= rowSplitThreshold }

    /// Whether a cell whose step is a recurrent product of `m` rows (the batch), `n` columns and
    /// depth `k`, then elementwise work, should run as two halves of the batch, each thread
    /// walking its own rows through the whole sequence (rows never depend on other rows), so
    /// the threads meet once per pass rather than at every step.
    static func splitsBatch(m: Int, n: Int, k: Int) -> Bool {
        maxThreads >= 2 && m >= 2 * GEMM.mr && m * n * k >= parallelThreshold
    }

    /// Whether a step of a cell (a product of `m` rows, `n` columns, depth `k`, and `elementwise`
    /// values of elementwise work split by rows) runs on both threads; if not, the second thread
    /// is free during a walk over the steps.
    static func stepUsesBothThreads(m: Int, n: Int, k: Int, elementwise: Int) -> Bool {
        maxThreads >= 2 && (m * n * k >= parallelThreshold || (m >= 2 && elementwise >= rowBlockThreshold))
    }

    /// Whether the input projection b + X W_xᵀ of `steps` steps (`multiplyAdds` in all), split
    /// into chunks of `chunk` steps, is worth computing on the helper beside a walk that leaves
    /// it free.
    static func projectsAlongside(steps: Int, chunk: Int, multiplyAdds: Int) -> Bool {
        steps > chunk && multiplyAdds >= projectionAlongsideThreshold && maxThreads >= 2
    }

    // MARK: - Fork-join

    /// Calls `body` on disjoint ranges covering `0..<count` (rows of a batch), on two threads
    /// when `work` (elements touched) makes that worth a dispatch, else once on this thread.
    /// For the per-row elementwise work of the cells: a row's values do not depend on which
    /// thread computes them.
    static func forEachRowBlock(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        guard maxThreads >= 2, count >= 2, work >= rowBlockThreshold else { body(0..<count); return }
        twoRowHalves(count, body)
    }

    /// Runs `body` on the two halves of `0..<count` on two threads.
    static func twoRowHalves(_ count: Int, _ body: (Range<Int>) -> Void) {
        let half = (count + 1) / 2
        HelperThread.pair { t in body(t == 0 ? 0..<half : half..<count) }
    }

    /// Runs `body(0) … body(parts − 1)` at once: two parts on this thread and the helper
    /// thread (`HelperThread`), more through GCD (`RNNLAB_THREADS` above 2).
    static func parallel(_ parts: Int, _ body: (Int) -> Void) {
        if parts == 2 {
            HelperThread.pair(body)
        } else {
            withoutActuallyEscaping(body) { body in
                let job = PartJob(body: body)
                DispatchQueue.concurrentPerform(iterations: parts) { job.body($0) }
            }
        }
    }

    private struct PartJob: @unchecked Sendable { let body: (Int) -> Void }
}
