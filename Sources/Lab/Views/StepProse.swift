import TUI

/// A step's Markdown prose, laid out for a width and drawn from a scroll offset, through the
/// `Prose` widget (Markdown, inline and display TeX, wrapping).
///
/// The one place the Lab hands Markdown to the text widgets: the view and the scroll limits
/// ask this type, so both always agree on the height.
struct StepProse {
    let markdown: String

    /// Rows the prose needs at this width.
    func height(width: Int, capabilities: Capabilities) -> Int {
        guard width > 0 else { return 0 }
        return Prose(markdown: markdown).height(width: width, capabilities: capabilities)
    }

    /// Draws the rows from `scroll` on into `area`.
    func render(in area: Rect, into buffer: inout Buffer, scroll: Int, theme: LabTheme) {
        Prose(markdown: markdown, scroll: scroll).render(in: area, into: &buffer, capabilities: theme.capabilities)
    }
}
