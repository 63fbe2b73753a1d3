/// The characters widgets draw with, in a Unicode and a plain-ASCII version.
public struct Glyphs: Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var teeDown: String
    public var teeUp: String
    public var teeRight: String
    public var teeLeft: String
    public var cross: String
    public var arrowRight: String
    public var arrowLeft: String
    public var arrowUp: String
    public var arrowDown: String
    public var bullet: String
    public var ellipsis: String
    /// Eighth blocks for bars growing upwards, index 0 (empty) ... 8 (full).
    public var verticalEighths: [String]
    /// Eighth blocks for bars growing rightwards, index 0 ... 8.
    public var horizontalEighths: [String]
    /// Shades from light to dark, for monochrome heatmaps.
    public var shades: [String]
    /// Pens that tell series apart when there is no colour.
    public var pens: [String]
    /// A double rule (under a top-level prose heading).
    public var doubleHorizontal: String
    /// The bar before quoted prose (with a space after it).
    public var quoteBar: String
    /// Math: the sign before a root's argument (`√x`, `sqrt(x)`).
    public var radical: String
    /// Math: a norm bar, `‖x‖`.
    public var norm: String
    /// Math: angle brackets, `⟨a, b⟩`.
    public var angleOpen: String
    public var angleClose: String
    /// Math: the bar drawn over one column by `\bar` and `\overline`.
    public var overline: String
    /// Math: a bracket drawn over several rows, by its one-row form: top, middle, bottom
    /// pieces, and for braces a fourth piece marking the middle row.
    public var tallDelimiters: [String: [String]]

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", cross: "┼",
        arrowRight: "→", arrowLeft: "←", arrowUp: "↑", arrowDown: "↓", bullet: "•", ellipsis: "…",
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        shades: [" ", "░", "▒", "▓", "█"],
        pens: ["•", "+", "×", "◦", "*", "#"],
        doubleHorizontal: "═", quoteBar: "▌", radical: "√", norm: "‖", angleOpen: "⟨", angleClose: "⟩", overline: "‾",
        tallDelimiters: [
            "(": ["⎛", "⎜", "⎝"], ")": ["⎞", "⎟", "⎠"], "[": ["⎡", "⎢", "⎣"], "]": ["⎤", "⎥", "⎦"],
            "{": ["⎧", "⎪", "⎩", "⎨"], "}": ["⎫", "⎪", "⎭", "⎬"],
        ]
    )

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", cross: "+",
        arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v", bullet: "*", ellipsis: "~",
        verticalEighths: [" ", ".", ".", "_", "_", "=", "=", "#", "#"],
        horizontalEighths: [" ", " ", " ", " ", "=", "=", "=", "=", "#"],
        shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        pens: ["*", "#", "$", "%", "o", "x"],
        doubleHorizontal: "=", quoteBar: ">", radical: "sqrt", norm: "||", angleOpen: "<", angleClose: ">", overline: "_",
        tallDelimiters: [
            "(": ["/", "|", "\\"], ")": ["\\", "|", "/"], "[": ["[", "[", "["], "]": ["]", "]", "]"],
            "{": ["/", "|", "\\", "<"], "}": ["\\", "|", "/", ">"],
        ]
    )

    public static func forSet(_ set: GlyphSet) -> Glyphs { set == .unicode ? .unicode : .ascii }
}

extension Capabilities {
    public var glyphTable: Glyphs { Glyphs.forSet(glyphs) }
}
