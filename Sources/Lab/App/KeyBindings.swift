import Exercises
import TUI

/// The Lab's keys: one list, from which the key map, the help overlay, every status line
/// and the README's key table are made.
public enum KeyBindings {
    /// Every fixed binding, in the order the help overlay and the status lines show them.
    /// The open step's knobs add theirs (`knobRows`) after the panel's own keys.
    public static let all: [KeyBinding] = [
        // The lessons list
        KeyBinding([.home], [([.up, .character("k")], .home(.cursorUp)), ([.down, .character("j"), .tab], .home(.cursorDown))],
                   keys: "{up} {down}  k j", help: "choose a lesson", status: ("{up}/{down}", "choose")),
        KeyBinding([.home], [([.enter, .right, .character("l")], .openSelected)],
                   keys: "Enter  {right}  l", help: "open the lesson", status: ("Enter", "open")),
        KeyBinding([.home], [([.character("g")], .openGallery)],
                   keys: "g", help: "widget gallery: check a projector before class", status: ("g", "gallery")),
        // A lesson
        KeyBinding([.lesson], [([.right, .character("l"), .enter], .lesson(.nextStep))],
                   keys: "{right}  l  Enter", help: "next step", status: ("{left}{right}", "step")),
        KeyBinding([.lesson], [([.left, .character("h"), .backspace], .lesson(.previousStep))],
                   keys: "{left}  h", help: "previous step"),
        KeyBinding([.panel], [([.character("n")], .lesson(.panel(.forward))), ([.character("p")], .lesson(.panel(.back)))],
                   keys: "n / p", help: "one time step forward / back", status: ("n/p", "time")),
        KeyBinding([.panel], [([.character(" ")], .lesson(.panel(.toggleRunning)))],
                   keys: "space", help: "run or pause the animation", status: ("space", "run"), whileRunning: "pause"),
        KeyBinding([.lesson], [([.down, .character("j")], .lesson(.scrollDown)), ([.up, .character("k")], .lesson(.scrollUp))],
                   keys: "j k  {down} {up}", help: "scroll the text", status: ("j/k", "scroll")),
        KeyBinding([.lesson], [([.pageDown], .lesson(.pageDown)), ([.pageUp], .lesson(.pageUp))],
                   keys: "PgDn PgUp", help: "scroll a page"),
        KeyBinding([.lesson], [([.home], .lesson(.firstStep))],
                   keys: "Home", help: "first step of the lesson"),
        // An exercise step
        KeyBinding([.answer], [([.character("a"), .tab], .lesson(.exercise(.focus)))],
                   keys: "a  Tab", help: "answer: type it in, or choose among the options", status: ("a", "answer")),
        KeyBinding([.exercise], [([.character("H")], .lesson(.exercise(.hint)))],
                   keys: "H", help: "show the next hint", status: ("H", "hint")),
        KeyBinding([.exercise], [([.character("w")], .lesson(.exercise(.solution)))],
                   keys: "w", help: "worked solution (after a pass or three tries)", status: ("w", "solution")),
        // The gallery
        KeyBinding([.gallery], [([.character("n"), .right, .character("l")], .gallery(.forward)),
                                ([.character("p"), .left, .character("h")], .gallery(.back))],
                   keys: "n / p", help: "move the marked time step", status: ("n/p", "time step")),
        // Anywhere
        KeyBinding([.lesson, .gallery], [([.escape], .back)], keys: "Esc", help: "back to the lessons", status: ("Esc", "lessons")),
        KeyBinding([.anywhere], [([.character("?")], .toggleHelp)], keys: "?", help: "this help", status: ("?", "help")),
        KeyBinding([.anywhere], [([.character("q"), .control("c")], .quit)], keys: "q", help: "quit", status: ("q", "quit")),
    ]

