/// Keeps the layout of one document for the last width and capabilities, so that a lab
/// redrawing every tick lays text out only when the terminal is resized.
///
/// The Elm `view` cannot mutate the model; refresh the cache in `update` (on `.resize` or
/// when the step changes) and draw `layout` in `view`.
public struct ProseCache: Sendable {
    public let document: ProseDocument
    public let theme: ProseTheme?
    /// The layout made by the last `refresh`, if any.
    public private(set) var layout: ProseLayout?
    private var key: (width: Int, caps: Capabilities)?

    public init(_ document: ProseDocument, theme: ProseTheme? = nil) {
        self.document = document
        self.theme = theme
    }

    /// The layout for a width, made again only when the width or capabilities changed.
    @discardableResult
    public mutating func refresh(width: Int, capabilities: Capabilities) -> ProseLayout {
        if let layout, let key, key.width == width, key.caps == capabilities { return layout }
        let made = ProseLayout(document: document, width: width, capabilities: capabilities, theme: theme?.resolved(for: capabilities))
        layout = made
        key = (width, capabilities)
        return made
    }
}

extension ProseLayout {
    /// The row of the heading with `{#id}`, to scroll a step into view.
    public func row(ofAnchor id: String) -> Int? {
        anchors.first { $0.id == id }?.row
    }
}
