import XCTest
@testable import TUI

final class GlyphsTests: XCTestCase {
    /// Every string field of a glyph table, by name (so a new field is checked too).
    private func strings(_ g: Glyphs) -> [(String, String)] {
        var out: [(String, String)] = []
        func walk(_ value: Any, _ path: String) {
            if let s = value as? String { out.append((path, s)); return }
            if let a = value as? [String] { for (i, s) in a.enumerated() { out.append(("\(path)[\(i)]", s)) }; return }
            for child in Mirror(reflecting: value).children { walk(child.value, path + "." + (child.label ?? "?")) }
        }
        walk(g, "glyphs")
        return out
    }

    func testASCIITableIsSevenBit() {
        let all = strings(.ascii)
        XCTAssertGreaterThan(all.count, 40)
        for (name, s) in all { XCTAssertTrue(s.allSatisfy(\.isASCII), "\(name) = \(s)") }
    }

    func testBothTablesHaveTheSameShapeAndDrawingPiecesTakeOneColumn() {
        let u = strings(.unicode), a = strings(.ascii)
        // The same fields (level arrays may differ in length: ASCII has more shades).
        XCTAssertEqual(u.map(\.0).filter { !$0.contains("[") }, a.map(\.0).filter { !$0.contains("[") })
        // Multi-column spellings are allowed only where text reads them (ASCII `->`, `sum`, ...).
        let spelled: Set<String> = ["textArrowRight", "sum", "radical", "norm"]
        for (name, s) in u + a where !spelled.contains(String(name.split(separator: ".").last ?? "")) {
            XCTAssertEqual(TextWidth.of(s), 1, "\(name) = \(s)")
        }
    }
}
