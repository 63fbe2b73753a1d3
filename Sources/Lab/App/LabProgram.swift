import LessonKit
import TUI

/// What the Lab shows: the list of lessons, one open lesson, or the widget gallery.
public enum LabScreen: Hashable, Sendable {
    case home
    case lesson(LessonSession)
    /// Every widget on sample data, marking time step `step`: for checking a projector.
    case gallery(step: Int)
}

/// The rnnlab application as an Elm-style `Program`: a model, `update` for events, `view`
/// for frames. No terminal, no clock: time moves only through `.tick` events, which the
/// loop sends every `tickInterval` while an animation runs.
///
/// The ncurses `open` command, `rnnlab render` and the tests all drive this same type.
public struct LabProgram: Program, Hashable, Sendable {
    /// Below this the Lab shows a polite "too small" message instead of a cramped screen.
    public static let minimumSize = Size(width: 80, height: 24)
    /// Animation speed: slow enough to follow on a projector.
    public static let animationInterval: Duration = .milliseconds(150)

    /// The lessons in the order of the home screen.
    public let lessons: [Lesson]
    public private(set) var screen: LabScreen = .home
    /// The highlighted lesson on the home screen.
    public private(set) var homeCursor = 0
    public private(set) var helpVisible = false
    /// The screen size as last reported (start-up size, then resize events). Used by `update`
    /// to clamp scrolling; `view` always lays out for the buffer it is given.
    public private(set) var size: Size
    /// What the output shows. The view is drawn for the capabilities it is given; this copy
    /// only lets `update` measure prose the same way (ASCII math can take more rows).
    public var capabilities: Capabilities

    /// The home screen with these lessons, for a screen of `size`.
    public init(lessons: [Lesson], size: Size, capabilities: Capabilities = .full) {
        self.lessons = lessons
        self.size = size
        self.capabilities = capabilities
    }

    /// A lesson already open at a step (0-based) and, for its experiment, a time step.
    /// Used by `rnnlab render` and by tests; unknown ids give nil.
    public init?(lessons: [Lesson], size: Size, capabilities: Capabilities = .full,
                 lessonID: String, stepIndex: Int = 0, time: Int? = nil) {
        guard let i = lessons.firstIndex(where: { $0.id == lessonID }) else { return nil }
        self.init(lessons: lessons, size: size, capabilities: capabilities)
        homeCursor = i
        var session = LessonSession(lesson: lessons[i], stepIndex: stepIndex)
        if let time { session.updateExperiment { $0.setTime(time) } }
        screen = .lesson(session)
    }

    /// The open lesson, if any.
    public var session: LessonSession? {
        if case .lesson(let s) = screen { return s }
        return nil
    }

    /// Which screen the learner sees now.
    public var screenKind: LabScreenKind {
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height { return .tooSmall }
        switch screen {
        case .home: return .home
        case .lesson: return .lesson
        case .gallery: return .gallery
        }
    }

    public var tickInterval: Duration? {
        session?.isRunning == true ? Self.animationInterval : nil
    }

    // MARK: - Update

    public mutating func update(_ event: Event) -> Command {
        switch event {
        case .key(let key):
            return send(KeyMap.message(for: key, screen: screenKind, helpVisible: helpVisible))
        case .resize(let s):
            return send(.resize(s))
        case .tick:
            return send(.tick)
        case .signal:
            return .quit
        }
    }

    /// Applies one message. Public so tests and demos can script the Lab without keys.
    @discardableResult
    public mutating func send(_ message: LabMessage) -> Command {
        switch message {
        case .quit:
            return .quit
        case .resize(let s):
            size = s
            clampScroll()
        case .toggleHelp:
            helpVisible.toggle()
        case .closeHelp:
            helpVisible = false
        case .cursorUp:
            if !lessons.isEmpty { homeCursor = (homeCursor - 1 + lessons.count) % lessons.count }
        case .cursorDown:
            if !lessons.isEmpty { homeCursor = (homeCursor + 1) % lessons.count }
        case .openSelected:
            if lessons.indices.contains(homeCursor) { screen = .lesson(LessonSession(lesson: lessons[homeCursor])) }
        case .back:
            if helpVisible { helpVisible = false } else { screen = .home }
        case .openGallery:
            screen = .gallery(step: GalleryView.firstStep)
        case .nextStep:
            changeSession { $0.go(to: $0.stepIndex + 1) }
        case .previousStep:
            changeSession { $0.go(to: $0.stepIndex - 1) }
        case .timeForward:
            if case .gallery(let t) = screen { screen = .gallery(step: min(t + 1, GalleryView.steps - 1)) }
            changeSession { $0.updateExperiment { $0.forward() } }
        case .timeBack:
            if case .gallery(let t) = screen { screen = .gallery(step: max(t - 1, 0)) }
            changeSession { $0.updateExperiment { $0.back() } }
        case .toggleRunning:
            changeSession { $0.updateExperiment { $0.toggleRunning() } }
        case .tick:
            changeSession { $0.updateExperiment { $0.tick() } }
        case .scrollDown:
            scroll(by: 1)
        case .scrollUp:
            scroll(by: -1)
        case .pageDown:
            scroll(by: max(1, proseViewportHeight - 2))
        case .pageUp:
            scroll(by: -max(1, proseViewportHeight - 2))
        case .ignored:
            break
        }
        return .none
    }

    private mutating func changeSession(_ change: (inout LessonSession) -> Void) {
        guard case .lesson(var s) = screen else { return }
        change(&s)
        screen = .lesson(s)
    }

    // MARK: - Scrolling

    private var layout: LessonLayout? {
        guard let s = session else { return nil }
        return LessonLayout(area: Rect(size: size), hasPanel: s.experiment != nil)
    }

    private var proseViewportHeight: Int { layout?.prose.height ?? 0 }

    /// The largest useful scroll offset for the open step at the current size.
    public var maxScroll: Int {
        guard let s = session, let layout else { return 0 }
        return LessonView.maxScroll(step: s.step, proseArea: layout.prose, capabilities: capabilities)
    }

    private mutating func scroll(by delta: Int) {
        let limit = maxScroll
        changeSession { $0.scroll = min(max(0, $0.scroll + delta), limit) }
    }

    private mutating func clampScroll() {
        let limit = maxScroll
        changeSession { $0.scroll = min($0.scroll, limit) }
    }

    // MARK: - View

    public func view(into buffer: inout Buffer, capabilities: Capabilities) {
        draw(into: &buffer, capabilities: capabilities)
        if capabilities.glyphs == .ascii { ASCIIGuard.apply(to: &buffer) }
    }

    private func draw(into buffer: inout Buffer, capabilities: Capabilities) {
        let theme = LabTheme(capabilities)
        let area = buffer.area
        if area.width < Self.minimumSize.width || area.height < Self.minimumSize.height {
            TooSmallView(size: area.size, minimum: Self.minimumSize).render(in: area, into: &buffer, theme: theme)
            return
        }
        switch screen {
        case .home:
            HomeView(lessons: lessons, cursor: homeCursor).render(in: area, into: &buffer, theme: theme)
        case .lesson(let s):
            LessonView(session: s).render(in: area, into: &buffer, theme: theme)
        case .gallery(let step):
            GalleryView(step: step).render(in: area, into: &buffer, theme: theme)
        }
        if helpVisible {
            HelpOverlay().render(in: area, into: &buffer, theme: theme)
        }
    }
}
