import XCTest
import LabTesting
@testable import TUI

/// Shared checks for chart widgets: capability levels, degenerate sizes, sentinel borders.
enum ChartTestSupport {
    /// The capability levels every widget is rendered at.
    static let levels: [(String, Capabilities)] = [
        ("256-unicode", Capabilities(colors: .full, glyphs: .unicode)),
        ("8-unicode", Capabilities(colors: .eight, glyphs: .unicode)),
        ("none-unicode", Capabilities(colors: .none, glyphs: .unicode)),
        ("none-ascii", Capabilities(colors: .none, glyphs: .ascii)),
        ("256-ascii", Capabilities(colors: .full, glyphs: .ascii)),
    ]

    static let degenerateSizes: [Size] = [
        Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 2, height: 1),
        Size(width: 3, height: 3), Size(width: 10, height: 4), Size(width: 1, height: 12), Size(width: 40, height: 1),
    ]

    static let sentinel = Cell("§", style: Style(foreground: .indexed(99)))

    /// Renders into the middle of a larger buffer full of sentinels and fails if any sentinel
    /// outside the area was overwritten. Returns the area's own cells.
    @discardableResult
    static func renderInsideSentinels<W: Widget>(_ w: W, size: Size, caps: Capabilities,
                                                 file: StaticString = #filePath, line: UInt = #line) -> Buffer {
        var big = Buffer(size: Size(width: size.width + 6, height: size.height + 4), fill: sentinel)
        let area = Rect(x: 3, y: 2, width: size.width, height: size.height)
        // The area itself starts blank, like a fresh frame.
        big.fill(area, with: .blank)
        w.render(in: area, into: &big, capabilities: caps)
        for y in 0..<big.height {
            for x in 0..<big.width where !area.contains(x: x, y: y) {
                if big[x, y] != sentinel {
                    XCTFail("wrote outside \(area) at (\(x),\(y)): \(big[x, y].symbol)", file: file, line: line)
                    return big
                }
            }
        }
        var out = Buffer(size: size)
        for y in 0..<size.height { for x in 0..<size.width { out[x, y] = big[x + 3, y + 2] } }
        return out
    }

    /// Fails if any cell holds a non-ASCII byte.
    static func assertASCII(_ b: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        let text = b.text(trimmingTrailing: false)
        if let bad = text.unicodeScalars.first(where: { $0.value > 0x7E || ($0.value < 0x20 && $0 != "\n") }) {
            XCTFail("non-ASCII \(String(bad)) (U+\(String(bad.value, radix: 16))) in:\n\(text)", file: file, line: line)
        }
    }

    /// Fails if any style holds a colour the capability level cannot show.
    static func assertColors(_ b: Buffer, _ caps: Capabilities, file: StaticString = #filePath, line: UInt = #line) {
        for c in b.cells {
            for col in [c.style.foreground, c.style.background] {
                switch (caps.colors, col) {
                case (_, .default), (.full, _): break
                case (.eight, .ansi(let n)) where n < 8: break
                default: XCTFail("colour \(col) at depth \(caps.colors)", file: file, line: line); return
                }
            }
        }
    }

    /// Every check at every level and degenerate size; snapshots the given sizes.
    static func sweep<W: Widget>(_ w: W, name: String, snapshotSizes: [Size], file: StaticString = #filePath, line: UInt = #line) {
        for (levelName, caps) in levels {
            for size in degenerateSizes + snapshotSizes {
                let b = renderInsideSentinels(w, size: size, caps: caps, file: file, line: line)
                if !caps.unicode { assertASCII(b, file: file, line: line) }
                assertColors(b, caps, file: file, line: line)
            }
            for size in snapshotSizes where levelName != "256-ascii" {
                let b = w.rendered(size: size, capabilities: caps)
                assertSnapshot(b.styledText(), named: "\(name)-\(size)-\(levelName)", file: file, line: line)
            }
        }
        // Degenerate sizes in one golden file per widget, at full capabilities.
        let small = degenerateSizes.map { s in "\(s):\n" + w.rendered(size: s, capabilities: .full).text(trimmingTrailing: false) }
        assertSnapshot(small.joined(separator: "\n"), named: "\(name)-degenerate", file: file, line: line)
    }
}
