/// The styles prose is drawn with. Emphasis always uses attributes (bold, italic,
/// underline) so that it survives on a terminal without colour; colour only adds to it.
public struct ProseTheme: Hashable, Sendable {
    public var text: Style
    /// Headings by level 1, 2, 3+ (always bold).
    public var headings: [Style]
    public var code: Style
    public var codeBlock: Style
    public var math: Style
    public var quote: Style
    public var marker: Style
    public var rule: Style
    public var link: Style

    public init(text: Style, headings: [Style], code: Style, codeBlock: Style, math: Style, quote: Style, marker: Style, rule: Style, link: Style) {
        self.text = text
        self.headings = headings
        self.code = code
        self.codeBlock = codeBlock
        self.math = math
        self.quote = quote
        self.marker = marker
        self.rule = rule
        self.link = link
    }

    /// The default theme for a terminal's capabilities (colours mapped down; with no
    /// colour, inline code is shown reversed so it still stands apart).
    public static func standard(for caps: Capabilities) -> ProseTheme {
        let t = ProseTheme(
            text: .plain,
            headings: [Style.fg(.indexed(75)).bold.underline, Style.fg(.indexed(75)).bold, Style.fg(.indexed(111)).bold],
            code: .fg(.indexed(179)),
            codeBlock: .fg(.indexed(180)),
            math: .fg(.indexed(152)),
            quote: Style.fg(.indexed(245)).italic,
            marker: .fg(.indexed(214)),
            rule: .fg(.indexed(240)),
            link: Style.fg(.indexed(81)).underline
        )
        var r = t.resolved(for: caps)
        if caps.colors == .none { r.code = Style.plain.reversed }
        return r
    }

    /// Every style mapped to what the terminal can show.
    public func resolved(for caps: Capabilities) -> ProseTheme {
        ProseTheme(text: caps.resolve(text), headings: headings.map(caps.resolve), code: caps.resolve(code),
                   codeBlock: caps.resolve(codeBlock), math: caps.resolve(math), quote: caps.resolve(quote),
                   marker: caps.resolve(marker), rule: caps.resolve(rule), link: caps.resolve(link))
    }

    /// The style of a heading level (1-based).
    public func heading(_ level: Int) -> Style {
        guard !headings.isEmpty else { return text.bold }
        return headings[min(max(level, 1), headings.count) - 1].bold
    }

    /// The style of inline text with the given markup on top of `base`.
    public func style(_ s: SpanStyle, base: Style) -> Style {
        var out = base
        if s.contains(.code) { out = code }
        if s.contains(.math) { out = Style(foreground: math.foreground, background: base.background, attributes: base.attributes.union(math.attributes)) }
        if s.contains(.link) { out = Style(foreground: link.foreground, background: out.background, attributes: out.attributes.union(link.attributes)) }
        if s.contains(.bold) { out.attributes.insert(.bold) }
        if s.contains(.italic) { out.attributes.insert(.italic) }
        return out
    }
}
