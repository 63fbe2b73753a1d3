import Dispatch
import Foundation
import Synchronization

/// One persistent second thread for two-way fork-join work: `pair { party in … }` runs
/// party 0 on the calling thread and party 1 on the helper, and returns when both are done.
///
/// Why not `DispatchQueue.concurrentPerform`: waking a parked GCD worker costs 15–30 µs, as
/// much as the pieces of work handed over at batch 1 (see `InputProjection` and
/// `SharedWeightGradients`). The helper spins (about 100 µs) after each job before it parks,
/// so the passes of a training loop hand work over in about a microsecond; an idle lab still
/// parks it (no CPU used at rest).
///
/// Written by hand on `Synchronization.Atomic`: no package offers a spinning fork-join pair.
/// A nested or concurrent `pair` (the helper is already taken) runs both parties on the caller,
/// one after the other, so it never waits for itself; the work is split the same way, so the
/// results are the same bits.
final class HelperThread: @unchecked Sendable {
    /// The process's helper, when two or more threads are allowed (`ThreadPolicy.maxThreads`).
    static let shared: HelperThread? = ThreadPolicy.maxThreads >= 2 ? HelperThread() : nil

    /// How long the helper spins for the next job before it parks.
    private static let spinNanoseconds: UInt64 = 100_000

    private let posted = PaddedCounter()
    private let finished = PaddedCounter()
    private let sleeping = Atomic<Bool>(false)
    private let taken = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The current job; written before `posted` is raised, cleared after `finished` catches up.
    nonisolated(unsafe) private var job: ((Int) -> Void)?

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "rnnlab helper"
        thread.start()
    }

    /// Runs `body(0)` here and `body(1)` on the helper; returns when both have returned.
    /// When the helper is already taken, runs `body(0)` then `body(1)` here.
    static func pair(_ body: (Int) -> Void) {
        if let helper = shared, helper.tryPair(body) { return }
        body(0)
        body(1)
    }

    /// Runs the pair on two threads if the helper is free; false (and nothing run) otherwise.
    private func tryPair(_ body: (Int) -> Void) -> Bool {
        guard taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { taken.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            job = body
            let generation = posted.value.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
            if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
            body(0)
            var spins = 0
            while finished.value.load(ordering: .acquiring) != generation { Self.pause(&spins) }
            job = nil
        }
        return true
    }

    /// A spin-wait step: a short pure spin (the other party is usually a fraction of a
    /// microsecond away), then a yield at every check, so that when the scheduler has put both
    /// threads on one core the waiting one hands it over at once instead of spinning out its
    /// time slice (which made an S2 pass several times slower).
    @inline(__always)
    static func pause(_ spins: inout Int) {
        spins += 1
        if spins > 256 { sched_yield() }
    }

    private func serve() {
        var seen = 0
        while true {
            var spins = 0
            var since = DispatchTime.now().uptimeNanoseconds
            while posted.value.load(ordering: .acquiring) == seen {
                spins += 1
                if spins & 0xFF != 0 { continue }
                // past the first few hundred checks, yield between them (see `pause`)
                sched_yield()
                if DispatchTime.now().uptimeNanoseconds - since < Self.spinNanoseconds { continue }
                // park: announce it, then look once more so a job posted meanwhile is not missed
                sleeping.store(true, ordering: .sequentiallyConsistent)
                if posted.value.load(ordering: .sequentiallyConsistent) != seen {
                    // the caller may already have taken the flag, and then it signals: consume that
                    if !sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.wait() }
                    break
                }
                wake.wait()
                since = DispatchTime.now().uptimeNanoseconds
            }
            seen = posted.value.load(ordering: .acquiring)
            job?(1)
            finished.value.store(seen, ordering: .releasing)
        }
    }
}

/// An atomic counter on a cache line of its own (the caller and the helper write different ones).
private final class PaddedCounter: Sendable {
    let value = Atomic<Int>(0)
    private let padding: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}
