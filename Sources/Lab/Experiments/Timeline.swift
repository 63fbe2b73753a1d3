import LessonKit

/// Where a live panel is along its axis and whether it animates: the time step t of the
/// cell views, or, for views without time (the topologies), the item shown. `n`/`p` move
/// it, space runs it (one step per tick, stopping at the end).
public struct Timeline: Hashable, Sendable {
    /// 1 … count.
    public private(set) var position: Int
    public let count: Int
    /// Whether ticks advance the position.
    public private(set) var running = false

    public init(count: Int, start: Int) {
        self.count = max(1, count)
        position = min(max(1, start), self.count)
    }

    public var atEnd: Bool { position >= count }

    /// One step forward (stops at the end).
    public mutating func forward() { position = min(count, position + 1) }
    /// One step back (stops at 1); pauses, because stepping by hand means "let me look".
    public mutating func back() {
        running = false
        position = max(1, position - 1)
    }
    /// Jumps to `t`, clamped to 1 … count.
    public mutating func set(_ t: Int) { position = min(count, max(1, t)) }

    /// Space: run or pause. At the end, running starts over from 1.
    public mutating func toggleRunning() {
        if running {
            running = false
        } else {
            if atEnd { position = 1 }
            running = true
        }
    }

    /// A timer tick: one step forward while running; stops at the end.
    public mutating func tick() {
        guard running else { return }
        forward()
        if atEnd { running = false }
    }

    /// The block's `start` key: a time step, 1 … steps.
    static func parseStart(_ fields: YAMLFields, steps: Int, errors: inout [LessonError]) -> Int? {
        guard let v = fields.int("start", in: 1...CellSpec.stepsRange.upperBound, errors: &errors) else { return nil }
        guard v <= steps else {
            errors.append(LessonError(file: fields.file, line: fields["start"]?.line ?? 0,
                                      message: "'start' is \(v); it must not be after the last step (\(steps))"))
            return nil
        }
        return v
    }
}
