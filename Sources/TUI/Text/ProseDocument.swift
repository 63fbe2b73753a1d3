/// How a run of inline text is marked up.
public struct SpanStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = SpanStyle(rawValue: 1 << 0)
    public static let italic = SpanStyle(rawValue: 1 << 1)
    /// `inline code`
    public static let code = SpanStyle(rawValue: 1 << 2)
    /// `$…$`: the text is TeX, laid out on one row by the equation renderer.
    public static let math = SpanStyle(rawValue: 1 << 3)
    /// The text of a `[link](url)`.
    public static let link = SpanStyle(rawValue: 1 << 4)
}

/// A run of inline text with one markup. A span whose text is `"\n"` is a hard line break.
public struct InlineSpan: Hashable, Sendable {
    public var text: String
    public var style: SpanStyle
    public init(_ text: String, _ style: SpanStyle = []) {
        self.text = text
        self.style = style
    }
}

/// One block of a Markdown lesson.
public indirect enum ProseBlock: Hashable, Sendable {
    /// `## Title {#id}`
    case heading(level: Int, spans: [InlineSpan], id: String?)
    case paragraph([InlineSpan])
    /// Bullet (`-`, `*`, `+`) or numbered (`1.`, `1)`) list; each item is a list of blocks.
    case list(ordered: Bool, start: Int, items: [[ProseBlock]])
    /// `> quoted` blocks.
    case quote([ProseBlock])
    /// A fenced code block, kept verbatim.
    case code(language: String, lines: [String])
    /// `$$ … $$` display math (the TeX between the dollars).
    case math(String)
    /// `---`
    case rule
}

/// A parsed Markdown document: parse once, lay out per width with `ProseLayout`.
///
/// The subset lessons use: headings, paragraphs, **bold**, *italic*, `code`, lists (nested),
/// block quotes, fenced code, `$inline$` and `$$display$$` math, rules, links (text kept).
/// A leading YAML front matter block (`---` … `---`) is skipped.
public struct ProseDocument: Hashable, Sendable {
    public var blocks: [ProseBlock]

    public init(blocks: [ProseBlock]) { self.blocks = blocks }

    /// Parses Markdown text.
    public init(markdown: String) {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            if s.hasSuffix("\r") { s.removeLast() }
            return s
        }
        if lines.first?.markdownTrimmed == "---", let end = lines.dropFirst().firstIndex(where: { $0.markdownTrimmed == "---" }) {
            lines.removeSubrange(0...end)
        }
        self.blocks = BlockParser.parse(lines)
    }

    /// Every TeX formula in the document (display and inline), for validation.
    public var formulas: [String] { mathSpans.map(\.tex) }

    /// Every TeX formula in document order, and whether it is display math (`$$…$$` on its
    /// own lines) or inline math in a line of prose.
    public var mathSpans: [(tex: String, display: Bool)] {
        var out: [(tex: String, display: Bool)] = []
        func spans(_ xs: [InlineSpan]) { for s in xs where s.style.contains(.math) { out.append((s.text, false)) } }
        func walk(_ b: ProseBlock) {
            switch b {
            case .heading(_, let s, _), .paragraph(let s): spans(s)
            case .list(_, _, let items): items.forEach { $0.forEach(walk) }
            case .quote(let bs): bs.forEach(walk)
            case .math(let tex): out.append((tex, true))
            case .code, .rule: break
            }
        }
        blocks.forEach(walk)
        return out
    }

    /// What the lab cannot draw in one formula, in plain words (empty when it draws): what
    /// TeX itself would refuse, unknown commands, and inline math that would show as TeX
    /// source on a prose line (a script inside a script) in Unicode or in ASCII.
    public static func mathProblems(_ tex: String, display: Bool) -> [String] {
        let (node, problems) = MathParser.parseReporting(tex)
        var out = problems
        let unknown = node.unknownCommands
        out += unknown.map { "unknown TeX command '\\\($0)'" }
        if !display, unknown.isEmpty, problems.isEmpty,
           GlyphSet.allCases.contains(where: { MathLayout(glyphs: $0, linear: true).layout(node).hasVerbatim }) {
            out.append("a script inside a script does not fit a line of prose (use display math)")
        }
        return out
    }

    /// The document without fenced blocks of the given languages (e.g. `lab`, `exercise`,
    /// which the lab draws as live views instead of code), at any depth.
    public func removingCode(languages: Set<String>) -> ProseDocument {
        func keep(_ bs: [ProseBlock]) -> [ProseBlock] {
            bs.compactMap { b in
                switch b {
                case .code(let lang, _) where languages.contains(lang): return nil
                case .list(let o, let s, let items): return .list(ordered: o, start: s, items: items.map(keep))
                case .quote(let inner): return .quote(keep(inner))
                default: return b
                }
            }
        }
        return ProseDocument(blocks: keep(blocks))
    }

    /// The bodies of the top-level fenced blocks of one language, in order.
    public func codeBlocks(language: String) -> [[String]] {
        blocks.compactMap { if case .code(let l, let lines) = $0, l == language { return lines } else { return nil } }
    }

    /// Unknown TeX commands in the document's math, for lesson validation warnings.
    public var unknownMathCommands: [String] {
        var seen: [String] = []
        var known: Set<String> = []
        for f in formulas { for c in Equation.unknownCommands(in: f) where known.insert(c).inserted { seen.append(c) } }
        return seen
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (TUI has no Foundation).
    var markdownTrimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// The first occurrence of `needle` (String.range(of:) needs Foundation).
    func markdownFind(_ needle: String, from start: String.Index? = nil) -> Range<String.Index>? {
        guard let n0 = needle.first else { return nil }
        var i = start ?? startIndex
        while i < endIndex {
            if self[i] == n0, self[i...].hasPrefix(needle) {
                return i..<index(i, offsetBy: needle.count)
            }
            i = index(after: i)
        }
        return nil
    }

    /// Count of leading spaces (a tab counts as four).
    var markdownIndent: Int {
        var n = 0
        for c in self {
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
        }
        return n
    }

    /// The string with up to `n` columns of leading indentation removed.
    func markdownDedented(by n: Int) -> String {
        var removed = 0
        var s = Substring(self)
        while removed < n, let f = s.first, f == " " || f == "\t" {
            removed += f == "\t" ? 4 : 1
            s.removeFirst()
        }
        return String(s)
    }
}
