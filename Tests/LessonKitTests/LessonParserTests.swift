import Lab
import LabTesting
import LessonKit
import XCTest

/// Valid lesson files: front matter, steps, ids, prose and lab blocks come out as written.
final class LessonParserTests: XCTestCase {
    static let valid = """
        ---
        id: demo
        title: A demo lesson
        summary: Two steps, one lab.
        ---

        ## First things {#first}

        Some *prose* with $x_t$.

        $$h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)$$

        ```python
        print("kept")
        ```

        ## The Vanilla RNN, again!

        Text before the lab.

        ```lab
        view: states
        cell: rnn
        hidden: 4
        input: pulse
        steps: 20
        seed: 9
        scale: 0.5
        period: 8
        start: 3
        ```

        Text after the lab.
        """

    func testParsesFrontMatterAndSteps() throws {
        let lesson = try LessonParser.parse(Self.valid, file: "demo.md")
        XCTAssertEqual(lesson.id, "demo")
        XCTAssertEqual(lesson.title, "A demo lesson")
        XCTAssertEqual(lesson.summary, "Two steps, one lab.")
        XCTAssertEqual(lesson.steps.map(\.id), ["first", "the-vanilla-rnn-again"])
        XCTAssertEqual(lesson.steps.map(\.title), ["First things", "The Vanilla RNN, again!"])
        XCTAssertEqual(lesson.steps.map(\.line), [7, 17])
    }

    func testProseKeepsMathAndCodeButNotLabBlocks() throws {
        let lesson = try LessonParser.parse(Self.valid, file: "demo.md")
        XCTAssertEqual(lesson.steps[0].markdown, """
            Some *prose* with $x_t$.

            $$h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)$$

            ```python
            print("kept")
            ```
            """)
        XCTAssertEqual(lesson.steps[1].markdown, "Text before the lab.\n\n\nText after the lab.")
        XCTAssertNil(lesson.steps[0].lab)
    }

    func testLabBlockIsTyped() throws {
        let lab = try XCTUnwrap(try LessonParser.parse(Self.valid, file: "demo.md").steps[1].lab)
        XCTAssertEqual(lab, AnyLabSpec(StatesView.Spec(line: 21, cell: CellSpec(
            cell: .rnn, hidden: 4, input: .pulse, steps: 20, seed: 9, scale: 0.5, period: 8, start: 3))))
    }

    func testLabDefaults() throws {
        let text = "---\nid: a\ntitle: A\nsummary: S\n---\n## One\n```lab\nview: states\n```\n"
        let lab = try XCTUnwrap(try LessonParser.parse(text, file: "a.md").steps[0].lab)
        XCTAssertEqual(lab, AnyLabSpec(StatesView.Spec(line: 7, cell: CellSpec())))
    }

    func testStepReferenceByNumberOrID() throws {
        let lesson = try LessonParser.parse(Self.valid, file: "demo.md")
        XCTAssertEqual(lesson.stepIndex(for: "2"), 1)
        XCTAssertEqual(lesson.stepIndex(for: "first"), 0)
        XCTAssertNil(lesson.stepIndex(for: "3"))
        XCTAssertNil(lesson.stepIndex(for: "nope"))
    }

    func testWindowsLineEndings() throws {
        let lesson = try LessonParser.parse(Self.valid.replacingOccurrences(of: "\n", with: "\r\n"), file: "demo.md")
        XCTAssertEqual(lesson.steps.count, 2)
    }

    func testShippedLessonsAreValid() {
        let library = LessonLibrary.load(folder: PackagePaths.lessons)
        XCTAssertEqual(library.errors, [])
        XCTAssertEqual(library.lessons.first?.id, "recurrence")
        // Step 2 must have a live states view (reviewers render `--step 2`).
        XCTAssertEqual(library.lessons.first?.steps[1].lab?.view, "states")
    }
}
