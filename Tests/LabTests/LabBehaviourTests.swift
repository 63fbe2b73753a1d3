import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// What keys do: steps, time, animation, scrolling, help, back and quit.
final class LabBehaviourTests: XCTestCase {
    private let size = Size(width: 100, height: 30)

    private func key(_ p: inout LabProgram, _ k: Key) -> Command<LabMessage> { p.update(.key(k)) }
    private func char(_ p: inout LabProgram, _ c: Character) -> Command<LabMessage> { p.update(.key(.character(c))) }

    func testHomeOpensTheSelectedLesson() {
        var p = LabFixtures.home(size)
        XCTAssertEqual(p.screenKind, .home)
        _ = key(&p, .enter)
        XCTAssertEqual(p.screenKind, .lesson)
        XCTAssertEqual(p.session?.lesson.id, "fixture")
        XCTAssertEqual(p.session?.stepIndex, 0)
    }

    func testGalleryOpensFromHomeMovesInTimeAndGoesBack() {
        var p = LabFixtures.home(size)
        _ = char(&p, "g")
        XCTAssertEqual(p.screenKind, .gallery)
        XCTAssertEqual(p.screen, .gallery(step: 30))
        let before = LabFixtures.frame(p, .full).text()
        _ = char(&p, "n")
        XCTAssertEqual(p.screen, .gallery(step: 31))
        XCTAssertNotEqual(LabFixtures.frame(p, .full).text(), before, "the time marker moves")
        _ = char(&p, "p"); _ = char(&p, "p")
        XCTAssertEqual(p.screen, .gallery(step: 29))
        for _ in 0..<100 { _ = char(&p, "n") }
        XCTAssertEqual(p.screen, .gallery(step: 47), "clamped at the last sample")
        _ = key(&p, .escape)
        XCTAssertEqual(p.screenKind, .home)
        _ = char(&p, "g")
        XCTAssertEqual(key(&p, .character("q")), .quit)
    }

    func testStepKeys() {
        var p = LabFixtures.lesson(size, step: 0)
        for k in [Key.right, .character("l"), .enter] { _ = key(&p, k) }
        XCTAssertEqual(p.session?.stepIndex, 3)
        for k in [Key.left, .character("h")] { _ = key(&p, k) }
        XCTAssertEqual(p.session?.stepIndex, 1)
        // Clamped at both ends.
        for _ in 0..<20 { _ = key(&p, .right) }
        XCTAssertEqual(p.session?.stepIndex, LabFixtures.lessons[0].steps.count - 1)
        for _ in 0..<20 { _ = key(&p, .left) }
        XCTAssertEqual(p.session?.stepIndex, 0)
    }

    func testTimeKeysMoveTheExperiment() throws {
        var p = LabFixtures.lesson(size, step: 1)
        let start = try XCTUnwrap(p.session?.experiment?.time)
        XCTAssertEqual(start, 6, "step 2 starts at the lesson's `start: 6`")
        _ = char(&p, "n"); _ = char(&p, "n")
        XCTAssertEqual(p.session?.experiment?.time, 8)
        _ = char(&p, "p")
        XCTAssertEqual(p.session?.experiment?.time, 7)
    }

    /// A step left and come back to is as it was left (time, training), but paused; the
    /// prose starts from the top. Reopening the lesson starts afresh.
    func testChangingStepKeepsThePanelPausedAndResetsScroll() {
        var p = LabFixtures.lesson(size, step: 1)
        _ = char(&p, "n"); _ = char(&p, "j"); _ = char(&p, " ")
        _ = key(&p, .right)
        XCTAssertNil(p.tickInterval, "the step left behind does not run")
        _ = key(&p, .left)
        XCTAssertEqual(p.session?.experiment?.time, 7, "the time step as it was left")
        XCTAssertEqual(p.session?.scroll, 0)
        XCTAssertEqual(p.session?.isRunning, false)
        XCTAssertNil(p.tickInterval)
        _ = key(&p, .escape)
        _ = key(&p, .enter)
        XCTAssertEqual(p.session?.experiment?.time, 6, "a reopened lesson starts from the step's own start")
    }

    func testSpaceAnimatesAndStopsAtTheLastStep() throws {
        var p = LabFixtures.lesson(size, step: 1)
        XCTAssertNil(p.tickInterval, "idle: the loop must block")
        _ = char(&p, " ")
        XCTAssertEqual(p.tickInterval, LabProgram.animationInterval)
        let steps = try XCTUnwrap(p.session?.experiment?.steps)
        for _ in 0..<(steps * 2) { _ = p.update(.tick) }
        XCTAssertEqual(p.session?.experiment?.time, steps)
        XCTAssertNil(p.tickInterval, "auto-stops at the last time step")
        // Space at the end plays again from t = 1.
        _ = char(&p, " ")
        XCTAssertEqual(p.session?.experiment?.time, 1)
        XCTAssertNotNil(p.tickInterval)
        _ = char(&p, " ")
        XCTAssertNil(p.tickInterval, "space pauses")
    }

