import TUICurses
import XCTest

final class ColorPairCacheTests: XCTestCase {
    func testDefaultsUsePairZeroWithoutAllocating() {
        var cache = ColorPairCache(capacity: 64)
        var calls = 0
        XCTAssertEqual(cache.pair(foreground: -1, background: -1) { _, _, _ in calls += 1; return true }, 0)
        XCTAssertEqual(calls, 0)
    }

    func testPairsAreAllocatedOnceAndReused() {
        var cache = ColorPairCache(capacity: 64)
        var defined: [(Int32, Int32, Int32)] = []
        let a = cache.pair(foreground: 1, background: -1) { defined.append(($0, $1, $2)); return true }
        let b = cache.pair(foreground: 2, background: 4) { defined.append(($0, $1, $2)); return true }
        let again = cache.pair(foreground: 1, background: -1) { defined.append(($0, $1, $2)); return true }
        XCTAssertEqual([a, b, again], [1, 2, 1])
        XCTAssertEqual(defined.count, 2)
        XCTAssertEqual(defined[1].0, 2)
        XCTAssertEqual(defined[1].1, 2)
        XCTAssertEqual(defined[1].2, 4)
    }

    /// An 8-colour terminal has 64 pairs: 9 x 9 combinations (with the default) do not fit.
    func testRunningOutKeepsTheForeground() {
        var cache = ColorPairCache(capacity: 64)
        var pairs: [Int32: (Int32, Int32)] = [:]
        for fg in Int32(-1)...7 {
            for bg in Int32(-1)...7 {
                let p = cache.pair(foreground: fg, background: bg) { pairs[$0] = ($1, $2); return true }
                if p != 0 { XCTAssertEqual(pairs[p]?.0, fg, "the foreground survives") }
            }
        }
        XCTAssertEqual(cache.allocated, 63, "pairs 1...63")
        XCTAssertTrue(pairs.keys.allSatisfy { (1..<64).contains($0) })
    }

    func testRefusedPairFallsBack() {
        var cache = ColorPairCache(capacity: 64)
        let p = cache.pair(foreground: 3, background: 5) { _, _, bg in bg == -1 }
        XCTAssertEqual(p, 1, "defined as (3, default) instead")
        XCTAssertEqual(cache.pairs[ColorPairCache.Key(3, -1)], 1)
    }
}