    /// The bindings of a step's knobs: a pair of keys each (or one that cycles), `=` to type
    /// a value, and `r` to put every knob back.
    public static func knobRows(_ knobs: [Knob]) -> [KeyBinding] {
        guard !knobs.isEmpty else { return [] }
        var rows = knobs.map { knob -> KeyBinding in
            if let down = knob.down {
                return KeyBinding([.panel], [([down], .lesson(.panel(.turn(knob.name, .down)))),
                                             ([knob.up] + knob.alsoUp, .lesson(.panel(.turn(knob.name, .up))))],
                                  keys: "\(KeyBinding.name(down)) / \(KeyBinding.name(knob.up))",
                                  help: "\(knob.name) down / up: \(knob.help)",
                                  status: ("\(KeyBinding.name(down))/\(KeyBinding.name(knob.up))", knob.status))
            }
            return KeyBinding([.panel], [([knob.up], .lesson(.panel(.turn(knob.name, .up))))],
                              keys: KeyBinding.name(knob.up), help: "next \(knob.name): \(knob.help)",
                              status: (KeyBinding.name(knob.up), knob.status))
        }
        rows.append(KeyBinding([.panel], [([.character(":")], .lesson(.typeKnob))],
                               keys: ":", help: "type a knob's value (name=value, Enter)"))
        rows.append(KeyBinding([.panel], [([.character("r")], .lesson(.panel(.resetKnobs)))],
                               keys: "r", help: "reset every knob to the step's values", status: ("r", "reset")))
        return rows
    }

    /// How the answer area of an exercise step takes the keys.
    public enum Answering: Hashable, Sendable {
        /// A text field (a number, a file path): every key but Ctrl-C and Esc goes to it.
        case text
        /// A list of `options` options; `multiple`: several are correct (space ticks).
        case choice(options: Int, multiple: Bool)
    }

    /// What kind of exercise the open step has.
    public enum ExerciseKeys: Hashable, Sendable {
        /// An answer to type or choose (`a` focuses it).
        case answer
        /// A challenge: the step's knobs are the answer.
        case challenge
    }

    /// The keys of the focused answer area. For a text field they only document the field's
    /// own editing keys (it gets every key); for a choice they are the key map.
    public static func answerRows(_ answering: Answering) -> [KeyBinding] {
        var rows: [KeyBinding] = []
        switch answering {
        case .text:
            rows.append(KeyBinding([.typing], [([.enter], .lesson(.edit(.enter)))],
                                   keys: "Enter", help: "check the answer", status: ("Enter", "check")))
            let editing: [Key] = [.left, .right, .home, .end, .control("a"), .control("e"), .backspace, .control("d"), .control("u"), .control("k")]
            rows.append(KeyBinding([.typing], editing.map { ([$0], LabMessage.lesson(.edit($0))) },
                                   keys: "{left} {right}  Home End  Ctrl-A Ctrl-E  Backspace  Ctrl-D Ctrl-U Ctrl-K",
                                   help: "edit the answer (Ctrl-D deletes under the cursor, Ctrl-U clears to the start, Ctrl-K to the end)",
                                   status: ("Ctrl-U", "clear")))
            rows.append(KeyBinding([.typing], [([.escape], .lesson(.blur))],
                                   keys: "Esc", help: "leave the answer field (the lesson's keys work again)", status: ("Esc", "leave")))
        case .choice(let count, let multiple):
            let n = max(1, min(count, 9))
            rows.append(KeyBinding([.choosing], [([.up, .character("k")], .lesson(.exercise(.optionUp))),
                                                 ([.down, .character("j")], .lesson(.exercise(.optionDown)))],
                                   keys: "{up} {down}  k j", help: "move between the options", status: ("{up}/{down}", "choose")))
            let letters = (0..<n).map { i in ([Key.character(Character(ChoiceExercise.label(i)))], LabMessage.lesson(.exercise(.pick(i)))) }
            rows.append(KeyBinding([.choosing], letters, keys: "a\(n > 1 ? "–" + ChoiceExercise.label(n - 1) : "")",
                                   help: multiple ? "tick or untick an option by its letter" : "go to an option by its letter"))
            if multiple {
                rows.append(KeyBinding([.choosing], [([.character(" ")], .lesson(.exercise(.toggle)))],
                                       keys: "space", help: "tick or untick the highlighted option (several are correct)",
                                       status: ("space", "tick")))
            }
            rows.append(KeyBinding([.choosing], [([.enter], .lesson(.exercise(.check)))],
                                   keys: "Enter", help: multiple ? "check the ticked options" : "check the highlighted option",
                                   status: ("Enter", "check")))
            rows.append(KeyBinding([.choosing], [([.escape], .lesson(.blur))],
                                   keys: "Esc", help: "leave the options (the lesson's keys work again)", status: ("Esc", "leave")))
        }
        rows.append(KeyBinding([.typing, .choosing], [([.control("c")], .quit)],
                               keys: "Ctrl-C", help: "quit (q is an ordinary key while answering)", status: ("Ctrl-C", "quit")))
        return rows
    }

