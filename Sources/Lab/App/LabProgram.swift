import Exercises
import LessonKit
import TUI

/// What the Lab shows: the list of lessons, one open lesson, or the widget gallery.
public enum LabScreen: Hashable, Sendable {
    case home
    case lesson(LessonSession)
    /// Every widget on sample data, marking time step `step`: for checking a projector.
    case gallery(step: Int)
}

/// The rnnlab application as an Elm-style `Program`: a model, `update` for events,
/// `receive` for messages, `view` for frames. No terminal, no clock: time moves only through
/// `.tick` events, which the loop sends every `tickInterval` while an animation runs.
///
/// Keys become messages through `KeyBindings`; each screen handles its own messages (the
/// open lesson in `LessonSession.update`), and work that must run outside `view` comes back
/// as a `Command`. The ncurses `open` command, `rnnlab render` and the tests all drive this
/// same type.
///
/// Exercise progress goes through `progress` (`LabProgress`): what changed in the open
/// lesson (the step, an exercise's record) is saved by an effect after each update, so
/// `view` never touches the disk, and nothing is saved at all when no store is given.
public struct LabProgram: Program, Hashable, Sendable {
    public typealias Message = LabMessage

    /// Below this the Lab shows a polite "too small" message instead of a cramped screen.
    public static let minimumSize = Size(width: 80, height: 24)
    /// Animation speed: slow enough to follow on a projector.
    public static let animationInterval: Duration = .milliseconds(150)

    /// The lessons in the order of the home screen.
    public let lessons: [Lesson]
    /// Problems found while loading the lessons, shown on the home screen.
    public let loadErrors: [LessonError]
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
    /// The student, the exercises' variants and the learner's progress (where it is saved,
    /// if anywhere).
    public private(set) var progress: LabProgress

    /// The home screen with these lessons, for a screen of `size`. `progress` says where
    /// progress is read and saved (`.inMemory()`: nowhere, for headless runs and tests).
    public init(lessons: [Lesson], loadErrors: [LessonError] = [], size: Size, capabilities: Capabilities = .full,
                progress: LabProgress = .inMemory()) {
        self.lessons = lessons
        self.loadErrors = loadErrors
        self.size = size
        self.capabilities = capabilities
        self.progress = progress
        // The cursor starts on the lesson opened last.
        if let last = progress.progress.lastLesson, let i = lessons.firstIndex(where: { $0.id == last }) { homeCursor = i }
    }

    /// A lesson already open at a step (0-based) and, for its experiment, a time step.
    /// Used by `rnnlab render` and by tests; unknown ids give nil.
    public init?(lessons: [Lesson], size: Size, capabilities: Capabilities = .full,
                 lessonID: String, stepIndex: Int = 0, time: Int? = nil, progress: LabProgress = .inMemory()) {
        guard let i = lessons.firstIndex(where: { $0.id == lessonID }) else { return nil }
        self.init(lessons: lessons, size: size, capabilities: capabilities, progress: progress)
        homeCursor = i
        var session = LessonSession(lesson: lessons[i], stepIndex: stepIndex, progress: progress)
        if let time { session.updateExperiment { $0.setTime(time) } }
        screen = .lesson(session)
    }

    /// The open lesson, if any.
    public var session: LessonSession? {
        if case .lesson(let s) = screen { return s }
        return nil
    }

    /// Changes the open lesson's experiment (for `render --knob` and tests).
    public mutating func updateExperiment(_ change: (inout LabExperiment) -> Void) {
        changeSession { $0.updateExperiment(change) }
    }

    /// Which screen the learner sees now.
    public var screenKind: LabScreenKind {
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height { return .tooSmall }
        return shownScreen
    }

    /// The screen the model holds, whatever the size.
    private var shownScreen: LabScreenKind {
        switch screen {
        case .home: return .home
        case .lesson: return .lesson
        case .gallery: return .gallery
        }
    }

    /// Where the keys are: the screen, the panel and its knobs, a text field.
    public var keyContext: KeyBindings.Context { keyContext(screenKind) }

    private func keyContext(_ kind: LabScreenKind) -> KeyBindings.Context {
        let e = session?.experiment
        var context = KeyBindings.Context(screen: kind, hasPanel: e != nil, running: e?.running ?? false,
                                          knobs: e?.knobs ?? [], typing: session?.field != nil && kind == .lesson,
                                          viewBindings: e?.bindings ?? [])
        if let e {
            context.axis = e.steps > 1 ? (e.axis, e.axisHelp) : nil
            context.axisGoesBack = e.axisGoesBack
        }
        if let x = session?.exercise, kind == .lesson {
            context.exercise = x.isChallenge ? .challenge : .answer
            if x.focused && session?.field == nil {
                context.answering = x.isChoice ? .choice(options: x.options.count, multiple: x.isMultiple) : .text
            }
        }
        return context
    }

    /// The open panel asks for its timer (every `animationInterval` while it animates).
    public var tickInterval: Duration? { session?.tickInterval }

    // MARK: - Update

    public mutating func update(_ event: Event) -> Command<LabMessage> {
        switch event {
        case .key(let key):
            return receive(KeyBindings.message(for: key, context: keyContext, helpVisible: helpVisible))
        case .resize(let s):
            return receive(.resize(s))
        case .tick:
            return receive(.lesson(.panel(.tick)))
        case .signal:
            return .quit
        }
    }

