import XCTest
@testable import TUI

/// Hostile Markdown: nesting is bounded and the inline parser's searches stay linear.
final class ProseLimitsTests: XCTestCase {
    private func depth(_ blocks: [ProseBlock]) -> Int {
        blocks.map { b -> Int in
            switch b {
            case .quote(let inner): return 1 + depth(inner)
            case .list(_, _, let items): return 1 + (items.map(depth).max() ?? 0)
            default: return 0
            }
        }.max() ?? 0
    }

    func testDeepQuotesAndListsStopAtTheLimit() {
        for md in [String(repeating: "> ", count: 2_000) + "x", String(repeating: "- ", count: 2_000) + "x"] {
            let doc = ProseDocument(markdown: md)
            XCTAssertEqual(depth(doc.blocks), BlockParser.maxDepth, String(md.prefix(4)))
            // The rest is drawn as text, not dropped.
            let layout = ProseLayout(document: doc, width: 60, capabilities: .full)
            XCTAssertGreaterThan(layout.height, 0)
        }
        XCTAssertEqual(depth(ProseDocument(markdown: "> > > x").blocks), 3)
    }

    func testDeepEmphasisAndLinksStopAtTheLimit() {
        let n = 2_000
        let nested = String(repeating: "*a ", count: n) + String(repeating: "b* ", count: n)
        XCTAssertFalse(InlineParser.parse(nested).isEmpty)
        let links = String(repeating: "[", count: n) + "x" + String(repeating: "](u)", count: n)
        XCTAssertTrue(InlineParser.parse(links).map(\.text).joined().contains("x"))
    }

    /// Openers without closers once cost a scan to the end each: n²/2 character visits.
    func testUnclosedOpenersAreSearchedOnce() {
        for unit in ["*a ", "_a ", "**a ", "`a ", "$a ", "[a ", "a](", "$$a "] {
            let small = InlineParser.parseCountingWork(String(repeating: unit, count: 1_000))
            let large = InlineParser.parseCountingWork(String(repeating: unit, count: 10_000))
            XCTAssertFalse(large.spans.isEmpty, unit)
            XCTAssertLessThanOrEqual(large.work, 10 * small.work + 100, unit)
            XCTAssertLessThanOrEqual(large.work, 4 * 3 * 10_000, unit)
        }
        // Matches still work, nested and after failed openers.
        XCTAssertEqual(InlineParser.parse("**bold *it* x** *a *b").map(\.text), ["bold ", "it", " x", " *a *b"])
        XCTAssertEqual(InlineParser.parse("x * y **bold** `c` $m$").map(\.text), ["x * y ", "bold", " ", "c", " ", "m"])
    }
}