    /// The rows of a view's own keys (`LabView.bindings`).
    public static func viewRows(_ bindings: [ViewBinding]) -> [KeyBinding] {
        bindings.map { b in
            KeyBinding([.panel], [([b.key], .lesson(.panel(.action(b.action))))], keys: KeyBinding.name(b.key), help: b.help,
                       status: b.status.map { (KeyBinding.name(b.key), $0) })
        }
    }

    /// What the key map needs to know about where the learner is.
    public struct Context: Sendable {
        public var screen: LabScreenKind
        public var hasPanel = false
        public var running = false
        public var knobs: [Knob] = []
        /// A text field has the keys.
        public var typing = false
        /// The open panel's view's own keys (`LabView.bindings`).
        public var viewBindings: [ViewBinding] = []
        /// What `n`/`p` move in the open panel and what they do (nil: the panel has no axis,
        /// so n/p and space are not bound).
        public var axis: (name: String, help: String)? = ("time", "one time step forward / back")
        /// Whether `p` moves back along the axis (false in a panel that trains: `n` only).
        public var axisGoesBack = true
        /// The open step's exercise, if any.
        public var exercise: ExerciseKeys?
        /// The answer area has the keys (nil: the lesson's keys work).
        public var answering: Answering?

        public init(screen: LabScreenKind, hasPanel: Bool = false, running: Bool = false, knobs: [Knob] = [], typing: Bool = false,
                    viewBindings: [ViewBinding] = []) {
            self.screen = screen
            self.hasPanel = hasPanel
            self.running = running
            self.knobs = knobs
            self.typing = typing
            self.viewBindings = viewBindings
        }
    }

    /// The bindings in force, in display order.
    public static func active(_ context: Context) -> [KeyBinding] {
        // The focused answer area has the keys: only its own are in force.
        if let answering = context.answering, !context.typing, context.screen == .lesson { return answerRows(answering) }
        var scopes: Set<KeyBinding.Scope> = [.anywhere]
        switch context.screen {
        case .home: scopes.insert(.home)
        case .lesson:
            scopes.insert(.lesson)
            if context.hasPanel { scopes.insert(.panel) }
            if context.exercise != nil { scopes.insert(.exercise) }
            if context.exercise == .answer { scopes.insert(.answer) }
        case .gallery: scopes.insert(.gallery)
        case .tooSmall: break
        }
        var rows = all.filter { !$0.scopes.isDisjoint(with: scopes) }
        if context.screen == .lesson, context.exercise == .challenge,
           let answer = all.first(where: { $0.scopes == [.answer] }),
           let at = rows.firstIndex(where: { $0.scopes.contains(.exercise) }) {
            // A challenge's answer is its knobs: `a` hands in their setting (a try); turning them is not one.
            rows.insert(answer.relabelled(help: "hand in the knobs' setting: one try, checked against the goal (turning a knob is not a try)",
                                          status: "hand in"), at: at)
        }
        if scopes.contains(.panel) {
            // n/p and space follow the panel's axis: named after it, or gone without one.
            rows = rows.compactMap { row in
                guard row.actions.contains(where: { Self.axisMessages.contains($0.message) }) else { return row }
                guard let axis = context.axis else { return nil }
                guard row.actions.contains(where: { $0.message == .lesson(.panel(.forward)) }) else { return row }
                if !context.axisGoesBack {
                    // Training does not run backwards: n alone, and p is not bound.
                    return KeyBinding(row.scopes, [([.character("n")], .lesson(.panel(.forward)))],
                                      keys: "n", help: axis.help, status: ("n", axis.name))
                }
                return row.relabelled(help: axis.help, status: axis.name)
            }
            // The view's own keys, then the knobs, come right after the panel's own keys.
            // (or, in a panel without an axis, right after the step keys).
            let steps = rows.lastIndex { $0.actions.contains { $0.message == .lesson(.previousStep) } } ?? -1
            let at = (rows.lastIndex { $0.scopes.contains(.panel) } ?? steps) + 1
            rows.insert(contentsOf: viewRows(context.viewBindings) + knobRows(context.knobs), at: at)
        }
        return rows
    }

