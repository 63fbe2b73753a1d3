import LessonKit
import TUI

/// The first row of every live panel: what runs on the left, where we are on the right
/// (`t = 8 / 36`, and `▶ running` while animating).
enum PanelHeader {
    static func draw(_ title: String, position: String, running: Bool, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height > 0 else { return }
        let state = running ? "  \(theme.glyphs.runningMarker) running" : ""
        let rightWidth = TextWidth.of(position + state)
        buffer.put(ScreenChrome.fitted(title, area.width - rightWidth - 2, theme), x: area.x, y: area.y, style: theme.heading)
        buffer.put(position, x: area.maxX - rightWidth, y: area.y, style: theme.text.bold)
        if running { buffer.put(state, x: area.maxX - rightWidth + TextWidth.of(position), y: area.y, style: theme.live) }
    }

    /// `vanilla RNN · 3 hidden units · sine input · seed 7`
    static func cellTitle(_ spec: LabSpec, theme: LabTheme) -> String {
        let sep = theme.glyphs.fieldSeparator
        let units = spec.hidden == 1 ? "1 hidden unit" : "\(spec.hidden) hidden units"
        return "\(cellName(spec.cell)) \(sep) \(units) \(sep) \(spec.input.rawValue) input \(sep) seed \(spec.seed)"
    }

    static func cellName(_ cell: LabCell) -> String {
        switch cell {
        case .rnn: return "vanilla RNN"
        case .lstm: return "LSTM"
        case .gru: return "GRU"
        }
    }

    static func time(_ e: LabExperiment) -> String { "t = \(e.time) / \(e.steps)" }

    /// `+0.412` / `−0.120`: always a sign, so columns of values line up.
    static func signed(_ v: Double, theme: LabTheme) -> String {
        let magnitude = String(format: "%.3f", abs(v))
        if v < 0 && magnitude != "0.000" { return theme.glyphs.minus + magnitude }
        return "+" + magnitude
    }
}

import Foundation
