import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// The whole loop: key events through `Runtime.run` on a `TextBackend`, as the terminal
/// would send them.
final class LabHarnessTests: XCTestCase {
    private let size = Size(width: 100, height: 30)

    /// Runs the program on scripted events and returns the final screen and the program.
    private func run(_ events: [Event], program: LabProgram, caps: Capabilities = .full) -> (Buffer, LabProgram) {
        var p = program
        var backend = TextBackend(size: program.size, capabilities: caps, events: events)
        Runtime.run(&p, on: &backend, stopWhenIdle: true)
        return (backend.screen, p)
    }

    /// The rows of the live panel (below the separator at 100x30).
    private func panelRows(_ screen: Buffer) -> [String] {
        Array(screen.lines().suffix(16).dropLast())
    }

    func testChartChangesAfterN() {
        let start = LabFixtures.lesson(size, step: 1)
        let (before, _) = run([], program: start)
        let (after, p) = run([.key(.character("n"))], program: start)
        XCTAssertEqual(p.session?.experiment?.time, 7)
        XCTAssertNotEqual(panelRows(before), panelRows(after), "the panel must change after n")
        XCTAssertTrue(before.text().contains("t = 6 / 36"))
        XCTAssertTrue(after.text().contains("t = 7 / 36"))
        // The prose did not move.
        XCTAssertEqual(Array(before.lines().prefix(12)), Array(after.lines().prefix(12)))
    }

    func testWholeSessionFromHome() {
        let events: [Event] = [
            .key(.enter), .key(.right), .key(.character("n")), .key(.character("n")),
            .key(.character("?")), .key(.character("x")), .key(.character("p")),
        ]
        let (screen, p) = run(events, program: LabFixtures.home(size))
        XCTAssertEqual(p.session?.stepIndex, 1)
        XCTAssertEqual(p.session?.experiment?.time, 7)
        XCTAssertFalse(p.helpVisible)
        XCTAssertTrue(screen.text().contains("step 2/"))
    }

    func testFramesAreIdenticalAcrossRuns() {
        let events: [Event] = [.key(.enter), .key(.right)] + Array(repeating: .key(.character("n")), count: 9)
            + [.key(.character(" ")), .tick, .tick, .tick]
        for (_, caps) in LabFixtures.levels {
            let (a, pa) = run(events, program: LabFixtures.home(size), caps: caps)
            let (b, pb) = run(events, program: LabFixtures.home(size), caps: caps)
            XCTAssertEqual(a, b)
            XCTAssertEqual(pa, pb)
            XCTAssertEqual(pa.session?.experiment?.time, 18)
        }
    }

    func testDiffsAreSmallWhenTimeAdvances() {
        var p = LabFixtures.lesson(size, step: 1)
        var backend = TextBackend(size: size, events: [.key(.character("n"))])
        Runtime.run(&p, on: &backend, stopWhenIdle: true)
        XCTAssertEqual(backend.drawnCounts.first, size.width * size.height, "first frame is drawn whole")
        let second = backend.drawnCounts.dropFirst().first ?? 0
        XCTAssertGreaterThan(second, 0)
        XCTAssertLessThan(second, size.width * size.height / 4, "one time step redraws only a few cells")
    }

    func testResizeEventRedrawsAtTheNewSize() {
        let (screen, p) = run([.resize(Size(width: 60, height: 20))], program: LabFixtures.lesson(size, step: 1))
        XCTAssertEqual(screen.size, Size(width: 60, height: 20))
        XCTAssertEqual(p.screenKind, .tooSmall)
        XCTAssertTrue(screen.text().contains("too small"))
    }
}
