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

    public init(_ document: ProseDocument, scroll: Int = 0, theme: ProseTheme? = nil) {
        self.document = document
        self.scroll = scroll
        self.theme = theme
    }

    public init(markdown: String, scroll: Int = 0, theme: ProseTheme? = nil) {
        self.init(ProseDocument(markdown: markdown), scroll: scroll, theme: theme)
    }

    /// The layout for a width.
    public func layout(width: Int, capabilities: Capabilities) -> ProseLayout {
        ProseLayout(document: document, width: width, capabilities: capabilities, theme: theme?.resolved(for: capabilities))
    }

    /// Total rendered height in rows at a width.
    public func height(width: Int, capabilities: Capabilities = .full) -> Int {
        layout(width: width, capabilities: capabilities).height
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        layout(width: area.width, capabilities: capabilities).draw(in: area, into: &buffer, scroll: scroll)
    }
}
