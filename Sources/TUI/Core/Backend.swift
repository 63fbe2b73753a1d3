/// Where frames go: the ncurses terminal, plain text, or a test recorder.
///
/// A backend receives only the cells that changed since the last frame.
public protocol Backend {
    var size: Size { get }
    var capabilities: Capabilities { get }
    /// Applies changed cells; `flush` makes them visible.
    mutating func draw(_ changes: [CellChange])
    mutating func flush()
    /// Forgets what is on screen so that the next frame is drawn whole (after a resize).
    mutating func invalidate()
    /// The next event, waiting at most `timeout` (nil: wait until one comes).
    mutating func nextEvent(timeout: Duration?) -> Event?
}

/// A backend with no terminal: it keeps the frame in a buffer and replays scripted events.
/// Used by `rnnlab render` and by tests.
public struct TextBackend: Backend {
    public private(set) var screen: Buffer
    public var capabilities: Capabilities
    public var pendingEvents: [Event]
    /// How many cells each `draw` call received, in order (tests check that diffs are small).
    public private(set) var drawnCounts: [Int] = []

    public init(size: Size, capabilities: Capabilities = .full, events: [Event] = []) {
        self.screen = Buffer(size: size)
        self.capabilities = capabilities
        self.pendingEvents = events
    }

    public var size: Size { screen.size }

    public mutating func draw(_ changes: [CellChange]) {
        drawnCounts.append(changes.count)
        for c in changes { screen[c.x, c.y] = c.cell }
    }
    public mutating func flush() {}
    public mutating func invalidate() {}

    public mutating func resize(to size: Size) {
        screen = Buffer(size: size)
    }

    public mutating func nextEvent(timeout: Duration?) -> Event? {
        guard !pendingEvents.isEmpty else { return nil }
        let e = pendingEvents.removeFirst()
        if case .resize(let s) = e { resize(to: s) }
        return e
    }
}
