/// A `ProseDocument` laid out for one width and one set of capabilities: rows of styled
/// glyphs ready to draw. Computing it is the costly part; keep it while the width stays.
public struct ProseLayout: Hashable, Sendable {
    /// Where a heading landed, for jumping to a step.
    public struct Anchor: Hashable, Sendable {
        public var row: Int
        public var level: Int
        public var id: String?
        public var title: String
    }

    /// The width the layout was made for.
    public let width: Int
    /// Rows of glyphs, each at most `width` columns.
    public private(set) var lines: [[StyledGlyph]]
    public private(set) var anchors: [Anchor]

    /// The total rendered height in rows.
    public var height: Int { lines.count }

    /// The largest useful scroll offset for a viewport of `rows` rows.
    public func maxScroll(viewport rows: Int) -> Int { max(0, height - rows) }

    /// Lays out a document.
    public init(document: ProseDocument, width: Int, capabilities: Capabilities, theme: ProseTheme? = nil) {
        self.width = max(0, width)
        var builder = Builder(width: max(1, width), caps: capabilities, theme: theme ?? .standard(for: capabilities))
        let rows = builder.blocks(document.blocks, width: max(1, width))
        // Every block keeps to the width; this clip is the guarantee for degenerate widths
        // (a two-column marker on a one-column line).
        self.lines = width <= 0 ? [] : rows.map { ProseLayout.clip($0, to: width) }
        self.anchors = width <= 0 ? [] : builder.anchors
    }

    /// Inline TeX as glyphs: the formula's line, each glyph carrying what its columns show
    /// on the lowered row (subscripts without Unicode characters).
    static func inlineMath(_ tex: String, glyphs: GlyphSet, style: Style) -> [StyledGlyph] {
        let box = MathLayout(glyphs: glyphs, linear: true).layout(MathParser.parse(tex))
        guard box.width > 0 else { return [] }
        let top = box.rows[box.baseline]
        let low: [MathCell]? = box.baseline + 1 < box.height ? box.rows[box.baseline + 1] : nil
        var out: [StyledGlyph] = []
        out.reserveCapacity(top.count)
        var x = 0
        while x < top.count {
            let c = top[x]
            let w = max(1, TextWidth.of(c.symbol))
            defer { x += c.symbol.isEmpty ? 1 : w }
            if c.symbol.isEmpty { continue }  // the right half of a wide grapheme
            var lowered: String? = nil
            if let low {
                let cells = low[x..<min(low.count, x + w)]
                if cells.contains(where: { $0.symbol != " " }) { lowered = cells.map(\.symbol).joined() }
            }
            out.append(StyledGlyph(c.symbol, width: w, style: c.bold ? style.bold : style, lowered: lowered))
        }
        return out
    }

    private static func clip(_ row: [StyledGlyph], to width: Int) -> [StyledGlyph] {
        var w = 0
        var out: [StyledGlyph] = []
        for g in row {
            if w + g.width > width { break }
            out.append(g)
            w += g.width
        }
        return out
    }

    /// Draws rows `scroll ..< scroll + area.height` into the area; nothing outside it.
    public func draw(in area: Rect, into buffer: inout Buffer, scroll: Int = 0) {
        guard !area.isEmpty else { return }
        let first = max(0, scroll)
        for row in 0..<area.height {
            let index = first + row
            guard index < lines.count else { break }
            var x = area.x
            for g in lines[index] {
                guard x + g.width <= area.maxX else { break }
                buffer[x, area.y + row] = Cell(g.symbol, style: g.style)
                if g.width == 2 { buffer[x + 1, area.y + row] = .continuation(style: g.style) }
                x += g.width
            }
        }
    }

    /// The rows as plain text (tests, `rnnlab render`).
    public var text: [String] { lines.map { $0.map(\.symbol).joined() } }

    // MARK: - Building

    private struct Builder {
        let width: Int
        let caps: Capabilities
        let theme: ProseTheme
        var anchors: [Anchor] = []
        var glyphs: Glyphs { caps.glyphTable }

        init(width: Int, caps: Capabilities, theme: ProseTheme) {
            self.width = width
            self.caps = caps
            self.theme = theme
        }

        /// Blocks separated by one blank row (none when `tight`, as inside list items).
        /// `rowOffset` keeps heading anchors absolute.
        mutating func blocks(_ bs: [ProseBlock], width: Int, rowOffset: Int = 0, tight: Bool = false) -> [[StyledGlyph]] {
            var out: [[StyledGlyph]] = []
            for (k, b) in bs.enumerated() {
                // A list stays attached to the paragraph that introduces it ("Remember:").
                var attached = false
                if k > 0, case .paragraph = bs[k - 1], case .list = b { attached = true }
                if k > 0, !tight, !attached { out.append([]) }
                out += block(b, width: width, rowOffset: rowOffset + out.count)
            }
            return out
        }

