import TUI

/// One row of the key table: the keys, the messages they send, where they apply, and how
/// the help overlay, the status line and the README show them. The key map, the help and
/// every status line are made from a list of these (`KeyBindings`), so they cannot disagree.
public struct KeyBinding: Hashable, Sendable {
    /// Where a binding applies.
    public enum Scope: Hashable, Sendable, CaseIterable {
        /// Every screen.
        case anywhere
        /// The lessons list.
        case home
        /// An open lesson.
        case lesson
        /// An open lesson whose step has a live panel.
        case panel
        /// The widget gallery.
        case gallery
        /// An open lesson whose step has an exercise.
        case exercise
        /// An exercise step with an answer to give (not a challenge, whose knobs are the answer).
        case answer
        /// Typing an answer in the answer field.
        case typing
        /// Choosing among the options of a choice exercise.
        case choosing

        /// For the README's "where" column.
        var place: String {
            switch self {
            case .anywhere: return "anywhere"
            case .home: return "lessons list"
            case .lesson: return "lesson"
            case .panel: return "live panel"
            case .gallery: return "gallery"
            case .exercise: return "exercise step"
            case .answer: return "exercise with an answer field"
            case .typing: return "typing an answer"
            case .choosing: return "choosing an option"
            }
        }
    }

    /// Some keys and the message they send.
    public struct Action: Hashable, Sendable {
        public let keys: [Key]
        public let message: LabMessage
    }

    /// The short form on the status line: keys and a word (and another word while the
    /// panel runs, for space: run / pause).
    public struct Status: Hashable, Sendable {
        public let keys: String
        public let label: String
        public let whileRunning: String?
    }

    public let scopes: Set<Scope>
    public let actions: [Action]
    /// The keys as the help overlay writes them; `{right}`, `{left}`, `{up}`, `{down}` become
    /// arrows (or `>`, `<`, `^`, `v` in ASCII).
    public let helpKeys: String
    /// What the keys do, for the help overlay and the README.
    public private(set) var help: String
    public private(set) var status: Status?

    public init(_ scopes: Set<Scope>, _ actions: [([Key], LabMessage)], keys helpKeys: String, help: String,
                status: (keys: String, label: String)? = nil, whileRunning: String? = nil) {
        self.scopes = scopes
        self.actions = actions.map { Action(keys: $0.0, message: $0.1) }
        self.helpKeys = helpKeys
        self.help = help
        self.status = status.map { Status(keys: $0.keys, label: $0.label, whileRunning: whileRunning) }
    }

    /// The same keys with other words (a panel's axis names n/p after itself).
    func relabelled(help: String, status label: String) -> KeyBinding {
        var copy = self
        copy.help = help
        copy.status = status.map { Status(keys: $0.keys, label: label, whileRunning: $0.whileRunning) }
        return copy
    }

    /// The message for `key`, if this binding has it.
    public func message(for key: Key) -> LabMessage? {
        actions.first { $0.keys.contains(key) }?.message
    }

    /// Fills in the arrow placeholders for a glyph set.
    public static func text(_ template: String, _ glyphs: Glyphs) -> String {
        template.replacingOccurrences(of: "{right}", with: glyphs.arrowRight)
            .replacingOccurrences(of: "{left}", with: glyphs.arrowLeft)
            .replacingOccurrences(of: "{up}", with: glyphs.arrowUp)
            .replacingOccurrences(of: "{down}", with: glyphs.arrowDown)
    }

    /// A key's name as the README writes it.
    public static func name(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(c.uppercased())"
        }
    }
}
