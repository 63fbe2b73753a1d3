import TUI
import XCTest

/// Colours resolved for a depth: never black on the terminal's default background (invisible
/// on the dark terminals most people use), black on an explicit background kept.
final class ColorResolutionTests: XCTestCase {
    private let eight = Capabilities(colors: .eight, glyphs: .unicode)
    private let full = Capabilities(colors: .full, glyphs: .unicode)
    private let none = Capabilities(colors: .none, glyphs: .unicode)

    /// Every colour a widget can name: default, the 16 ANSI ones, the 256 palette entries.
    private var everyColor: [Color] {
        [.default] + (0..<16).map { Color.ansi(UInt8($0)) } + (0...255).map { Color.indexed(UInt8($0)) }
    }

    /// The greys the lab uses for muted text, borders and legends fold onto black at 8 colours;
    /// on the default background they become the default foreground instead.
    func testGreysOnDefaultBackgroundAreDefaultAtEightColours() {
        for grey in [Color.gray, .black, .indexed(232), .indexed(236), .indexed(240), .indexed(243)] {
            XCTAssertEqual(eight.resolve(Style.fg(grey)).foreground, .default, "\(grey)")
            XCTAssertEqual(eight.resolve(grey), .default, "\(grey) as a lone foreground")
        }
        // Lighter greys map to white, which stays; no grey becomes a colour.
        XCTAssertEqual(eight.resolve(Style.fg(.indexed(250))).foreground, .ansi(7))
        let greys: [UInt8: UInt8] = [232: 0, 243: 0, 244: 7, 255: 7, 16: 0, 59: 0, 102: 7, 145: 7, 188: 7, 231: 7]
        for (n, expected) in greys {
            XCTAssertEqual(Capabilities.nearestANSI8(n), expected, "grey \(n)")
        }
    }

    func testAttributesSurviveTheMapping() {
        let s = eight.resolve(Style.fg(.indexed(240)).bold.underline)
        XCTAssertEqual(s, Style(foreground: .default, attributes: [.bold, .underline]))
    }

    /// Black on an explicit background is a deliberate pair (the title bar, a selection).
    func testBlackOnAColouredBackgroundStays() {
        let title = Style(foreground: .black, background: .cyan).bold
        XCTAssertEqual(eight.resolve(title), title)
        XCTAssertEqual(full.resolve(title), title)
        XCTAssertEqual(eight.resolve(Style(foreground: .gray, background: .indexed(214))),
                       Style(foreground: .ansi(0), background: .ansi(3)))
    }

    /// Backgrounds are only mapped: black as a background (heatmap cells) is kept.
    func testBlackBackgroundStays() {
        XCTAssertEqual(eight.resolve(Style.plain.on(.indexed(236))), Style.plain.on(.ansi(0)))
        XCTAssertEqual(eight.resolve(Style(foreground: .red, background: .black)), Style(foreground: .red, background: .black))
    }

    /// At 256 colours only true black changes; every other entry is drawn as named.
    func testFullDepthChangesOnlyTrueBlack() {
        for c in everyColor {
            let resolved = full.resolve(Style.fg(c)).foreground
            XCTAssertEqual(resolved, c.isBlack ? .default : c, "\(c)")
        }
        XCTAssertTrue(Color.indexed(16).isBlack)
        XCTAssertFalse(Color.indexed(232).isBlack)
    }

    /// The property the issue asks for: at no depth is any colour drawn as black on the
    /// default background, and resolving twice changes nothing.
    func testNeverBlackOnDefaultBackground() {
        for caps in [eight, full, none] {
            for fg in everyColor {
                let lone = caps.resolve(fg)
                XCTAssertFalse(lone.isBlack, "\(caps.colors) \(fg)")
                for bg in [Color.default, .black, .cyan, .indexed(236), .indexed(250)] {
                    let s = caps.resolve(Style(foreground: fg, background: bg))
                    if s.background == .default {
                        XCTAssertFalse(s.foreground.isBlack, "\(caps.colors) \(fg) on \(bg)")
                    }
                    XCTAssertEqual(caps.resolve(s), s, "idempotent: \(caps.colors) \(fg) on \(bg)")
                }
                // A lone colour resolves as the foreground of a style on the default background.
                XCTAssertEqual(lone, caps.resolve(Style.fg(fg)).foreground, "\(caps.colors) \(fg)")
            }
        }
    }

    /// Every non-grey colour keeps its nearest basic colour at 8 colours.
    func testEightColourMappingOfNonBlack() {
        XCTAssertEqual(eight.resolve(Style.fg(.indexed(196))).foreground, .ansi(1))
        XCTAssertEqual(eight.resolve(Style.fg(.indexed(75))).foreground, .ansi(6))
        XCTAssertEqual(eight.resolve(Style.fg(.ansi(9))).foreground, .ansi(1))
        XCTAssertEqual(none.resolve(Style(foreground: .red, background: .blue).bold), Style.plain.bold)
    }
}
