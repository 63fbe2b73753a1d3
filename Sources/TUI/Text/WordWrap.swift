/// One grapheme with its display width and style, ready to be placed on a line.
public struct StyledGlyph: Hashable, Sendable {
    public var symbol: String
    public var width: Int
    public var style: Style
    /// What is drawn in the same columns on the row below (an inline subscript with no
    /// Unicode characters, `W` with `hy` under it); as wide as the glyph, or nil.
    public var lowered: String?
    public init(_ symbol: String, width: Int, style: Style, lowered: String? = nil) {
        self.symbol = symbol
        self.width = width
        self.style = style
        self.lowered = lowered
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
    ///
    /// Linear in the length of the text: a word's glyphs are gathered in one buffer and
    /// stored once, never copied per grapheme (a 100,000-character word once took minutes).
    public static func tokenize(_ text: String, style: Style, into tokens: inout [Token]) {
        var word: [StyledGlyph] = []
        func flush() {
            if !word.isEmpty { append(word, to: &tokens); word.removeAll(keepingCapacity: true) }
        }
        for g in text {
            if g == "\n" {
                flush()
                tokens.append(.lineBreak)
            } else if g == " " || g == "\t" {
                flush()
                if case .space? = tokens.last { continue }
                tokens.append(.space(style))
            } else {
                let w = TextWidth.of(g)
                if w == 0 { continue }
                word.append(StyledGlyph(String(g), width: w, style: style))
            }
        }
        flush()
    }

    /// Appends glyphs to the last word, or starts a word. The last word is taken out of the
    /// array before it grows, so that appending is amortised O(glyphs), not O(word).
    public static func append(_ glyphs: [StyledGlyph], to tokens: inout [Token]) {
        guard !glyphs.isEmpty else { return }
        guard case .word? = tokens.last, case .word(var w) = tokens.removeLast() else {
            tokens.append(.word(glyphs))
            return
        }
        w.append(contentsOf: glyphs)
        tokens.append(.word(w))
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

    /// Each line followed, when some glyph on it has a `lowered` part, by the row that
    /// draws those parts in their columns (blank elsewhere, no trailing blanks).
    public static func expandingLowered(_ lines: [[StyledGlyph]]) -> [[StyledGlyph]] {
        var out: [[StyledGlyph]] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            guard line.contains(where: { $0.lowered != nil }) else { out.append(line); continue }
            var main: [StyledGlyph] = []
            var below: [StyledGlyph] = []
            main.reserveCapacity(line.count)
            var mainWidth = 0, belowWidth = 0
            for g in line {
                var top = g
                top.lowered = nil
                main.append(top)
                if let l = g.lowered, belowWidth <= mainWidth {
                    let parts = glyphs(l, style: g.style)
                    below += parts
                    belowWidth += parts.reduce(0) { $0 + $1.width }
                }
                mainWidth += g.width
                // Blank under glyphs with nothing lowered, so later parts keep their columns.
                if belowWidth < mainWidth {
                    below += glyphs(String(repeating: " ", count: mainWidth - belowWidth), style: g.style)
                    belowWidth = mainWidth
                }
            }
            while below.last?.symbol == " " { below.removeLast() }
            out.append(main)
            out.append(below)
        }
        return out
    }
}
