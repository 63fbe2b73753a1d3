/// How many colours the output can show.
public enum ColorDepth: String, Hashable, Sendable, CaseIterable, Comparable {
    case none
    case eight = "8"
    case full = "256"

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool {
        let order: [ColorDepth] = [.none, .eight, .full]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Which glyphs the output can show.
public enum GlyphSet: String, Hashable, Sendable, CaseIterable {
    /// Braille, box drawing, block elements, Greek and math symbols.
    case unicode
    /// Seven-bit ASCII only.
    case ascii
}

/// What the output can show, decided once at start-up (from the terminal, the locale,
/// `NO_COLOR` or flags) and passed to every widget. Widgets never ask the terminal.
public struct Capabilities: Hashable, Sendable {
    public var colors: ColorDepth
    public var glyphs: GlyphSet

    public init(colors: ColorDepth = .full, glyphs: GlyphSet = .unicode) {
        self.colors = colors
        self.glyphs = glyphs
    }

    public static let full = Capabilities(colors: .full, glyphs: .unicode)
    public static let plainASCII = Capabilities(colors: .none, glyphs: .ascii)

    public var unicode: Bool { glyphs == .unicode }

    /// The colour a terminal of this depth shows for `c` as a foreground on the terminal's own
    /// background (how widgets use a lone colour: text, lines, pens).
    ///
    /// Black there becomes the terminal's default foreground, like every other foreground
    /// on the default background in `resolve(_ s: Style)`.
    public func resolve(_ c: Color) -> Color {
        Capabilities.readable(mapped(c), on: .default)
    }

    /// A style as this output shows it: colours mapped down; with no colours, attributes stay
    /// (bold, underline, reverse carry the emphasis instead).
    ///
    /// A black foreground on the terminal's default background becomes the default
    /// foreground: the default background is black on most terminals, and on 8 colours every
    /// grey (the palette's 232…243, ANSI 8 "bright black") maps down to black, which made
    /// muted text, borders and legend labels invisible. Black on an explicit background (the
    /// title bar's black on cyan) stays.
    public func resolve(_ s: Style) -> Style {
        let background = mapped(s.background)
        return Style(foreground: Capabilities.readable(mapped(s.foreground), on: background),
                     background: background, attributes: s.attributes)
    }

    /// `c` mapped to this depth, with no regard to what it is drawn on.
    private func mapped(_ c: Color) -> Color {
        switch (colors, c) {
        case (_, .default): return .default
        case (.none, _): return .default
        case (.full, _): return c
        case (.eight, .ansi(let n)): return .ansi(n % 8)
        case (.eight, .indexed(let n)): return .ansi(Capabilities.nearestANSI8(n))
        }
    }

    /// The foreground to draw instead of `foreground` on `background` (both already mapped):
    /// never black on the default background.
    static func readable(_ foreground: Color, on background: Color) -> Color {
        if background == .default && foreground.isBlack { return .default }
        return foreground
    }

    /// The nearest of the 8 basic colours to an xterm-256 palette entry.
    /// A grey (the ramp 232…255 and the cube's r = g = b entries) becomes black or white,
    /// whichever is nearer in lightness: by plain distance the middle greys (243, 244) are
    /// nearest to yellow.
    public static func nearestANSI8(_ n: UInt8) -> UInt8 {
        if n < 16 { return n % 8 }
        let (r, g, b) = rgb(n)
        if r == g && g == b { return r < 128 ? 0 : 7 }
        // Basic colours as their usual xterm values.
        let basics: [(UInt8, Int, Int, Int)] = [
            (0, 0, 0, 0), (1, 205, 0, 0), (2, 0, 205, 0), (3, 205, 205, 0),
            (4, 0, 0, 238), (5, 205, 0, 205), (6, 0, 205, 205), (7, 229, 229, 229),
        ]
        var best: UInt8 = 7
        var bestD = Int.max
        for (i, br, bg, bb) in basics {
            let d = (r - br) * (r - br) + (g - bg) * (g - bg) + (b - bb) * (b - bb)
            if d < bestD { bestD = d; best = i }
        }
        return best
    }

    /// The RGB value of an xterm-256 palette entry at 16 or above.
    public static func rgb(_ n: UInt8) -> (Int, Int, Int) {
        if n >= 232 {
            let v = 8 + 10 * Int(n - 232)
            return (v, v, v)
        }
        let i = Int(n) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[(i / 36) % 6], steps[(i / 6) % 6], steps[i % 6])
    }
}
