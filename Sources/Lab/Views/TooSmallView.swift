import TUI

/// Shown instead of any screen below the minimum size: says what is needed and what there
/// is, centred, and goes away by itself when the terminal grows.
struct TooSmallView {
    let size: Size
    let minimum: Size

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard !area.isEmpty else { return }
        let lines: [(String, Style)] = [
            ("This terminal is too small for rnnlab.", theme.warning),
            ("It is \(size.width)x\(size.height); please make it at least \(minimum.width)x\(minimum.height).", theme.text),
            ("(q quits)", theme.muted),
        ]
        // Short fallbacks for very narrow windows, so the sizes stay readable.
        let narrow: [(String, Style)] = [
            ("Too small", theme.warning),
            ("\(size.width)x\(size.height)", theme.text),
            ("need \(minimum.width)x\(minimum.height)", theme.text),
        ]
        let chosen = lines.allSatisfy({ TextWidth.of($0.0) <= area.width }) ? lines : narrow
        let top = area.y + max(0, (area.height - chosen.count) / 2)
        for (i, (text, style)) in chosen.enumerated() where top + i < area.maxY {
            ScreenChrome.centred(text, row: top + i, in: area, into: &buffer, style: style)
        }
    }
}