    /// Applies one message. Public so tests and demos can script the Lab without keys.
    @discardableResult
    public mutating func receive(_ message: LabMessage) -> Command<LabMessage> {
        switch message {
        case .quit:
            return .quit
        case .resize(let s):
            size = s
            let limit = maxScroll
            changeSession { $0.clampScroll(limit) }
        case .toggleHelp:
            helpVisible.toggle()
        case .closeHelp:
            helpVisible = false
        case .back:
            if helpVisible { helpVisible = false } else { screen = .home }
        case .openSelected:
            guard lessons.indices.contains(homeCursor) else { break }
            // A lesson opens where it was left (and says so); Home goes to its start.
            let lesson = lessons[homeCursor]
            screen = .lesson(LessonSession(lesson: lesson, stepIndex: progress.resumeStep(lesson) ?? 0, progress: progress, resumed: true))
            return recordProgress(before: nil, command: .none)
        case .openGallery:
            screen = .gallery(step: GalleryView.firstStep)
        case .home(let m):
            guard !lessons.isEmpty else { break }
            switch m {
            case .cursorUp: homeCursor = (homeCursor - 1 + lessons.count) % lessons.count
            case .cursorDown: homeCursor = (homeCursor + 1) % lessons.count
            }
        case .gallery(let m):
            guard case .gallery(let t) = screen else { break }
            screen = .gallery(step: m == .forward ? min(t + 1, GalleryView.steps - 1) : max(t - 1, 0))
        case .lesson(let m):
            let limit = maxScroll, page = proseViewportHeight
            let before = session
            var command: Command<LabMessage> = .none
            changeSession { command = $0.update(m, maxScroll: limit, page: page) }
            // A message too long for the answer area is written at the end of the text: scroll to it.
            if let s = session, let e = s.exercise, e.feedback != before?.exercise?.feedback, e.feedback != nil,
               LessonView.feedbackCut(s, area: Rect(size: size), capabilities: capabilities) {
                changeSession { $0.scrollToEnd = true }
            }
            // A hint or solution just revealed grows the text: scroll to it.
            let newLimit = maxScroll
            changeSession { $0.clampScroll(newLimit) }
            return recordProgress(before: before, command: command)
        case .progressSaved(let snapshot):
            let known = progress.warnings.count
            progress.saved(snapshot)
            let p = progress
            changeSession { $0.progressSaved(p) }
            // A save that failed is said at once, not only on the lessons list.
            if snapshot.warnings.count > known, let last = snapshot.warnings.last { changeSession { $0.tell(last) } }
        case .ignored:
            break
        }
        return .none
    }

    /// Records what changed in the open lesson since `before` (the step, the exercise's
    /// record) and returns `command` with the save to disk added (an effect, outside `view`).
    private mutating func recordProgress(before: LessonSession?, command: Command<LabMessage>) -> Command<LabMessage> {
        guard let after = session else { return command }
        var change = ProgressChange()
        if before?.lesson.id != after.lesson.id || before?.stepIndex != after.stepIndex {
            change.position = (after.lesson.id, after.stepIndex)
        }
        if let b = before?.exercise, let a = after.exercise, b.spec.id == a.spec.id, b.record != a.record {
            change.exercise = (a.spec.id, b.record, a.record)
            // Working on an exercise is being at its step, however the lesson was opened.
            change.position = (after.lesson.id, after.stepIndex)
        }
        guard !change.isEmpty else { return command }
        let save = progress.record(change)
        let p = progress
        changeSession { $0.progress = p }
        guard let save else { return command }
        switch command {
        case .none: return .perform(save)
        case .perform(let other):
            // Both: the save first, then the panel's own work, whose message comes back.
            return .perform(Effect(other.name) {
                _ = save.run()
                return other.run()
            })
        case .quit: return .quit
        }
    }

    private mutating func changeSession(_ change: (inout LessonSession) -> Void) {
        guard case .lesson(var s) = screen else { return }
        change(&s)
        screen = .lesson(s)
    }

    // MARK: - Scrolling

    private var layout: LessonLayout? {
        guard let s = session else { return nil }
        return LessonView.layout(s, area: Rect(size: size), capabilities: capabilities)
    }

    private var proseViewportHeight: Int { layout?.prose.height ?? 0 }

    /// The largest useful scroll offset for the open step at the current size.
    public var maxScroll: Int {
        guard let s = session, let layout else { return 0 }
        let markdown = LessonView.markdown(s, area: Rect(size: size), capabilities: capabilities)
        return LessonView.maxScroll(markdown: markdown, proseArea: layout.prose, capabilities: capabilities)
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
        // Drawn for the buffer's size, which may differ from the last reported one.
        let context = keyContext(shownScreen)
        let status = KeyBindings.statusItems(context, glyphs: theme.glyphs)
        switch screen {
        case .home:
            HomeView(lessons: lessons, errors: loadErrors, cursor: homeCursor, status: status, progress: progress)
                .render(in: area, into: &buffer, theme: theme)
        case .lesson(let s):
            LessonView(session: s, status: status).render(in: area, into: &buffer, theme: theme)
        case .gallery(let step):
            GalleryView(step: step, status: status).render(in: area, into: &buffer, theme: theme)
        }
        if helpVisible {
            HelpOverlay(rows: KeyBindings.helpRows(context, glyphs: theme.glyphs)).render(in: area, into: &buffer, theme: theme)
        }
    }

}
