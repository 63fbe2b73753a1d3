import TUI

/// The gallery screen: every widget of the lab on sample data, so a teacher can check a
/// projector or a terminal (colours, glyphs, size) before class. The gallery's own header
/// names the capability level and size; `n`/`p` move the marked time step, which every chart
/// and heatmap follows.
struct GalleryView {
    /// The length of the sample sequences and the step the gallery opens at.
    static let steps = 48
    static let firstStep = 30

    let step: Int
    /// The status line's keys (from `KeyBindings`).
    let status: [(String, String)]

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let (body, bottom) = area.splitBottom(1)
        ScreenChrome.statusBar(status, in: bottom, into: &buffer, theme: theme)
        Gallery(step: step, steps: Self.steps).render(in: body, into: &buffer, capabilities: theme.capabilities)
    }
}
