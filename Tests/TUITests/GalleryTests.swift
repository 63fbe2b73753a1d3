import XCTest
import LabTesting
@testable import TUI

final class GalleryTests: XCTestCase {
    static let sizes = [Size(width: 200, height: 50), Size(width: 100, height: 30), Size(width: 80, height: 24)]
    static let levels: [(String, Capabilities)] = [
        ("256-unicode", Capabilities(colors: .full, glyphs: .unicode)),
        ("8-unicode", Capabilities(colors: .eight, glyphs: .unicode)),
        ("none-ascii", Capabilities(colors: .none, glyphs: .ascii)),
    ]

    func testSnapshots() {
        for size in Self.sizes {
            for (name, caps) in Self.levels {
                let b = Gallery().rendered(size: size, capabilities: caps)
                assertSnapshot(b.styledText(), named: "gallery-\(size)-\(name)")
                if !caps.unicode { ChartTestSupport.assertASCII(b) }
                ChartTestSupport.assertColors(b, caps)
            }
        }
    }

    func testFitsEverySizeAndStaysInside() {
        for (_, caps) in ChartTestSupport.levels {
            for size in ChartTestSupport.degenerateSizes + [Size(width: 45, height: 12), Size(width: 120, height: 40), Size(width: 250, height: 70)] {
                let b = ChartTestSupport.renderInsideSentinels(Gallery(), size: size, caps: caps)
                if !caps.unicode { ChartTestSupport.assertASCII(b) }
            }
        }
    }

    func testMoreRoomShowsMorePanels() {
        let all = Gallery().entries(.full)
        let small = Gallery().rendered(size: Size(width: 80, height: 24)).text()
        let big = Gallery().rendered(size: Size(width: 200, height: 50)).text()
        let inSmall = all.filter { small.contains($0.title) }.count
        let inBig = all.filter { big.contains($0.title) }.count
        XCTAssertEqual(inBig, all.count, big)
        XCTAssertGreaterThanOrEqual(inSmall, 4, small)
        XCTAssertLessThan(inSmall, inBig)
    }

    func testAnimatingTheStepChangesFewCells() {
        // The lab advances one step at a time: the diff between two frames stays small.
        let a = Gallery(step: 30).rendered(size: Size(width: 200, height: 50))
        let b = Gallery(step: 31).rendered(size: Size(width: 200, height: 50))
        let changed = b.diff(from: a).count
        XCTAssertGreaterThan(changed, 0)
        XCTAssertLessThan(changed, 200 * 50 / 4)
    }
}
