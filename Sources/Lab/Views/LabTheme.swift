import TUI

/// The Lab's styles and glyphs for one output. Every style is resolved for the colour depth,
/// so with no colours only attributes (bold, reverse, underline) carry emphasis.
public struct LabTheme: Sendable {
    public let capabilities: Capabilities
    public let glyphs: Glyphs

    public init(_ capabilities: Capabilities) {
        self.capabilities = capabilities
        self.glyphs = capabilities.glyphTable
    }

    private func r(_ s: Style) -> Style { capabilities.resolve(s) }

    /// Title bar: reversed so it reads as a bar even without colour.
    public var titleBar: Style { r(Style(foreground: .black, background: .cyan).bold) }
    /// The status line along the bottom.
    public var statusBar: Style { r(Style(foreground: .white, background: .indexed(236))) }
    /// A key name in the status line or help.
    public var key: Style { r(Style(foreground: .yellow).bold) }
    /// Key names inside the status bar (same background).
    public var statusKey: Style { r(Style(foreground: .yellow, background: .indexed(236)).bold) }
    /// The selected row of a list.
    public var selected: Style { r(Style(foreground: .black, background: .cyan)).reversedIfMonochrome(capabilities) }
    /// Headings and titles.
    public var heading: Style { r(Style(foreground: .cyan).bold) }
    /// Secondary text: summaries, hints.
    public var muted: Style { r(Style(foreground: .gray)) }
    /// Frames and separators.
    public var border: Style { r(Style(foreground: .indexed(244))) }
    /// Something moving: the "running" mark.
    public var live: Style { r(Style(foreground: .green).bold) }
    /// Plain text.
    public var text: Style { .plain }
    /// A right answer.
    public var good: Style { r(Style(foreground: .green).bold) }
    /// A wrong answer.
    public var bad: Style { r(Style(foreground: .red).bold) }
    /// A centred warning.
    public var warning: Style { r(Style(foreground: .yellow).bold) }

    /// The bar that runs across the top or the bottom of a screen (style only, no glyphs,
    /// so it has no effect on plain text).
    public var barFill: Cell { Cell(" ", style: statusBar) }
}

extension Style {
    /// With no colours a selection must still show: use reverse video.
    func reversedIfMonochrome(_ caps: Capabilities) -> Style {
        caps.colors == .none ? Style.plain.reversed : self
    }
}
