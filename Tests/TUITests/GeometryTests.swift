import Testing
@testable import TUI

/// Sizes and rectangles: the arithmetic every layout in the lab stands on.
@Suite struct GeometryTests {
    @Test(arguments: [("100x30", 100, 30), ("80X24", 80, 24), ("0x0", 0, 0)])
    func parsesSizes(text: String, width: Int, height: Int) {
        #expect(Size(parsing: text) == Size(width: width, height: height))
    }

    @Test(arguments: ["", "100", "x30", "100x", "-1x5", "10x10x10", "axb"])
    func rejectsMalformedSizes(text: String) {
        #expect(Size(parsing: text) == nil)
    }

    @Test func splitsNeverOverlapAndCoverTheWhole() {
        let r = Rect(x: 3, y: 2, width: 20, height: 10)
        let (top, rest) = r.splitTop(4)
        #expect(top == Rect(x: 3, y: 2, width: 20, height: 4))
        #expect(rest == Rect(x: 3, y: 6, width: 20, height: 6))
        let (left, right) = r.splitRight(5)
        #expect(left.width + right.width == r.width)
        #expect(right.minX == left.maxX)
        // Asking for more than there is gives all of it, never a negative size.
        #expect(r.splitLeft(50).0 == r)
        #expect(r.splitBottom(-3).1.height == 0)
        #expect(r.inset(by: 6).isEmpty)
    }

    @Test func intersectionOfDisjointRectanglesIsEmpty() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        #expect(a.intersection(Rect(x: 5, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.intersection(Rect(x: 2, y: 3, width: 10, height: 10)) == Rect(x: 2, y: 3, width: 3, height: 2))
        #expect(a.contains(x: 4, y: 4))
        #expect(!a.contains(x: 5, y: 4))
    }
}
