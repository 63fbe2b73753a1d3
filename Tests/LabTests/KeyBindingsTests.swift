import Lab
import LabTesting
import TUI
import XCTest

/// One list of bindings makes the key map, the help overlay and every status line: these
/// tests hold the three to the list, and the list to "keys never surprise".
final class KeyBindingsTests: XCTestCase {
    private let size = Size(width: 100, height: 30)

    private var contexts: [KeyBindings.Context] {
        let knobs = Knobs.all
        return [
            KeyBindings.Context(screen: .home),
            KeyBindings.Context(screen: .gallery),
            KeyBindings.Context(screen: .lesson),
            KeyBindings.Context(screen: .lesson, hasPanel: true),
            KeyBindings.Context(screen: .lesson, hasPanel: true, running: true, knobs: knobs),
        ] + exerciseContexts
    }

    /// Exercise steps: with an answer, and a challenge with a panel and every knob (its keys
    /// must not take a knob's); the answer area focused, typed and chosen.
    private var exerciseContexts: [KeyBindings.Context] {
        var answer = KeyBindings.Context(screen: .lesson)
        answer.exercise = .answer
        var challenge = KeyBindings.Context(screen: .lesson, hasPanel: true, knobs: Knobs.all,
                                            viewBindings: ViewRegistry.all.flatMap { $0.bindings })
        challenge.exercise = .challenge
        var typing = answer
        typing.answering = .text
        var choosing = answer
        choosing.answering = .choice(options: 9, multiple: true)
        return [answer, challenge, typing, choosing]
    }

    /// In any one place, a key means one thing.
    func testNoKeyIsBoundTwiceInOnePlace() {
        for context in contexts {
            var seen: [Key: String] = [:]
            for row in KeyBindings.active(context) {
                for key in row.actions.flatMap(\.keys) {
                    XCTAssertNil(seen[key], "\(key) is bound to '\(seen[key] ?? "")' and '\(row.help)' in \(context.screen)")
                    seen[key] = row.help
                }
            }
        }
    }

    /// Every key of every active binding sends that binding's message.
    func testTheKeyMapIsTheBindingsList() {
        for context in contexts {
            for row in KeyBindings.active(context) {
                for action in row.actions {
                    for key in action.keys {
                        XCTAssertEqual(KeyBindings.message(for: key, context: context, helpVisible: false), action.message,
                                       "\(key) in \(context.screen)")
                    }
                }
            }
        }
    }

    /// The status line shows exactly the active bindings that have a status form.
    func testStatusLinesAreMadeFromTheBindings() {
        let screens: [(LabProgram, KeyBindings.Context)] = [
            (LabFixtures.home(size), KeyBindings.Context(screen: .home)),
            (LabFixtures.lesson(size, step: 1), KeyBindings.Context(screen: .lesson, hasPanel: true)),
            (LabFixtures.lesson(size, step: 0), KeyBindings.Context(screen: .lesson)),
        ]
        for (program, context) in screens {
            let status = LabFixtures.frame(program).lines().last ?? ""
            let items = KeyBindings.statusItems(context, glyphs: .unicode)
            XCTAssertFalse(items.isEmpty)
            let expected = " " + items.map { "\($0.0) \($0.1)" }.joined(separator: "  ")
            XCTAssertEqual(status.trimmingTrailingSpaces, expected, "\(context.screen)")
        }
    }

    /// The help overlay lists every active binding, keys and words.
    func testHelpOverlayListsTheActiveBindings() {
        var p = LabFixtures.lesson(Size(width: 200, height: 50), step: 3)
        _ = p.update(.key(.character("?")))
        let text = LabFixtures.frame(p).text()
        for row in KeyBindings.active(p.keyContext) {
            XCTAssertTrue(text.contains(KeyBinding.text(row.helpKeys, .unicode)), row.helpKeys)
            XCTAssertTrue(text.contains(row.help), row.help)
        }
        XCTAssertTrue(text.contains("sigma down / up"), "the step's knobs are in the help")
    }

    func testTheQuitKeyIsInEveryStatusLineAndHelp() {
        for context in contexts {
            // While answering, q is a letter: Ctrl-C quits.
            let quit = context.answering == nil ? "q" : "Ctrl-C"
            XCTAssertTrue(KeyBindings.statusItems(context, glyphs: .ascii).contains { $0.0 == quit && $0.1 == "quit" })
        }
    }

    /// A panel that trains has no way back: its help and status line name n alone, and p does
    /// nothing (it is not bound); a panel with a time axis keeps n / p.
    func testTrainingPanelsBindNOnly() throws {
        for (lesson, step) in [("gradient-flow", "diverge"), ("architectures", "many-to-many"), ("gru", "race")] {
            let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == lesson })
            let index = try XCTUnwrap(l.steps.firstIndex { $0.id == step }, step)
            let program = LabFixtures.shipped(lesson, size, step: index)
            let context = program.keyContext
            XCTAssertFalse(context.axisGoesBack, step)
            let status = KeyBindings.statusItems(context, glyphs: .unicode)
            XCTAssertTrue(status.contains { $0 == ("n", "one training step") }, "\(step): \(status)")
            XCTAssertFalse(status.contains { $0.0 == "n/p" }, "\(step): \(status)")
            let help = KeyBindings.helpRows(context, glyphs: .unicode)
            XCTAssertTrue(help.contains { $0.keys == "n" && $0.action.hasPrefix("one training step") }, "\(step): \(help)")
            XCTAssertEqual(KeyBindings.message(for: .character("p"), context: context, helpVisible: false), .ignored, step)
            XCTAssertEqual(KeyBindings.message(for: .character("n"), context: context, helpVisible: false), .lesson(.panel(.forward)))
        }
        let time = LabFixtures.shipped("recurrence", size, step: 4).keyContext
        XCTAssertTrue(time.axisGoesBack)
        XCTAssertTrue(KeyBindings.statusItems(time, glyphs: .unicode).contains { $0 == ("n/p", "time") })
        XCTAssertEqual(KeyBindings.message(for: .character("p"), context: time, helpVisible: false), .lesson(.panel(.back)))
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
