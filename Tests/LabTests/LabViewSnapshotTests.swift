import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// Golden frames of every lab view (states is covered by the screen sweep): heatmap, gates
/// (LSTM and GRU), unrolled forward and backward, topologies, at 100x30 and 200x50, each at
/// one capability level and shape-checked at the others.
final class LabViewSnapshotTests: XCTestCase {
    static let source = """
        ---
        id: views
        title: Every view
        summary: One step per lab view.
        ---
        ## Heatmap {#heatmap}
        The hidden state as colours.
        ```lab
        view: heatmap
        hidden: 4
        steps: 30
        seed: 5
        start: 20
        ```
        ## LSTM gates {#lstm-gates}
        Gates open and close.
        ```lab
        view: gates
        cell: lstm
        hidden: 3
        input: noise
        steps: 24
        seed: 2
        start: 12
        ```
        ## GRU gates {#gru-gates}
        Two gates.
        ```lab
        view: gates
        cell: gru
        hidden: 2
        input: step
        steps: 24
        seed: 2
        start: 24
        ```
        ## Unrolled {#unrolled}
        The chain.
        ```lab
        view: unrolled
        steps: 6
        start: 3
        ```
        ## Backward {#backward}
        The gradient flows back.
        ```lab
        view: unrolled
        steps: 12
        start: 10
        direction: backward
        ```
        ## Topologies {#topologies}
        Shapes of tasks.
        ```lab
        view: topologies
        start: 4
        ```
        """

    func testEveryView() throws {
        let lesson = try LessonParser.parse(Self.source, file: "views.md")
        for (index, step) in lesson.steps.enumerated() {
            for size in [Size(width: 100, height: 30), Size(width: 200, height: 50)] {
                for (n, (level, caps)) in LabFixtures.levels.enumerated() {
                    let p = LabProgram(lessons: [lesson], size: size, lessonID: "views", stepIndex: index)!
                    let frame = LabFixtures.frame(p, caps)
                    // One golden level per view, taking turns so every level has goldens.
                    if n == index % LabFixtures.levels.count {
                        assertSnapshot(frame.styledText(), named: "\(step.id)-\(size)-\(level)")
                    }
                    LabScreenSnapshotTests.checkShape(frame, caps)
                }
            }
        }
    }

    func testHeatmapFillsUpToTheCurrentStep() throws {
        let lesson = try LessonParser.parse(Self.source, file: "views.md")
        var p = LabProgram(lessons: [lesson], size: Size(width: 100, height: 30), lessonID: "views", stepIndex: 0)!
        let before = LabFixtures.frame(p, .plainASCII).text()
        _ = p.update(.key(.character("n")))
        let after = LabFixtures.frame(p, .plainASCII).text()
        XCTAssertNotEqual(before, after)
        let mapRows = after.split(separator: "\n").filter { $0.hasPrefix("  h") && $0.dropFirst(3).first?.isNumber == true }
        XCTAssertEqual(mapRows.count, 4)
        XCTAssertFalse(mapRows.contains { $0.contains("?") }, "steps after t are empty, not unknown")
        XCTAssertTrue(after.contains("t = 21 / 30"))
    }

    func testTopologiesCycleWithTimeKeys() throws {
        let lesson = try LessonParser.parse(Self.source, file: "views.md")
        var p = LabProgram(lessons: [lesson], size: Size(width: 100, height: 30), lessonID: "views", stepIndex: 5)!
        func header() -> String { LabFixtures.frame(p).lines().first { $0.contains(" / 5") } ?? "" }
        XCTAssertTrue(header().contains("many to many: machine translation"), header())
        XCTAssertTrue(header().contains("4 / 5"), header())
        _ = p.update(.key(.character("n")))
        XCTAssertTrue(header().contains("many to many: video classification"), "the two many-to-many shapes read differently")
        _ = p.update(.key(.character("p")))
        _ = p.update(.key(.character("p")))
        XCTAssertTrue(header().contains("many to one: sentiment classification"), header())
    }
}
