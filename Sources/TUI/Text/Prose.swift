/// A Markdown lesson text drawn into an area, scrolled by `scroll` rows.
///
/// ```swift
/// let doc = ProseDocument(markdown: step.body)          // parse once
/// let prose = Prose(doc, scroll: model.scroll)
/// prose.height(width: area.width, capabilities: caps)  // for the scroll bar / limits
/// prose.render(in: area, into: &buffer, capabilities: caps)
/// ```
/// For long texts redrawn often, keep a `ProseLayout` per width and call its `draw`.
public struct Prose: Widget, Sendable {
    public var document: ProseDocument
    /// Rows scrolled off the top.
    public var scroll: Int
    /// nil: `ProseTheme.standard(for:)` of the capabilities.
    public var theme: ProseTheme?
    /// The widest measure text is set in; a wider area centres a column this wide (long lines
    /// are hard to follow on a projector). nil: the whole width.
    public var maxWidth: Int?

    public init(_ document: ProseDocument, scroll: Int = 0, theme: ProseTheme? = nil, maxWidth: Int? = nil) {
        self.document = document
        self.scroll = scroll
        self.theme = theme
        self.maxWidth = maxWidth
    }

    public init(markdown: String, scroll: Int = 0, theme: ProseTheme? = nil, maxWidth: Int? = nil) {
        self.init(ProseDocument(markdown: markdown), scroll: scroll, theme: theme, maxWidth: maxWidth)
    }

    /// The column text is laid out in within `area`.
    public func column(in area: Rect) -> Rect {
        guard let m = maxWidth, m > 0, area.width > m else { return area }
        return Rect(x: area.x + (area.width - m) / 2, y: area.y, width: m, height: area.height)
    }

    /// The layout for a width.
    public func layout(width: Int, capabilities: Capabilities) -> ProseLayout {
        ProseLayout(document: document, width: width, capabilities: capabilities, theme: theme?.resolved(for: capabilities))
    }

    /// Total rendered height in rows for an area `width` columns wide.
    public func height(width: Int, capabilities: Capabilities = .full) -> Int {
        layout(width: column(in: Rect(x: 0, y: 0, width: width, height: 1)).width, capabilities: capabilities).height
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let col = column(in: area)
        layout(width: col.width, capabilities: capabilities).draw(in: col, into: &buffer, scroll: scroll)
    }
}
