/// A terminal colour. Widgets pick colours from the 256-colour palette or the 16 ANSI ones;
/// `Capabilities` maps them down to 8 colours or none when the terminal has fewer.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta,
    /// 6 cyan, 7 white; 8...15 their bright forms).
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)

    public static let black = Color.ansi(0)
    public static let red = Color.ansi(1)
    public static let green = Color.ansi(2)
    public static let yellow = Color.ansi(3)
    public static let blue = Color.ansi(4)
    public static let magenta = Color.ansi(5)
    public static let cyan = Color.ansi(6)
    public static let white = Color.ansi(7)
    public static let gray = Color.ansi(8)

    /// Exactly black: ANSI 0, or palette entries 0 and 16 (RGB 0,0,0).
    public var isBlack: Bool {
        switch self {
        case .default: return false
        case .ansi(let n): return n == 0
        case .indexed(let n): return n == 0 || n == 16
        }
    }
}

/// Text attributes, as a bit set.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// How a cell looks: colours and attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static func fg(_ c: Color) -> Style { Style(foreground: c) }
    public var bold: Style { var s = self; s.attributes.insert(.bold); return s }
    public var dim: Style { var s = self; s.attributes.insert(.dim); return s }
    public var italic: Style { var s = self; s.attributes.insert(.italic); return s }
    public var underline: Style { var s = self; s.attributes.insert(.underline); return s }
    public var reversed: Style { var s = self; s.attributes.insert(.reverse); return s }
    public func on(_ background: Color) -> Style { var s = self; s.background = background; return s }

    /// Compact text for golden snapshots, e.g. `fg=i196 bg=a4 +bold`.
    public var description: String {
        var parts: [String] = []
        func name(_ c: Color) -> String {
            switch c {
            case .default: return "default"
            case .ansi(let n): return "a\(n)"
            case .indexed(let n): return "i\(n)"
            }
        }
        if foreground != .default { parts.append("fg=\(name(foreground))") }
        if background != .default { parts.append("bg=\(name(background))") }
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse")]
        for (a, n) in names where attributes.contains(a) { parts.append("+\(n)") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
