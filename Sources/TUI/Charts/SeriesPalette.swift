/// Colours and pens that tell chart series apart.
///
/// The 256-colour palette follows Okabe and Ito's colour-blind-safe set (orange, sky blue,
/// bluish green, yellow, blue, vermillion, reddish purple, grey), each mapped to the nearest
/// xterm-256 entry. On 8 colours a hand-picked order of distinct ANSI colours is used instead
/// of the nearest match, because nearest-matching folds orange and yellow onto the same entry.
/// Without colour, series are told apart by pens (`* # $ % o x` in ASCII).
public enum SeriesPalette {
    /// Okabe-Ito in xterm-256: orange, sky blue, bluish green, yellow, blue, vermillion, purple, grey.
    public static let full: [UInt8] = [214, 117, 36, 227, 32, 166, 175, 250]
    /// Distinct basic colours in the same spirit: yellow, cyan, green, magenta, red, blue, white
    /// (white last: it is also the axes' colour; blue late: it is dim on a black background).
    public static let eight: [UInt8] = [3, 6, 2, 5, 1, 4, 7]

    /// The colour of series `i` (cycling), already resolved for the output.
    public static func color(_ i: Int, _ caps: Capabilities) -> Color {
        switch caps.colors {
        case .none: return .default
        case .eight: return .ansi(eight[((i % eight.count) + eight.count) % eight.count])
        case .full: return .indexed(full[((i % full.count) + full.count) % full.count])
        }
    }

    /// The pen of series `i` (cycling) for outputs that plot one glyph per column.
    public static func pen(_ i: Int, _ caps: Capabilities) -> String {
        let pens = caps.glyphTable.pens
        return pens[((i % pens.count) + pens.count) % pens.count]
    }

    /// The style for series `i`, resolved for the output.
    public static func style(_ i: Int, _ caps: Capabilities) -> Style {
        Style(foreground: color(i, caps))
    }

    /// Muted text (axes, tick labels) for the output: grey where there is colour.
    public static func axisStyle(_ caps: Capabilities) -> Style {
        switch caps.colors {
        case .none: return .plain
        case .eight: return Style(foreground: .white)
        case .full: return Style(foreground: .indexed(245))
        }
    }

    /// The current-step marker's style: stands out in every mode (bold without colour).
    public static func markerStyle(_ caps: Capabilities) -> Style {
        switch caps.colors {
        case .none: return Style.plain.bold
        case .eight: return Style(foreground: .magenta).bold
        case .full: return Style(foreground: .indexed(201)).bold
        }
    }
}
