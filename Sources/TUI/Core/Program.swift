/// Work a program asks the loop to do outside `view`: `run` computes something (a training
/// slice, saving progress) and its result comes back to the program as a message.
///
/// The loop runs effects synchronously, right after the update that asked for them, so a
/// run is deterministic and a test harness sees exactly what the terminal would.
public struct Effect<Message: Sendable>: Sendable {
    /// What the work is, for tests and logs ("train slice", "save progress").
    public let name: String
    public let run: @Sendable () -> Message

    public init(_ name: String, run: @escaping @Sendable () -> Message) {
        self.name = name
        self.run = run
    }
}

/// What a program asks the loop to do after handling an event or a message.
public enum Command<Message: Sendable>: Sendable, Equatable {
    case none
    case quit
    /// Run the effect, then hand its message back to the program (`receive`).
    case perform(Effect<Message>)

    /// Equal when both are the same case; effects compare by name.
    public static func == (a: Command, b: Command) -> Bool {
        switch (a, b) {
        case (.none, .none), (.quit, .quit): return true
        case (.perform(let x), .perform(let y)): return x.name == y.name
        default: return false
        }
    }
}

/// A program in the Elm style: a model that handles events and messages and draws itself.
///
/// The loop is synchronous: event → `update` → (effects → `receive`)* → `view` → the backend
/// draws the diff. Nothing in `view` reads the clock; time passes only through `.tick` events,
/// which the loop sends every `tickInterval` while `tickInterval` is not nil (the program asks
/// for its timer by what its model says). With no tick the loop blocks on input, so an idle
/// program uses no CPU.
public protocol Program {
    associatedtype Message: Sendable
    /// Handles one event from the outside (a key, a resize, a tick, a signal).
    mutating func update(_ event: Event) -> Command<Message>
    /// Handles the message an effect returned.
    mutating func receive(_ message: Message) -> Command<Message>
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

    /// Carries out a command and every command its effects' messages lead to, inline.
    /// Returns true when the program asked to quit.
    public static func perform<P: Program>(_ command: Command<P.Message>, on program: inout P) -> Bool {
        var next = command
        while true {
            switch next {
            case .none: return false
            case .quit: return true
            case .perform(let effect): next = program.receive(effect.run())
            }
        }
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
                    if perform(program.update(.tick), on: &program) { return nil }
                    draw(program, on: &backend, previous: &previous)
                }
                continue
            }
            if case .signal(let s) = event { return s }
            if case .resize = event {
                backend.invalidate()
                previous = nil
            }
            if perform(program.update(event), on: &program) { return nil }
            draw(program, on: &backend, previous: &previous)
        }
    }
}
