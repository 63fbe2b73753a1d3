import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// Golden frames of every screen at 80x24, 100x30 and 200x50, drawn from the fixture lesson.
/// Each screen has goldens at one capability level (the levels are spread over the screens,
/// so 256 colours, 8 colours and ASCII all have goldens); at the other levels every frame is
/// shape-checked. `RECORD_SNAPSHOTS=1 swift test` rewrites them.
final class LabScreenSnapshotTests: XCTestCase {
    private func sweep(_ name: String, golden: String, _ make: (Size) -> LabProgram) {
        for size in LabFixtures.sizes {
            for (level, caps) in LabFixtures.levels {
                let frame = LabFixtures.frame(make(size), caps)
                if level == golden { assertSnapshot(frame.styledText(), named: "\(name)-\(size)-\(level)") }
                LabScreenSnapshotTests.checkShape(frame, caps)
            }
        }
    }

    /// Every frame: the right number of rows, none wider than the screen, ASCII when asked.
    static func checkShape(_ frame: Buffer, _ caps: Capabilities, file: StaticString = #filePath, line: UInt = #line) {
        let lines = frame.lines()
        XCTAssertEqual(lines.count, frame.height, file: file, line: line)
        for l in lines { XCTAssertLessThanOrEqual(TextWidth.of(l), frame.width, file: file, line: line) }
        if caps.glyphs == .ascii {
            XCTAssertTrue(frame.text().unicodeScalars.allSatisfy(\.isASCII), "non-ASCII glyph in an ASCII frame",
                          file: file, line: line)
        }
    }

    func testHome() { sweep("home", golden: "8-unicode") { LabFixtures.home($0) } }

    func testLessonStep1() { sweep("lesson-step1", golden: "none-ascii") { LabFixtures.lesson($0, step: 0) } }

    func testLessonStep2() { sweep("lesson-step2", golden: "256-unicode") { LabFixtures.lesson($0, step: 1) } }

    func testLessonStep2LaterInTime() { sweep("lesson-step2-t20", golden: "8-unicode") { LabFixtures.lesson($0, step: 1, time: 20) } }

    func testGallery() {
        sweep("gallery", golden: "256-unicode") { size in
            var p = LabFixtures.home(size)
            _ = p.update(.key(.character("g")))
            return p
        }
    }

    func testHelpOverlay() {
        sweep("help", golden: "none-ascii") { size in
            var p = LabFixtures.lesson(size, step: 1)
            _ = p.update(.key(.character("?")))
            return p
        }
    }

    func testTooSmall() {
        for size in [Size(width: 79, height: 24), Size(width: 60, height: 20), Size(width: 20, height: 5)] {
            for (level, caps) in LabFixtures.levels {
                let frame = LabFixtures.frame(LabFixtures.lesson(size, step: 1), caps)
                if level == "256-unicode" { assertSnapshot(frame.styledText(), named: "too-small-\(size)-\(level)") }
                LabScreenSnapshotTests.checkShape(frame, caps)
            }
        }
    }

    func testTooSmallNamesTheSize() {
        let text = LabFixtures.frame(LabFixtures.home(Size(width: 70, height: 20))).text()
        XCTAssertTrue(text.contains("It is 70x20; please make it at least 80x24."), text)
    }

    /// Tiny and odd sizes never crash and keep the frame's shape.
    func testDegenerateSizes() {
        for w in [0, 1, 2, 79, 80, 119, 120, 121] {
            for h in [0, 1, 3, 23, 24, 25] {
                for program in [LabFixtures.home(Size(width: w, height: h)), LabFixtures.lesson(Size(width: w, height: h), step: 1)] {
                    for (_, caps) in LabFixtures.levels {
                        LabScreenSnapshotTests.checkShape(LabFixtures.frame(program, caps), caps)
                    }
                }
            }
        }
    }

    /// Every step of every lesson, shipped or fixture, draws at every size without a
    /// non-ASCII byte in ASCII mode.
    func testEveryStepDraws() {
        let all = LabFixtures.shipped + LabFixtures.lessons
        for lesson in all {
            for step in lesson.steps.indices {
                // One experiment per step (training steps train when they open), every size.
                var p = LabProgram(lessons: all, size: LabFixtures.sizes[0], lessonID: lesson.id, stepIndex: step)!
                for size in LabFixtures.sizes {
                    p.receive(.resize(size))
                    for (_, caps) in LabFixtures.levels { LabScreenSnapshotTests.checkShape(LabFixtures.frame(p, caps), caps) }
                }
            }
        }
    }
}
