import Foundation
import LessonKit
import TUI

/// How fast the Lab answers, measured the way the terminal loop drives it but with no
/// terminal (`rnnlab bench --lab`): frames go to a `TextBackend`, keys come from a thread.
public enum LabBenchmark {
    /// Summary of a list of durations, in milliseconds.
    public struct Summary: Sendable {
        public let count: Int
        public let median: Double
        public let p95: Double
        public let max: Double

        public init(_ samples: [Duration]) {
            let ms = samples.map { Double($0.components.seconds) * 1e3 + Double($0.components.attoseconds) * 1e-15 }.sorted()
            count = ms.count
            median = ms.isEmpty ? .nan : ms[ms.count / 2]
            p95 = ms.isEmpty ? .nan : ms[min(ms.count - 1, Int((Double(ms.count) * 0.95).rounded(.down)))]
            max = ms.last ?? .nan
        }

        /// `median 1.23 ms, p95 2.34 ms, max 3.45 ms (n = 200)`
        public var text: String {
            String(format: "median %.2f ms, p95 %.2f ms, max %.2f ms (n = %d)", median, p95, max, count)
        }
    }

    /// A knob press to the redrawn frame: for each press, the time of `update(.key)`, its
    /// effects, `view` into a fresh buffer, the diff and the backend's draw, alternating the
    /// knob's down and up keys. The program must have the step open.
    public static func knobPress(_ program: LabProgram, down: Key, up: Key, presses: Int, capabilities: Capabilities) -> [Duration] {
        var p = program
        var backend = TextBackend(size: p.size, capabilities: capabilities)
        var previous: Buffer? = nil
        Runtime.draw(p, on: &backend, previous: &previous)
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for i in 0..<presses {
            let key = i % 2 == 0 ? up : down
            let start = clock.now
            _ = Runtime.perform(p.update(.key(key)), on: &p)
            Runtime.draw(p, on: &backend, previous: &previous)
            samples.append(clock.now - start)
        }
        return samples
    }

    /// What a run of the real loop under key presses measured.
    public struct Responsiveness: Sendable {
        /// From a key's arrival to the frame that answers it.
        public let keyWaits: [Duration]
        /// Frames drawn and the wall-clock time they took.
        public let frames: Int
        /// The frames that followed a timer tick (a training slice), not a key.
        public let tickFrames: Int
        public let elapsed: Duration
        /// Whether the panel was still running when the measurement ended.
        public let stillRunning: Bool
        /// The program as the measurement left it (what the panel trained, for a rate).
        public let end: LabProgram

        public var framesPerSecond: Double { perSecond(frames) }
        public var tickFramesPerSecond: Double { perSecond(tickFrames) }

        private func perSecond(_ n: Int) -> Double {
            let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return s > 0 ? Double(n) / s : 0
        }
    }

    /// Runs `Runtime.run` on the program for `seconds`: a thread presses space (start the
    /// panel), then, when `pressKeys`, `j`/`k` (scroll: answered, harmless) every 20 … 120 ms,
    /// then `q`. The program must have the step open.
    public static func responsiveness(_ program: LabProgram, seconds: Double, capabilities: Capabilities,
                                      pressKeys: Bool = true, seed: UInt64 = 1) -> Responsiveness {
        let queue = KeyQueue()
        var backend = TimedBackend(screen: TextBackend(size: program.size, capabilities: capabilities), queue: queue)
        var p = program
        let presser = Thread {
            var rng = seed | 1
            queue.push(.key(.character(" ")))
            let end = Date().addingTimeInterval(seconds)
            var i = 0
            while pressKeys, Date() < end {
                // xorshift: a fixed, seeded spread of gaps between presses.
                rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
                Thread.sleep(forTimeInterval: 0.020 + Double(rng % 100) / 1000)
                queue.push(.key(.character(i % 2 == 0 ? "j" : "k")))
                i += 1
            }
            if !pressKeys { Thread.sleep(forTimeInterval: seconds) }
            queue.push(.key(.character("q")))
        }
        let clock = ContinuousClock()
        let start = clock.now
        presser.start()
        Runtime.run(&p, on: &backend)
        let elapsed = clock.now - start
        return Responsiveness(keyWaits: backend.keyWaits, frames: backend.frames, tickFrames: backend.tickFrames, elapsed: elapsed,
                              stillRunning: p.session?.experiment?.running ?? false, end: p)
    }
}

/// Keys pushed by one thread, taken by the loop with a timeout.
private final class KeyQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [(Event, ContinuousClock.Instant)] = []

    func push(_ event: Event) {
        condition.lock()
        items.append((event, ContinuousClock.now))
        condition.signal()
        condition.unlock()
    }

    /// The next event and when it arrived, waiting at most `timeout` (nil: until one comes).
    func pop(timeout: Duration?) -> (Event, ContinuousClock.Instant)? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeout.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18) }
        while items.isEmpty {
            if let deadline {
                if !condition.wait(until: deadline) { return nil }
            } else {
                condition.wait()
            }
        }
        return items.removeFirst()
    }
}

/// A text backend that takes keys from a queue and times, for each key, the frame that
/// answers it (the loop draws right after handling an event).
private struct TimedBackend: Backend {
    var screen: TextBackend
    let queue: KeyQueue
    var keyWaits: [Duration] = []
    var frames = 0
    var tickFrames = 0
    private var waiting: ContinuousClock.Instant?

    init(screen: TextBackend, queue: KeyQueue) {
        self.screen = screen
        self.queue = queue
    }

    var size: Size { screen.size }
    var capabilities: Capabilities { screen.capabilities }

    mutating func draw(_ changes: [CellChange]) {
        screen.draw(changes)
        frames += 1
        if let arrived = waiting {
            keyWaits.append(ContinuousClock.now - arrived)
            waiting = nil
        } else if frames > 1 {
            tickFrames += 1
        }
    }

    mutating func flush() {}
    mutating func invalidate() {}

    mutating func nextEvent(timeout: Duration?) -> Event? {
        guard let (event, arrived) = queue.pop(timeout: timeout) else { return nil }
        if case .key = event { waiting = arrived }
        return event
    }
}
