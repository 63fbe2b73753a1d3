import Lab
import LessonKit
import XCTest

/// Broken lesson files: each kind of mistake gives exactly one `FILE:LINE: message`.
final class LessonErrorTests: XCTestCase {
    private let header = "---\nid: demo\ntitle: Demo\nsummary: A lesson.\n---\n"

    /// The errors of parsing `text` as `bad.md`, as printed.
    private func errors(_ text: String) -> [String] {
        do {
            _ = try LessonParser.parse(text, file: "bad.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// A lesson with one step whose lab block holds `yaml`; the block's first key is on line 8.
    private func lab(_ yaml: String) -> [String] {
        errors(header + "## Step\n```lab\n" + yaml + "\n```\n")
    }

    // MARK: Front matter

    func testMissingFrontMatter() {
        XCTAssertEqual(errors("## Step\ntext\n"),
                       ["bad.md:1: missing front matter: a lesson starts with '---', then id, title and summary, then '---'"])
    }

    func testUnclosedFrontMatter() {
        XCTAssertEqual(errors("---\nid: a\ntitle: T\n"),
                       ["bad.md:1: front matter is not closed: add a '---' line after summary"])
    }

    func testMissingFrontMatterKey() {
        XCTAssertEqual(errors("---\nid: demo\ntitle: Demo\n---\n## S\n"),
                       ["bad.md:1: front matter is missing 'summary'"])
    }

    func testUnknownFrontMatterKey() {
        XCTAssertEqual(errors("---\nid: demo\ntitle: Demo\nsummary: S\nauthor: me\n---\n## S\n"),
                       ["bad.md:5: unknown key 'author' in front matter (allowed: id, title, summary)"])
    }

    func testFrontMatterWrongType() {
        XCTAssertEqual(errors("---\nid: demo\ntitle:\n  - a\n  - b\nsummary: S\n---\n## S\n"),
                       ["bad.md:3: 'title' must be text"])
    }

    func testInvalidLessonID() {
        XCTAssertEqual(errors("---\nid: Demo Lesson\ntitle: T\nsummary: S\n---\n## S\n"),
                       ["bad.md:2: lesson id 'Demo Lesson' may only use lowercase letters, digits and '-'"])
    }

    func testFrontMatterYAMLSyntaxError() {
        XCTAssertEqual(errors("---\nid: demo\ntitle: [unclosed\nsummary: S\n---\n## S\n"),
                       ["bad.md:3: front matter is not valid YAML: did not find expected ',' or ']'"])
    }

    // MARK: Steps

    func testNoSteps() {
        XCTAssertEqual(errors(header + "\n"), ["bad.md:6: the lesson has no steps: start each step with a '## ' heading"])
    }

    func testTextBeforeFirstStep() {
        XCTAssertEqual(errors(header + "\nstray words\n## S\n"), ["bad.md:7: text before the first '## ' step heading"])
    }

    func testLevelOneHeading() {
        XCTAssertEqual(errors(header + "## S\n# Big\n"),
                       ["bad.md:7: use '## ' to start a step; the lesson title comes from the front matter"])
    }

    func testDuplicateStepIDs() {
        XCTAssertEqual(errors(header + "## One {#same}\n\n## Two {#same}\n"),
                       ["bad.md:8: duplicate step id 'same' (first used on line 6)"])
    }

    func testDuplicateDerivedStepIDs() {
        XCTAssertEqual(errors(header + "## The cell\n\n## The  cell!\n"),
                       ["bad.md:8: duplicate step id 'the-cell' (first used on line 6)"])
    }

    func testInvalidStepID() {
        XCTAssertEqual(errors(header + "## One {#Bad_Id}\n"),
                       ["bad.md:6: step id 'Bad_Id' may only use lowercase letters, digits and '-'"])
    }

    func testUnclosedFence() {
        XCTAssertEqual(errors(header + "## S\n```python\nx = 1\n"),
                       ["bad.md:7: '```python' block opened on this line is never closed (add a line '```' after it; the rest of the file was read as its content)"])
        // A lab fence swallowing the next steps is reported where it opened, not at the end.
        XCTAssertEqual(errors(header + "## S\ntext\n## T\n~~~~lab\nview: states\n\n## U\nmore\n"),
                       ["bad.md:9: '~~~~lab' block opened on this line is never closed (add a line '~~~~' after it; the rest of the file was read as its content)"])
        XCTAssertEqual(errors(header + "## S\n```\nx = 1\n"),
                       ["bad.md:7: code block opened on this line is never closed (add a line '```' after it; the rest of the file was read as its content)"])
    }

    func testUnclosedDisplayMath() {
        XCTAssertEqual(errors(header + "## S\n$$h_t = \\tanh(a)\n\nmore\n"),
                       ["bad.md:7: display math opened with '$$' is never closed"])
    }

    func testExerciseBlockErrorsNameTheirLines() {
        XCTAssertEqual(errors(header + "## S\n\n```exercise\nid: x\n```\n"),
                       ["bad.md:8: exercise block is missing 'kind'", "bad.md:8: exercise block is missing 'solution'",
                        "bad.md:8: exercise block is missing 'task'", "bad.md:8: exercise block is missing 'title'"])
    }

    func testTwoLabBlocksInOneStep() {
        XCTAssertEqual(errors(header + "## S\n```lab\nview: states\n```\n```lab\nview: states\n```\n"),
                       ["bad.md:10: a step can have only one lab block"])
    }

    // MARK: Lab blocks

    func testLabUnknownKey() {
        XCTAssertEqual(lab("view: states\ncolour: red"),
                       ["bad.md:9: unknown key 'colour' in lab block (allowed: view, cell, hidden, input, steps, seed, start, scale, sigma, period, amplitude, weights, gru-form, knobs, wxh)"])
    }

    func testLabMissingView() {
        XCTAssertEqual(lab("cell: rnn"), ["bad.md:7: lab block is missing 'view'"])
    }

    func testLabUnknownView() {
        // The list is the registry's, so a new view does not change this test.
        let known = ViewRegistry.all.map { $0.name }.joined(separator: ", ")
        XCTAssertTrue(known.hasPrefix("states, heatmap, gates, unrolled, topologies, params, gradients"))
        XCTAssertEqual(lab("view: attention"), ["bad.md:8: unknown view 'attention' (known: \(known))"])
    }

    func testLabUnknownCell() {
        XCTAssertEqual(lab("view: states\ncell: transformer"),
                       ["bad.md:9: unknown cell 'transformer' (known: rnn, lstm, gru)"])
    }

    func testLabUnknownInput() {
        XCTAssertEqual(lab("view: states\ninput: square"),
                       ["bad.md:9: unknown input 'square' (known: sine, step, noise, zeros, pulse)"])
    }

    func testLabWrongType() {
        XCTAssertEqual(lab("view: states\nhidden: three"),
                       ["bad.md:9: 'hidden' must be a whole number, not 'three'"])
    }

    func testLabOutOfRange() {
        XCTAssertEqual(lab("view: states\n\nsteps: 1000"),
                       ["bad.md:10: 'steps' is 1000; it must be between 2 and 200"])
        XCTAssertEqual(lab("view: states\nhidden: 0"), ["bad.md:9: 'hidden' is 0; it must be between 1 and 8"])
        XCTAssertEqual(lab("view: states\nscale: 0"), ["bad.md:9: 'scale' is 0; it must be above 0 and at most 5"])
        XCTAssertEqual(lab("view: states\nseed: -1"),
                       ["bad.md:9: 'seed' is -1; it must be between 0 and 999999"])
        // Too large for any integer type is still out of range, not "not a whole number".
        XCTAssertEqual(lab("view: states\nseed: 99999999999999999999"),
                       ["bad.md:9: 'seed' is 99999999999999999999; it must be between 0 and 999999"])
    }

    func testLabStartAfterLastStep() {
        XCTAssertEqual(lab("view: states\nsteps: 10\nstart: 11"),
                       ["bad.md:10: 'start' is 11; it must not be after the last step (10)"])
    }

    func testLabNotAMapping() {
        XCTAssertEqual(lab("- states"), ["bad.md:8: lab block must be a list of 'key: value' lines"])
    }

    func testLabEmpty() {
        XCTAssertEqual(lab(""), ["bad.md:7: lab block is empty"])
    }

    func testLabDuplicateKey() {
        XCTAssertEqual(lab("view: states\nhidden: 2\nhidden: 3"),
                       ["bad.md:10: lab block is not valid YAML: duplicate key 'hidden'"])
    }

    func testGatesNeedAGatedCell() {
        XCTAssertEqual(lab("view: gates\ncell: rnn"),
                       ["bad.md:9: the gates view needs 'cell: lstm' or 'cell: gru' (a vanilla RNN has no gates)"])
        XCTAssertEqual(lab("view: gates"),
                       ["bad.md:7: the gates view needs 'cell: lstm' or 'cell: gru' (a vanilla RNN has no gates)"])
        XCTAssertEqual(lab("view: gates\ncell: gru"), [])
    }

    func testDiagramViewsRejectCellKeys() {
        XCTAssertEqual(lab("view: unrolled\nhidden: 3"),
                       ["bad.md:9: 'hidden' sets up the cell whose gradients label the boxes: it needs 'direction: backward'"])
        XCTAssertEqual(lab("view: topologies\nsteps: 4"),
                       ["bad.md:9: unknown key 'steps' in lab block (allowed: view, start)"])
        XCTAssertEqual(lab("view: states\ndirection: backward"),
                       ["bad.md:9: unknown key 'direction' in lab block (allowed: view, cell, hidden, input, steps, seed, start, scale, sigma, period, amplitude, weights, gru-form, knobs, wxh)"])
    }

    func testUnknownDirection() {
        XCTAssertEqual(lab("view: unrolled\ndirection: sideways"),
                       ["bad.md:9: unknown direction 'sideways' (known: forward, backward)"])
    }

    func testTopologiesStartIsAmongTheFive() {
        XCTAssertEqual(lab("view: topologies\nstart: 6"),
                       ["bad.md:9: 'start' is 6; it must be between 1 and 5"])
        XCTAssertEqual(lab("view: topologies\nstart: 300"),
                       ["bad.md:9: 'start' is 300; it must be between 1 and 5"])
        XCTAssertEqual(lab("view: topologies\nstart: 5"), [])
    }

    func testQuotedNumberIsText() {
        XCTAssertEqual(lab("view: states\nhidden: \"3\""),
                       ["bad.md:9: 'hidden' must be a whole number, not the text \"3\" (remove the quotes)"])
        XCTAssertEqual(lab("view: states\nsteps: '30'"),
                       ["bad.md:9: 'steps' must be a whole number, not the text '30' (remove the quotes)"])
        XCTAssertEqual(lab("view: states\nhidden: [3]"), ["bad.md:9: 'hidden' must be a whole number, not a list or map"])
    }

    func testTabIsReportedOnItsOwnLine() {
        XCTAssertEqual(lab("view: states\n\tsteps: 3"),
                       ["bad.md:9: lab block is not valid YAML: a tab in the indentation (indent with spaces)"])
        XCTAssertEqual(errors("---\nid: demo\n\ttitle: T\nsummary: S\n---\n## S\n"),
                       ["bad.md:3: front matter is not valid YAML: a tab in the indentation (indent with spaces)"])
        // A tab after the colon is YAML's own business (allowed).
        XCTAssertEqual(lab("view: states\nsteps:\t30"), [])
    }

    func testControlCharactersAreEscapedOnOneLine() {
        XCTAssertEqual(lab("view: sta\u{1B}[31mtes"),
                       ["bad.md:8: lab block is not valid YAML: control character \\u{1B} (remove it)"])
        XCTAssertEqual(lab("view: \"a\\nb\""), ["bad.md:8: unknown view 'a\\nb' (known: \(ViewRegistry.all.map { $0.name }.joined(separator: ", ")))"])
        XCTAssertEqual(LessonError(file: "a\nb.md", line: 1, message: "x\u{7}\r\u{9B}").description, "a\\nb.md:1: x\\u{7}\\r\\u{9B}")
    }

    func testDeepYAMLIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        XCTAssertEqual(lab("view: states\nhidden: " + deep),
                       ["bad.md:9: lab block is not valid YAML: brackets nested more than 64 levels deep"])
        XCTAssertEqual(lab("view: states\nhidden: 3 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["), [])
    }

    func testNumericStepIDsAreRefused() {
        XCTAssertEqual(errors(header + "## One {#3}\n"),
                       ["bad.md:6: step id '3' is a number, but '--step 3' means the step in position 3: use a name such as 'step-3'"])
        // A title that is a number gets a derived id that is not one.
        let lesson = try? LessonParser.parse(header + "## 1984\n\n## Two\n", file: "ok.md")
        XCTAssertEqual(lesson?.steps.map(\.id), ["step-1984", "two"])
        XCTAssertEqual(lesson?.stepIndex(for: "1"), 0)
    }

    func testSeveralErrorsAreAllReported() {
        XCTAssertEqual(lab("view: states\ncell: elman\nhidden: 99"), [
            "bad.md:9: unknown cell 'elman' (known: rnn, lstm, gru)",
            "bad.md:10: 'hidden' is 99; it must be between 1 and 8",
        ])
    }
}