    func testTicksDoNothingWhenPaused() {
        var p = LabFixtures.lesson(size, step: 1)
        _ = p.update(.tick)
        XCTAssertEqual(p.session?.experiment?.time, 6)
    }

    func testScrollingIsClamped() {
        var p = LabFixtures.lesson(Size(width: 80, height: 24), step: 2)
        XCTAssertGreaterThan(p.maxScroll, 0, "step 3 is longer than the prose area at 80x24")
        for _ in 0..<200 { _ = char(&p, "j") }
        XCTAssertEqual(p.session?.scroll, p.maxScroll)
        _ = key(&p, .up)
        XCTAssertEqual(p.session?.scroll, p.maxScroll - 1)
        for _ in 0..<200 { _ = key(&p, .up) }
        XCTAssertEqual(p.session?.scroll, 0)
    }

    func testScrollingChangesTheFrame() {
        var p = LabFixtures.lesson(Size(width: 80, height: 24), step: 2)
        let before = LabFixtures.frame(p).text()
        _ = char(&p, "j")
        XCTAssertNotEqual(LabFixtures.frame(p).text(), before)
    }

    func testHelpOpensAndAnyKeyClosesIt() {
        var p = LabFixtures.lesson(size, step: 1)
        _ = char(&p, "?")
        XCTAssertTrue(p.helpVisible)
        _ = char(&p, "n")
        XCTAssertFalse(p.helpVisible)
        XCTAssertEqual(p.session?.experiment?.time, 6, "the closing key does nothing else")
        _ = char(&p, "?")
        _ = key(&p, .escape)
        XCTAssertFalse(p.helpVisible)
        XCTAssertEqual(p.screenKind, .lesson, "Esc closes help first")
    }

    func testEscapeGoesBackHome() {
        var p = LabFixtures.lesson(size, step: 1)
        _ = key(&p, .escape)
        XCTAssertEqual(p.screenKind, .home)
    }

    func testQuitFromAnywhere() {
        var home = LabFixtures.home(size)
        XCTAssertEqual(char(&home, "q"), .quit)
        var lesson = LabFixtures.lesson(size, step: 1)
        XCTAssertEqual(char(&lesson, "q"), .quit)
        var help = LabFixtures.lesson(size, step: 1)
        _ = char(&help, "?")
        XCTAssertEqual(char(&help, "q"), .quit)
        var small = LabFixtures.lesson(Size(width: 40, height: 10), step: 1)
        XCTAssertEqual(char(&small, "q"), .quit)
        XCTAssertEqual(help.update(.signal(2)), .quit)
    }

    func testTooSmallRecoversOnResize() {
        var p = LabFixtures.lesson(size, step: 1)
        _ = p.update(.resize(Size(width: 60, height: 20)))
        XCTAssertEqual(p.screenKind, .tooSmall)
        _ = char(&p, "n")
        XCTAssertEqual(p.session?.experiment?.time, 6, "keys other than q wait while the screen is too small")
        _ = p.update(.resize(Size(width: 80, height: 24)))
        XCTAssertEqual(p.screenKind, .lesson)
    }

    func testUnknownKeysAreIgnored() {
        var p = LabFixtures.lesson(size, step: 1)
        let before = p
        for k in [Key.character("z"), .function(5), .tab, .end] { XCTAssertEqual(key(&p, k), .none) }
        XCTAssertEqual(p, before)
    }

    func testPagingScrollsByAScreenful() {
        var p = LabFixtures.lesson(Size(width: 80, height: 24), step: 2)
        _ = key(&p, .pageDown)
        let page = p.session?.scroll ?? 0
        XCTAssertGreaterThan(page, 1)
        XCTAssertLessThanOrEqual(page, p.maxScroll)
        _ = key(&p, .pageUp)
        XCTAssertEqual(p.session?.scroll, 0)
    }

    func testHomeWithoutLessons() {
        var p = LabProgram(lessons: [], size: size)
        XCTAssertEqual(key(&p, .enter), .none)
        XCTAssertEqual(p.screenKind, .home)
        XCTAssertTrue(LabFixtures.frame(p).text().contains("No lessons found."))
    }

    func testHomeCursorWraps() {
        var p = LabFixtures.home(size)
        _ = key(&p, .up)
        XCTAssertEqual(p.homeCursor, LabFixtures.lessons.count - 1)
        _ = key(&p, .down)
        XCTAssertEqual(p.homeCursor, 0)
    }
}