    /// The messages of the panel's axis keys (n, p, space).
    static let axisMessages: [LabMessage] = [.lesson(.panel(.forward)), .lesson(.panel(.back)), .lesson(.panel(.toggleRunning))]

    /// The message for a key. Order of precedence: a focused text field sees every key but
    /// Ctrl-C (quit) and Esc (leave the field); an open help overlay closes on any key but
    /// q / Ctrl-C; then the bindings in force.
    public static func message(for key: Key, context: Context, helpVisible: Bool) -> LabMessage {
        if context.answering != nil, !context.typing, context.screen == .lesson {
            if key == .control("c") { return .quit }
            if key == .escape { return .lesson(.blur) }
            if context.answering == .text { return .lesson(.edit(key)) }
            for row in active(context) { if let m = row.message(for: key) { return m } }
            return .ignored
        }
        if context.typing {
            if key == .control("c") { return .quit }
            if key == .escape { return .lesson(.blur) }
            return .lesson(.edit(key))
        }
        let rows = active(context)
        let quit = rows.first { $0.message(for: key) == .quit }
        if quit != nil { return .quit }
        if helpVisible { return .closeHelp }
        if context.screen == .tooSmall { return .ignored }
        for row in rows { if let m = row.message(for: key) { return m } }
        return .ignored
    }

    /// The help overlay's rows: keys, then what they do.
    public static func helpRows(_ context: Context, glyphs: Glyphs) -> [(keys: String, action: String)] {
        var rows = active(context).map { (KeyBinding.text($0.helpKeys, glyphs), $0.help) }
        if context.typing {
            rows.insert(("Ctrl-C", "quit while typing (or Esc, then q)"), at: 0)
        }
        return rows
    }

    /// The status line's items: keys and a word.
    public static func statusItems(_ context: Context, glyphs: Glyphs) -> [(String, String)] {
        if context.typing { return [("Enter", "set"), ("Esc", "cancel"), ("Ctrl-C", "quit")] }
        var rows = active(context)
        // The way to answer goes with the way out at the end of the line, where it is never cut.
        if let i = rows.firstIndex(where: { $0.actions.contains { $0.message == .lesson(.exercise(.focus)) } }),
           let back = rows.firstIndex(where: { $0.actions.contains { $0.message == .back } }), i < back {
            rows.insert(rows.remove(at: i), at: back - 1)
        }
        return rows.compactMap { row in
            row.status.map { (KeyBinding.text($0.keys, glyphs), context.running ? ($0.whileRunning ?? $0.label) : $0.label) }
        }
    }

    /// The README's key table, made from the same list (a test keeps the README equal to it).
    public static func markdownTable() -> String {
        var lines = ["| keys | where | what they do |", "|---|---|---|"]
        let knobExample = knobRows(Knobs.all)
        let viewKeys = viewRows(ViewRegistry.all.flatMap { $0.bindings })
        let answerExample = answerRows(.text) + answerRows(.choice(options: 9, multiple: true)).filter { row in
            !row.actions.contains { $0.message == .quit }
        }
        for row in all + viewKeys + knobExample + answerExample {
            let keys = row.actions.flatMap(\.keys).map { "`\(KeyBinding.name($0))`" }.joined(separator: " ")
            let places = KeyBinding.Scope.allCases.filter(row.scopes.contains).map(\.place).joined(separator: ", ")
            lines.append("| \(keys) | \(places) | \(row.help) |")
        }
        return lines.joined(separator: "\n")
    }
}