        mutating func block(_ b: ProseBlock, width: Int, rowOffset: Int) -> [[StyledGlyph]] {
            switch b {
            case .heading(let level, let spans, let id):
                let style = theme.heading(level)
                anchors.append(Anchor(row: rowOffset, level: level, id: id, title: spans.map(\.text).joined()))
                var lines = wrap(spans, base: style, width: width)
                if level == 1 {
                    // A rule under the top heading, as wide as its text.
                    let w = lines.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0
                    lines.append(WordWrap.glyphs(String(repeating: glyphs.doubleHorizontal, count: min(w, width)), style: theme.rule))
                }
                return lines
            case .paragraph(let spans):
                return wrap(spans, base: theme.text, width: width)
            case .list(let ordered, let start, let items):
                return list(ordered: ordered, start: start, items: items, width: width, rowOffset: rowOffset)
            case .quote(let inner):
                let bar = WordWrap.glyphs(glyphs.quoteBar + " ", style: theme.quote)
                let innerWidth = max(1, width - 2)
                let rows = blocks(inner, width: innerWidth, rowOffset: rowOffset).map { row in
                    row.map { g -> StyledGlyph in
                        var g = g
                        // Quoted text takes the quote colour but keeps its own emphasis.
                        if g.style.foreground == theme.text.foreground { g.style.foreground = theme.quote.foreground }
                        g.style.attributes.formUnion(theme.quote.attributes)
                        return g
                    }
                }
                return rows.map { width >= 3 ? bar + $0 : $0 }
            case .code(_, let lines):
                return code(lines, width: width)
            case .math(let tex):
                return displayMath(tex, width: width)
            case .rule:
                return [WordWrap.glyphs(String(repeating: glyphs.horizontal, count: width), style: theme.rule)]
            }
        }

        func wrap(_ spans: [InlineSpan], base: Style, width: Int) -> [[StyledGlyph]] {
            var tokens: [WordWrap.Token] = []
            for s in spans {
                let style = theme.style(s.style, base: base)
                if s.style.contains(.math) {
                    WordWrap.append(ProseLayout.inlineMath(s.text, glyphs: caps.glyphs, style: style), to: &tokens)
                } else {
                    WordWrap.tokenize(ASCIIFold.fitting(s.text, caps), style: style, into: &tokens)
                }
            }
            return WordWrap.expandingLowered(WordWrap.wrap(tokens, width: width))
        }

        mutating func list(ordered: Bool, start: Int, items: [[ProseBlock]], width: Int, rowOffset: Int) -> [[StyledGlyph]] {
            let last = start + items.count - 1
            let markerWidth = ordered ? String(last).count + 2 : 2
            var out: [[StyledGlyph]] = []
            // Too narrow for a hanging indent: items go flush left with their marker inline.
            let indent = width > markerWidth + 4 ? markerWidth : 0
            for (k, item) in items.enumerated() {
                let marker: String
                if ordered {
                    let n = String(start + k) + "."
                    marker = String(repeating: " ", count: max(0, markerWidth - 1 - n.count)) + n + " "
                } else {
                    marker = glyphs.bullet + " "
                }
                let rows = blocks(item, width: max(1, width - indent), rowOffset: rowOffset + out.count, tight: true)
                for (r, row) in rows.enumerated() {
                    if r == 0 {
                        let m = WordWrap.glyphs(indent == 0 ? "" : marker, style: theme.marker)
                        out.append(m + row)
                    } else {
                        out.append(WordWrap.glyphs(String(repeating: " ", count: indent), style: theme.text) + row)
                    }
                }
                if rows.isEmpty { out.append(WordWrap.glyphs(indent == 0 ? glyphs.bullet : marker, style: theme.marker)) }
            }
            return out
        }

        func code(_ lines: [String], width: Int) -> [[StyledGlyph]] {
            let gutter = width >= 6 ? WordWrap.glyphs(glyphs.vertical + " ", style: theme.rule) : []
            let room = max(1, width - gutter.count)
            return lines.map { raw in
                let line = ASCIIFold.fitting(String(raw.flatMap { $0 == "\t" ? Array("    ") : [$0] }), caps)
                var gl = WordWrap.glyphs(line, style: theme.codeBlock)
                let total = gl.reduce(0) { $0 + $1.width }
                if total > room {
                    // Clip, and say so with an ellipsis in the last column.
                    var kept: [StyledGlyph] = []
                    var w = 0
                    for g in gl {
                        if w + g.width > room - 1 { break }
                        kept.append(g)
                        w += g.width
                    }
                    kept.append(StyledGlyph(glyphs.ellipsis, width: 1, style: theme.rule))
                    gl = room >= 2 ? kept : Array(gl.prefix(1).filter { $0.width <= room })
                }
                return gutter + gl
            }
        }

        func displayMath(_ tex: String, width: Int) -> [[StyledGlyph]] {
            let box = MathLayout(glyphs: caps.glyphs).layout(MathParser.parse(tex))
            let pad = box.width < width ? (width - box.width) / 2 : 0
            return box.rows.map { row in
                var out = WordWrap.glyphs(String(repeating: " ", count: pad), style: theme.text)
                var w = pad
                for c in row where !c.symbol.isEmpty {
                    let gw = max(1, TextWidth.of(c.symbol))
                    if w + gw > width { break }
                    out.append(StyledGlyph(c.symbol, width: gw, style: c.bold ? theme.math.bold : theme.math))
                    w += gw
                }
                if box.width > width, width >= 2 {
                    // Clipped on the right: mark it so the reader knows there is more.
                    while w > width - 1, let l = out.popLast() { w -= l.width }
                    out.append(StyledGlyph(glyphs.ellipsis, width: 1, style: theme.rule))
                }
                // Trailing blanks add nothing; drop them so rows compare cleanly.
                while out.last?.symbol == " " { out.removeLast() }
                return out
            }
        }
    }
}
