/// One grapheme with its display width and style, ready to be placed on a line.
public struct StyledGlyph: Hashable, Sendable {
    public var symbol: String
    public var width: Int
    public var style: Style
    public init(_ symbol: String, width: Int, style: Style) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }
}

/// Greedy word wrapping over styled glyphs.
///
/// Words never split between graphemes; a word wider than the line is broken at grapheme
/// boundaries (a wide grapheme is never cut in half). Runs of spaces collapse to one.
public enum WordWrap {
    /// A piece of a paragraph: a word (unbreakable glyphs), a space, or a hard break.
    public enum Token: Hashable, Sendable {
        case word([StyledGlyph])
        case space(Style)
        case lineBreak
    }

    /// Glyphs of a string (zero-width graphemes such as lone combining marks are dropped).
    public static func glyphs(_ text: String, style: Style) -> [StyledGlyph] {
        text.compactMap { g in
            let w = TextWidth.of(g)
            return w == 0 ? nil : StyledGlyph(String(g), width: w, style: style)
        }
    }

    /// Splits text into words and spaces, appending to `tokens` (a word may continue the
    /// previous one when there is no space between them, e.g. `**bold**,`).
    public static func tokenize(_ text: String, style: Style, into tokens: inout [Token]) {
        for g in text {
            if g == "\n" {
                tokens.append(.lineBreak)
            } else if g == " " || g == "\t" {
                if case .space? = tokens.last { continue }
                tokens.append(.space(style))
            } else {
                let w = TextWidth.of(g)
                if w == 0 { continue }
                append([StyledGlyph(String(g), width: w, style: style)], to: &tokens)
            }
        }
    }

    /// Appends glyphs to the last word, or starts a word.
    public static func append(_ glyphs: [StyledGlyph], to tokens: inout [Token]) {
        if case .word(let w)? = tokens.last {
            tokens[tokens.count - 1] = .word(w + glyphs)
        } else {
            tokens.append(.word(glyphs))
        }
    }

    /// Wraps tokens into lines no wider than `width` (at least 1).
    public static func wrap(_ tokens: [Token], width: Int) -> [[StyledGlyph]] {
        let width = max(1, width)
        var lines: [[StyledGlyph]] = []
        var line: [StyledGlyph] = []
        var lineWidth = 0
        var pendingSpace: Style? = nil
        func newLine() {
            lines.append(line)
            line = []
            lineWidth = 0
        }
        for t in tokens {
            switch t {
            case .lineBreak:
                newLine()
                pendingSpace = nil
            case .space(let s):
                if lineWidth > 0 { pendingSpace = s }
            case .word(let glyphs):
                let w = glyphs.reduce(0) { $0 + $1.width }
                if let s = pendingSpace, lineWidth + 1 + w <= width {
                    line.append(StyledGlyph(" ", width: 1, style: s))
                    lineWidth += 1
                } else if lineWidth > 0 {
                    newLine()
                }
                pendingSpace = nil
                if lineWidth + w <= width {
                    line += glyphs
                    lineWidth += w
                    continue
                }
                // An over-long word: fill lines grapheme by grapheme.
                for g in glyphs {
                    if lineWidth + g.width > width, lineWidth > 0 { newLine() }
                    if g.width > width { continue }  // a wide grapheme on a 1-column line cannot show
                    line.append(g)
                    lineWidth += g.width
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
