import TUI

/// Drives a `Program` the way the terminal loop does, without a terminal or a clock:
/// events go to `update`, the effects it asks for run inline and their messages go to
/// `receive`, and `frame()` draws the current screen. Works the same from XCTest and from
/// Swift Testing.
public struct ProgramHarness<P: Program> {
    public private(set) var program: P
    public let size: Size
    public let capabilities: Capabilities
    /// The names of the effects run so far, in order.
    public private(set) var effects: [String] = []
    /// Whether the program asked to quit.
    public private(set) var quit = false

    public init(_ program: P, size: Size, capabilities: Capabilities = .full) {
        self.program = program
        self.size = size
        self.capabilities = capabilities
    }

    /// Sends one event and runs every effect it leads to; returns true when the program quit.
    @discardableResult
    public mutating func send(_ event: Event) -> Bool {
        guard !quit else { return true }
        var command = program.update(event)
        while case .perform(let effect) = command {
            effects.append(effect.name)
            command = program.receive(effect.run())
        }
        quit = command == .quit
        return quit
    }

    /// Presses keys in order (stops at a quit).
    public mutating func press(_ keys: Key...) {
        for key in keys where !quit { send(.key(key)) }
    }

    /// Types each character of `text` as a key.
    public mutating func type(_ text: String) {
        for c in text where !quit { send(.key(.character(c))) }
    }

    /// Sends `count` timer ticks.
    public mutating func tick(_ count: Int = 1) {
        for _ in 0..<count where !quit { send(.tick) }
    }

    /// The screen as the program draws it now.
    public func frame() -> Buffer {
        var buffer = Buffer(size: size)
        program.view(into: &buffer, capabilities: capabilities)
        return buffer
    }
}
