import TUI

/// Everything that can change the Lab's model. Keys and timer ticks become messages first
/// (`KeyMap`), so tests and scripted demos can send the same messages directly.
public enum LabMessage: Hashable, Sendable {
    // Home
    case cursorUp, cursorDown, openSelected, openGallery
    // Lesson: slides
    case nextStep, previousStep
    // Lesson: the live experiment's time
    case timeForward, timeBack, toggleRunning, tick
    // Lesson: prose
    case scrollDown, scrollUp, pageDown, pageUp
    // Anywhere
    case back, toggleHelp, closeHelp, quit
    case resize(Size)
    /// A key that means nothing here: ignored, never surprising.
    case ignored
}

/// Which key does what on which screen. One table, so the help overlay and the status line
/// can never disagree with what the keys really do.
public enum KeyMap {
    /// The message for a key on a screen.
    public static func message(for key: Key, screen: LabScreenKind, helpVisible: Bool) -> LabMessage {
        if isQuit(key) { return .quit }
        // Any other key closes the help overlay and does nothing else.
        if helpVisible { return .closeHelp }
        if key == .character("?") { return .toggleHelp }
        switch screen {
        case .home:
            switch key {
            case .up, .character("k"): return .cursorUp
            case .down, .character("j"), .tab: return .cursorDown
            case .enter, .right, .character("l"): return .openSelected
            case .character("g"): return .openGallery
            default: return .ignored
            }
        case .gallery:
            switch key {
            case .character("n"), .right, .character("l"): return .timeForward
            case .character("p"), .left, .character("h"): return .timeBack
            case .escape: return .back
            default: return .ignored
            }
        case .lesson:
            switch key {
            case .right, .character("l"), .enter: return .nextStep
            case .left, .character("h"), .backspace: return .previousStep
            case .character("n"): return .timeForward
            case .character("p"): return .timeBack
            case .character(" "): return .toggleRunning
            case .down, .character("j"): return .scrollDown
            case .up, .character("k"): return .scrollUp
            case .pageDown: return .pageDown
            case .pageUp: return .pageUp
            case .escape: return .back
            default: return .ignored
            }
        case .tooSmall:
            return .ignored
        }
    }

    static func isQuit(_ key: Key) -> Bool {
        key == .character("q") || key == .control("c")
    }

    /// The help overlay's rows: keys, then what they do. ASCII arrows when glyphs are ASCII.
    public static func helpRows(glyphs: Glyphs) -> [(keys: String, action: String)] {
        let g = glyphs
        return [
            ("\(g.arrowRight)  l  Enter", "next step"),
            ("\(g.arrowLeft)  h", "previous step"),
            ("n / p", "one time step forward / back"),
            ("space", "run or pause the animation"),
            ("j k  \(g.arrowDown) \(g.arrowUp)", "scroll the text"),
            ("PgDn PgUp", "scroll a page"),
            ("Esc", "back to the lessons"),
            ("g", "widget gallery (from the lessons list)"),
            ("?", "this help"),
            ("q", "quit"),
        ]
    }
}

/// The screens, without their data (for key mapping and tests).
public enum LabScreenKind: Hashable, Sendable {
    case home, lesson, gallery, tooSmall
}
