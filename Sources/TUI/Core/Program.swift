/// What a program asks the loop to do after handling an event.
public enum Command: Hashable, Sendable {
    case none
    case quit
}

/// A program in the Elm style: a model that handles events and draws itself.
///
/// The loop is synchronous: event → `update` → `view` → the backend draws the diff. Nothing in
/// `view` reads the clock; time passes only through `.tick` events, which the loop sends every
/// `tickInterval` while `tickInterval` is not nil. With no tick the loop blocks on input, so an
/// idle lab uses no CPU.
public protocol Program {
    /// Handles one event; returns `.quit` to leave the loop.
    mutating func update(_ event: Event) -> Command
    /// Draws the whole frame into `buffer` (already cleared, the size of the screen).
    func view(into buffer: inout Buffer, capabilities: Capabilities)
    /// How often to send `.tick` while something animates; nil while idle.
    var tickInterval: Duration? { get }
}

/// The synchronous loop that drives a `Program` on a `Backend`.
public enum Runtime {
    /// Draws the program once into a fresh buffer of the backend's size and sends the diff.
    public static func draw<P: Program, B: Backend>(_ program: P, on backend: inout B, previous: inout Buffer?) {
        var frame = Buffer(size: backend.size)
        program.view(into: &frame, capabilities: backend.capabilities)
        let changes = previous.map { frame.diff(from: $0) } ?? frame.diff(from: Buffer(size: Size(width: 0, height: 0)))
        backend.draw(changes)
        backend.flush()
        previous = frame
    }

    /// Runs until the program quits, a signal arrives, or (for scripted backends) events run out.
    /// Returns the signal number that ended the loop, if any.
    @discardableResult
    public static func run<P: Program, B: Backend>(_ program: inout P, on backend: inout B, stopWhenIdle: Bool = false) -> Int32? {
        var previous: Buffer? = nil
        draw(program, on: &backend, previous: &previous)
        while true {
            guard let event = backend.nextEvent(timeout: program.tickInterval) else {
                if stopWhenIdle { return nil }
                if program.tickInterval != nil {
                    _ = program.update(.tick)
                    draw(program, on: &backend, previous: &previous)
                }
                continue
            }
            if case .signal(let s) = event { return s }
            if case .resize = event {
                backend.invalidate()
                previous = nil
            }
            if program.update(event) == .quit { return nil }
            draw(program, on: &backend, previous: &previous)
        }
    }
}
