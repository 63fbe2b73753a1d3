import Dispatch
import Foundation
import Synchronization

/// One persistent second thread for two-way fork-join work: `pair { party in … }` runs
/// party 0 on the calling thread and party 1 on the helper, and returns when both are done.
///
/// Why not `DispatchQueue.concurrentPerform`: waking a parked GCD worker costs 15–30 µs, which
/// is more than half of an S2 step's work and 10 % of an S3 step's. The helper spins (about
/// 100 µs) after each job before it parks, so the steps of one sequence hand work over in
/// well under a microsecond; an idle lab still parks it (no CPU used at rest).
///
/// Inside a pair the two parties can meet at `barrier(party:)` (a two-party spin barrier), so a
/// whole sequence can run as one job with one barrier per step.
///
/// Written by hand on `Synchronization.Atomic`: no package offers a spinning fork-join pair.
/// A nested or concurrent `pair` (the helper is already taken) runs both parties on the caller,
/// one after the other, so it never waits for itself; the work is split the same way, so the
/// results are the same bits. Bodies that meet at `barrier` cannot run that way: they must
/// check `tryPair`'s result.
final class HelperThread: @unchecked Sendable {
    /// The process's helper, when two or more threads are allowed (`GEMM.maxThreads`).
    static let shared: HelperThread? = GEMM.maxThreads >= 2 ? HelperThread() : nil

    /// How long the helper spins for the next job before it parks.
    private static let spinNanoseconds: UInt64 = 100_000

    private let posted = PaddedCounter()
    private let finished = PaddedCounter()
    private let arrivals = (PaddedCounter(), PaddedCounter())
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
    func tryPair(_ body: (Int) -> Void) -> Bool {
        guard taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { taken.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            arrivals.0.value.store(0, ordering: .relaxed)
            arrivals.1.value.store(0, ordering: .relaxed)
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

    /// A two-party barrier for the bodies of one `tryPair`: returns when both parties have
    /// called it as often as this one has (writes before it are visible to the other party after).
    func barrier(party: Int) {
        let (mine, other) = party == 0 ? (arrivals.0, arrivals.1) : (arrivals.1, arrivals.0)
        let round = mine.value.wrappingAdd(1, ordering: .releasing).newValue
        var spins = 0
        while other.value.load(ordering: .acquiring) < round { Self.pause(&spins) }
    }

    /// A spin-wait step: a short pure spin (the other party is usually a fraction of a
    /// microsecond away), then a yield at every check, so that when the scheduler has put both
    /// threads on one core the waiting one hands it over at once instead of spinning out its
    /// time slice (which made a step 30x slower).
    @inline(__always)
    private static func pause(_ spins: inout Int) {
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

/// An atomic counter on a cache line of its own (the two parties write different counters).
private final class PaddedCounter: Sendable {
    let value = Atomic<Int>(0)
    private let padding: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}
