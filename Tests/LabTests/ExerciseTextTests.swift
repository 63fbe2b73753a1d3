import Exercises
import Foundation
import Lab
import LessonKit
import TUI
import XCTest

/// The text of the shipped exercises as the lab shows it (Markdown through the Prose widget):
/// code reads as code, and the code in the solutions is right.
final class ExerciseTextTests: XCTestCase {
    static let catalog = LabExercises.catalog(LabFixtures.shipped)

    /// Every paragraph's spans of a Markdown text, at any depth.
    static func spans(_ markdown: String) -> [InlineSpan] {
        var out: [InlineSpan] = []
        func walk(_ b: ProseBlock) {
            switch b {
            case .heading(_, let s, _), .paragraph(let s): out += s
            case .list(_, _, let items): items.forEach { $0.forEach(walk) }
            case .quote(let bs): bs.forEach(walk)
            case .code, .math, .rule: break
            }
        }
        ProseDocument(markdown: markdown).blocks.forEach(walk)
        return out
    }

    /// The fenced code blocks of a Markdown text, by language.
    static func code(_ markdown: String, language: String = "python") -> [String] {
        ProseDocument(markdown: markdown).codeBlocks(language: language).map { $0.joined(separator: "\n") }
    }

    /// No exercise text loses a `*` to italics or shows a literal backtick: code is in code
    /// spans (each on one source line: the Prose widget reads inline markup line by line) or
    /// in fenced blocks.
    func testCodeRendersAsCode() {
        XCTAssertEqual(Self.catalog.entries.count, 15)
        for entry in Self.catalog.entries {
            let s = entry.spec
            for (what, text) in [("task", s.task), ("solution", s.solution)] + s.hints.map({ ("hint", $0) }) {
                for span in Self.spans(text) where !span.style.contains(.code) && !span.style.contains(.math) {
                    XCTAssertFalse(span.style.contains(.italic), "\(s.id) \(what): '\(span.text)' is in italics")
                    XCTAssertFalse(span.text.contains("`"), "\(s.id) \(what): a literal backtick in '\(span.text)'")
                }
            }
        }
        // What used to be eaten: the LSTM's and the GRU's products.
        let lstm = try? Self.catalog.entry(id: "lstm-cell-states").spec.solution
        XCTAssertTrue(Self.code(lstm ?? "").first?.contains("c = f * c + i * g") ?? false)
        let gru = try? Self.catalog.entry(id: "gru-lecture-form").spec.solution
        XCTAssertTrue(Self.code(gru ?? "").first?.contains("h = z * h + (1 - z) * hh") ?? false)
    }

    /// The model of each keras solution, with the student's T, D and H, passes the check.
    func testKerasSolutionsPass() throws {
        let keras = Self.catalog.entries.filter { $0.spec.kindWord == "keras" }
        XCTAssertEqual(keras.count, 2)
        for entry in keras {
            for student in ["ada", "s-042"] {
                let lesson = try XCTUnwrap(LabFixtures.shipped.first { $0.id == entry.lessonID })
                let v = try LabExercises.variant(entry, in: lesson, student: StudentID(student))
                func number(_ name: String) throws -> String {
                    let r = try XCTUnwrap(v.statement.range(of: "\(name) = [0-9]+", options: .regularExpression), v.statement)
                    return String(v.statement[r].split(separator: " ").last!)
                }
                let (T, D, H) = (try number("T"), try number("D"), try number("H"))
                let block = try XCTUnwrap(Self.code(entry.spec.solution).first, entry.spec.id)
                let source = "import keras\nfrom keras import layers\n\n"
                    + block.replacingOccurrences(of: "(T, D)", with: "(\(T), \(D))").replacingOccurrences(of: "(H", with: "(\(H)")
                let verdict = try v.check(.source(source, file: "solution.py"))
                XCTAssertTrue(verdict.passed, "\(entry.spec.id) \(student): \(verdict.message)\n\(source)")
            }
        }
    }

    /// Every compute solution is a Python block that loads the exported files and saves
    /// answer.npy (the blocks were run against `rnnlab exercise export` data by hand; here
    /// their shape is kept).
    func testComputeSolutionsAreRunnableCode() throws {
        for entry in Self.catalog.entries where entry.spec.kindWord == "compute" && entry.spec.id != "gradient-flow-clip" {
            let block = try XCTUnwrap(Self.code(entry.spec.solution).first, entry.spec.id)
            XCTAssertTrue(block.contains("np.load('weights.npz')"), entry.spec.id)
            XCTAssertTrue(block.contains("np.save('answer.npy', np.stack("), entry.spec.id)
            XCTAssertTrue(block.contains("axis=1)"), "batch-major, time on axis 1: \(entry.spec.id)")
            XCTAssertFalse(block.contains("; for "), "\(entry.spec.id): a loop on one line is not Python")
        }
    }

    /// The step before a lesson's first exercise says that the exercises follow and which key
    /// goes on to them (→ is the lesson's next-step key), not only how to leave.
    func testTheStepBeforeTheExercisesLeadsOnToThem() throws {
        let next = KeyBindings.message(for: .right, context: KeyBindings.Context(screen: .lesson), helpVisible: false)
        XCTAssertEqual(next, .lesson(.nextStep))
        for lesson in LabFixtures.shipped {
            let first = try XCTUnwrap(lesson.steps.firstIndex { $0.exercise != nil }, lesson.id)
            XCTAssertGreaterThan(first, 0)
            XCTAssertTrue(lesson.steps[first...].allSatisfy { $0.exercise != nil }, "\(lesson.id): the exercises are the last steps")
            let before = lesson.steps[first - 1].markdown.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(before.contains("The exercises follow: press **→** for the first one"), "\(lesson.id): \(before.suffix(200))")
        }
    }
}
