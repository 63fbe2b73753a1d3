import XCTest
import LabTesting
@testable import TUI

final class PanelTests: XCTestCase {
    func testTitledPanelAroundAnEquation() {
        let p = Panel(title: "LSTM", footer: "space: step", child: Equation(#"c_t = f \odot c_{t-1} + i \odot g"#))
        assertSnapshot(p.rendered(size: Size(width: 30, height: 4)).text(), named: "panel-equation")
        assertSnapshot(p.rendered(size: Size(width: 30, height: 4), capabilities: .plainASCII).text(), named: "panel-equation-ascii")
    }

    func testFocusShowsWithoutColour() {
        let plain = Panel(title: "W", child: EmptyWidget()).rendered(size: Size(width: 10, height: 3), capabilities: Capabilities(colors: .none))
        let focus = Panel(title: "W", focused: true, child: EmptyWidget()).rendered(size: Size(width: 10, height: 3), capabilities: Capabilities(colors: .none))
        XCTAssertEqual(plain[0, 0].symbol, "┌")
        XCTAssertEqual(focus[0, 0].symbol, "┏")
        XCTAssertTrue(focus[0, 0].style.attributes.contains(.bold))
        let asciiFocus = Panel(title: "W", focused: true, child: EmptyWidget()).rendered(size: Size(width: 10, height: 3), capabilities: .plainASCII)
        XCTAssertEqual(asciiFocus.lines(), ["#= W ====#", "#        #", "#========#"])
    }

    func testLongTitleIsTruncatedAndChildClipped() {
        let p = Panel(title: "A very long panel title indeed", child: Prose(markdown: "Some long text that must wrap inside the panel."))
        let b = p.rendered(size: Size(width: 16, height: 5))
        assertSnapshot(b.text(), named: "panel-truncated")
        XCTAssertTrue(b.lines()[0].contains("…"))
        XCTAssertEqual(Panel<EmptyWidget>.inner(Rect(x: 0, y: 0, width: 16, height: 5)), Rect(x: 1, y: 1, width: 14, height: 3))
        for w in 0...3 { for h in 0...3 { _ = p.rendered(size: Size(width: w, height: h)) } }
    }
}
