/// The characters widgets draw with, in a Unicode and a plain-ASCII version.
///
/// Every choice between a Unicode symbol and its ASCII stand-in is made here, once, so a
/// widget asks for `caps.glyphTable.minus` rather than testing `caps.unicode` itself.
public struct Glyphs: Sendable {
    /// The ordinary (light) box: frames, tables, diagrams.
    public var border: BorderSet
    /// A focused frame: heavy lines in Unicode, `=` and `#` in ASCII, so focus shows with no colour.
    public var focusBorder: BorderSet
    /// An emphasised box inside a drawing (the current step of a diagram): heavy lines in
    /// Unicode, the light box in ASCII (the drawing marks it some other way there).
    public var heavyBorder: BorderSet
    public var arrowRight: String
    public var arrowLeft: String
    public var arrowUp: String
    public var arrowDown: String
    /// `→` / `->`: an arrow inside running text (ASCII spells it with two characters).
    public var textArrowRight: String
    /// `×` / `x`: a factor (`×0.9 per step`).
    public var times: String
    public var bullet: String
    public var ellipsis: String
    /// `·` / `-`: a separator between items of a line (` · ` in the gallery header).
    public var middleDot: String
    /// `·` / `|`: a separator between fields of a panel title.
    public var fieldSeparator: String
    /// `−` / `-`: the minus sign of a number.
    public var minus: String
    /// `›` / `>`: marks the selected entry of a list.
    public var selectionMarker: String
    /// `▶` / `>`: something is running (an animation).
    public var runningMarker: String
    /// `▸` / `>`: a bar cut at the end of its range.
    public var overflowMarker: String
    /// `┄` / `-`: a dim reference line across a chart.
    public var dottedHorizontal: String
    /// `│` / `:`: the column marking the current step in a chart.
    public var markerVertical: String
    /// `━` / `-`: one column of a line series' legend key (charts draw two).
    public var lineSwatch: String
    /// `═` / `=`: a double rule (under a prose heading).
    public var doubleHorizontal: String
    /// `▌` / `>`: the bar before a quoted paragraph.
    public var quoteBar: String
    /// The track of a scroll bar (`│` / `|`) and its thumb (`┃` / `#`).
    public var scrollTrack: String
    public var scrollThumb: String
    /// Math: `∂` / `d`, `Σ` / `sum`, `√` / `sqrt`, `‖` / `||`, `⟨` / `<`, `⟩` / `>`.
    public var partial: String
    public var sum: String
    public var radical: String
    public var norm: String
    public var angleLeft: String
    public var angleRight: String
    /// Eighth blocks for bars growing upwards, index 0 (empty) ... 8 (full). The ASCII
    /// levels put `_` below `.`, so it comes first.
    public var verticalEighths: [String]
    /// Eighth blocks for bars growing rightwards, index 0 ... 8.
    public var horizontalEighths: [String]
    /// Shades from light to dark, for monochrome heatmaps.
    public var shades: [String]
    /// Pens that tell series apart when there is no colour.
    public var pens: [String]
    /// Math: the bar drawn over one column by `\bar` and `\overline`.
    public var overline: String
    /// Math: a bracket drawn over several rows, by its one-row form: top, middle, bottom
    /// pieces, and for braces a fourth piece marking the middle row.
    public var tallDelimiters: [String: [String]]

    // The light box's pieces, by name (most widgets draw only light lines).
    public var horizontal: String { border.horizontal }
    public var vertical: String { border.vertical }
    public var topLeft: String { border.topLeft }
    public var topRight: String { border.topRight }
    public var bottomLeft: String { border.bottomLeft }
    public var bottomRight: String { border.bottomRight }
    public var teeDown: String { border.teeDown }
    public var teeUp: String { border.teeUp }
    public var teeRight: String { border.teeRight }
    public var teeLeft: String { border.teeLeft }
    public var cross: String { border.cross }

    public static let unicode = Glyphs(
        border: .light, focusBorder: .heavy, heavyBorder: .heavy,
        arrowRight: "→", arrowLeft: "←", arrowUp: "↑", arrowDown: "↓", textArrowRight: "→", times: "×", bullet: "•", ellipsis: "…",
        middleDot: "·", fieldSeparator: "·", minus: "−", selectionMarker: "›", runningMarker: "▶", overflowMarker: "▸",
        dottedHorizontal: "┄", markerVertical: "│", lineSwatch: "━", doubleHorizontal: "═", quoteBar: "▌",
        scrollTrack: "│", scrollThumb: "┃",
        partial: "∂", sum: "Σ", radical: "√", norm: "‖", angleLeft: "⟨", angleRight: "⟩",
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        shades: [" ", "░", "▒", "▓", "█"],
        pens: ["•", "+", "×", "◦", "*", "#"],
        overline: "‾",
        tallDelimiters: [
            "(": ["⎛", "⎜", "⎝"], ")": ["⎞", "⎟", "⎠"], "[": ["⎡", "⎢", "⎣"], "]": ["⎤", "⎥", "⎦"],
            "{": ["⎧", "⎪", "⎩", "⎨"], "}": ["⎫", "⎪", "⎭", "⎬"],
        ]
    )

    public static let ascii = Glyphs(
        border: .ascii, focusBorder: .asciiBold, heavyBorder: .ascii,
        arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v", textArrowRight: "->", times: "x", bullet: "*", ellipsis: "~",
        middleDot: "-", fieldSeparator: "|", minus: "-", selectionMarker: ">", runningMarker: ">", overflowMarker: ">",
        dottedHorizontal: "-", markerVertical: ":", lineSwatch: "-", doubleHorizontal: "=", quoteBar: ">",
        scrollTrack: "|", scrollThumb: "#",
        partial: "d", sum: "sum", radical: "sqrt", norm: "||", angleLeft: "<", angleRight: ">",
        verticalEighths: [" ", "_", "_", ".", "-", "-", "=", "*", "#"],
        horizontalEighths: [" ", " ", " ", " ", "=", "=", "=", "=", "#"],
        shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        pens: ["*", "#", "$", "%", "o", "x"],
        overline: "_",
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
