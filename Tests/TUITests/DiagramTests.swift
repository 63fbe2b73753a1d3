import XCTest
import LabTesting
@testable import TUI

final class DiagramTests: XCTestCase {
    static let capsLevels: [(String, Capabilities)] = [
        ("256", .full), ("8", Capabilities(colors: .eight, glyphs: .unicode)),
        ("none", Capabilities(colors: .none, glyphs: .unicode)), ("ascii", .plainASCII),
    ]

    func testUnrolledGraphAt80And200() {
        let g = UnrolledGraph(steps: 12, current: 3)
        assertSnapshot(g.rendered(size: Size(width: 80, height: 8)).text(), named: "unrolled-80")
        assertSnapshot(g.rendered(size: Size(width: 200, height: 8)).text(), named: "unrolled-200")
        assertSnapshot(g.rendered(size: Size(width: 80, height: 8), capabilities: .plainASCII).text(), named: "unrolled-80-ascii")
        var back = g
        back.direction = .backward
        assertSnapshot(back.rendered(size: Size(width: 80, height: 8)).text(), named: "unrolled-80-backward")
        assertSnapshot(g.rendered(size: Size(width: 60, height: 8), capabilities: Capabilities(colors: .none)).styledText(), named: "unrolled-60-nocolour-styles")
        let colour = UnrolledGraph(steps: 3, current: 2).rendered(size: Size(width: 60, height: 8), capabilities: Capabilities(colors: .eight))
        assertSnapshot(colour.styledText(), named: "unrolled-60-8colour-styles")
        // Inputs are red blocks, outputs blue blocks (8-colour palette).
        XCTAssertEqual(colour.cells.first { $0.symbol == "x" }?.style.background, .ansi(1))
        XCTAssertEqual(colour.cells.first { $0.symbol == "y" }?.style.background, .ansi(4))
        XCTAssertEqual(colour.cells.first { $0.symbol == "f" }?.style.foreground, .default)
        XCTAssertEqual(colour[10, 3].style.foreground, .ansi(2))  // the hidden box frame is green
    }

    func testUnrolledGraphFitsStepsToWidthAndKeepsCurrentVisible() {
        let g = UnrolledGraph(steps: 12, current: 10)
        XCTAssertEqual(g.stepsThatFit(width: 80), 5)
        XCTAssertEqual(g.stepsThatFit(width: 200), 12)
        let text = g.rendered(size: Size(width: 80, height: 8)).text()
        XCTAssertTrue(text.contains("x₁₀"), text)
        XCTAssertFalse(text.contains("x₁ "), text)
        // Exactly one f_W per visible step, and one W bus.
        XCTAssertEqual(text.components(separatedBy: "f_W").count - 1, 5)
        // The current step is drawn heavy and its label reversed.
        let b = g.rendered(size: Size(width: 80, height: 8), capabilities: Capabilities(colors: .none))
        XCTAssertTrue(b.cells.contains { $0.symbol == "┏" })
        XCTAssertTrue(b.cells.contains { $0.symbol == "f" && $0.style.attributes.contains(.reverse) })
    }

    func testUnrolledGraphBackwardReversesArrows() {
        let text = UnrolledGraph(steps: 4, direction: .backward).rendered(size: Size(width: 80, height: 8)).text()
        XCTAssertTrue(text.contains("←"))
        XCTAssertFalse(text.contains("→"))
        XCTAssertTrue(text.contains("↓"))
    }

    func testUnrolledGraphDegradesWhenSmall() {
        let g = UnrolledGraph(steps: 12, current: 2)
        assertSnapshot(g.rendered(size: Size(width: 40, height: 2)).text(), named: "unrolled-compact-40x2")
        for w in [0, 1, 5, 10, 22] { for h in [0, 1, 3, 8] {
            for (_, caps) in DiagramTests.capsLevels {
                let b = g.rendered(size: Size(width: w, height: h), capabilities: caps)
                if caps.glyphs == .ascii { XCTAssertTrue(b.text().utf8.allSatisfy { $0 < 0x80 }) }
            }
        } }
    }

    func testTopologiesAt80And200() {
        let t = SequenceTopologies(highlighted: 1)
        assertSnapshot(t.rendered(size: Size(width: 200, height: 9)).text(), named: "topologies-200")
        assertSnapshot(t.rendered(size: Size(width: 80, height: 18)).text(), named: "topologies-80")
        assertSnapshot(t.rendered(size: Size(width: 80, height: 18), capabilities: .plainASCII).text(), named: "topologies-80-ascii")
        assertSnapshot(t.rendered(size: Size(width: 40, height: 6)).text(), named: "topologies-list-40")
        XCTAssertEqual(SequenceTopologies.height(width: 200), 9)
        XCTAssertEqual(SequenceTopologies.height(width: 80), 18)
    }

    func testTopologiesColourAndLetters() {
        let colour = SequenceTopologies().rendered(size: Size(width: 200, height: 9))
        // Inputs are red blocks, hidden green, outputs blue, as in the cs231n figure.
        func background(of letter: String) -> Set<Color> {
            Set(colour.cells.filter { $0.symbol == letter && $0.style.background != .default }.map(\.style.background))
        }
        XCTAssertEqual(background(of: "x"), [.indexed(203)])
        XCTAssertEqual(background(of: "h"), [.indexed(71)])
        XCTAssertEqual(background(of: "y"), [.indexed(63)])
        // With no colour, brackets mark the nodes.
        let mono = SequenceTopologies().rendered(size: Size(width: 200, height: 9), capabilities: Capabilities(colors: .none))
        XCTAssertTrue(mono.text().contains("[h]→[h]"))
        for label in ["image captioning", "sentiment", "translation", "video", "vanilla"] {
            XCTAssertTrue(colour.text().contains(label), label)
        }
    }

    func testDiagramsDrawNothingOutsideTheirArea() {
        let area = Rect(x: 4, y: 3, width: 70, height: 12)
        for (_, caps) in DiagramTests.capsLevels {
            for widget in [AnyWidgetBox(UnrolledGraph(steps: 9, current: 4)), AnyWidgetBox(SequenceTopologies())] {
                var b = Buffer(width: 90, height: 20)
                widget.render(in: area, into: &b, capabilities: caps)
                for y in 0..<b.height { for x in 0..<b.width where !area.contains(x: x, y: y) {
                    XCTAssertEqual(b[x, y], .blank, "drawn outside at \(x),\(y)")
                } }
            }
        }
    }
}

/// A type-erased widget for looping over several in a test.
struct AnyWidgetBox: Widget {
    let draw: (Rect, inout Buffer, Capabilities) -> Void
    init<W: Widget>(_ w: W) { draw = { w.render(in: $0, into: &$1, capabilities: $2) } }
    func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) { draw(area, &buffer, capabilities) }
}
