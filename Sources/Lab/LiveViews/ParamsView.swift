import Foundation
import LessonKit
import RNNCore
import TUI

/// The `params` view: the weights of the step's cell as small heatmaps with their numbers,
/// the singular values of W_hh as bars with a line at 1, and σ_max.
///
/// ```
/// vanilla RNN · 3 hidden units · sine input · seed 3 · σ_max 1.20      σ_max 1.200
/// W_xh   W_hh                    singular values of W_hh
/// +0.11  +0.53 −0.20 +0.31       σ1 ████████████│███   1.2
/// −0.48  −0.07 +0.66 −0.12       σ2 ██████▌     │      0.54
/// +0.37  +0.25 +0.04 −0.61       σ3 ███         │      0.26
///                                   0           1        2
/// ```
///
/// Every entry is coloured on the diverging ramp (blue negative, red positive, symmetric
/// around 0 up to the largest |w| shown); its number is written when the numbers fit,
/// otherwise the colours (shade glyphs without colour) carry it alone. The bars are on a
/// LINEAR axis from 0 to max(2, σ_max rounded up to 0.5), so the line at 1 is always
/// inside and a bar longer than it is a direction that grows.
public enum ParamsView: CellLabView {
    /// One weight matrix as the panel lays it out (rows = hidden units).
    public struct Weights: Hashable, Sendable {
        public var name: String
        public var matrix: Matrix
    }

    /// What the panel shows.
    public struct Data: Hashable, Sendable {
        /// Left to right.
        public var weights: [Weights]
        /// The bars' labels (`σ1` … or the gate names) and values: the singular values of
        /// W_hh, largest first (RNN), or σ_max of each gate's block of W_h (LSTM, GRU).
        public var bars: [String]
        public var singularValues: [Double]
        /// What the bars are of, long and short ("singular values of W_hh", "σ of W_hh").
        public var barsTitle: String
        public var barsShortTitle: String
        /// The largest singular value of the recurrent matrix (of any gate block).
        public var sigmaMax: Double
    }

    public static let name = "params"
    public static let summary = "W_xh, W_hh (and b) as heatmaps with numbers; singular values of W_hh as bars, line at 1"

    /// The weights do not change with time: `n`/`p` have nothing to move.
    public static func timeline(_ spec: CellViewSpec) -> Timeline { Timeline(count: 1, start: 1) }

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> Data {
        data(CellRunner.parameters(spec.cell, knobs))
    }

    /// The layout of a cell's weights: the RNN's W_xh, W_hh (and b_h when present); for gated
    /// cells W_x and b with one column per gate, and each gate's H × H block of W_h.
    static func data(_ p: CellParameters) -> Data {
        let H = p.hiddenSize
        switch p.kind {
        case .rnn:
            var weights = [Weights(name: "W_xh", matrix: p["W_xh"]!), Weights(name: "W_hh", matrix: p["W_hh"]!)]
            if let b = p["b_h"] { weights.append(Weights(name: "b_h", matrix: b.transposed)) }
            let s = SingularValues.of(p["W_hh"]!)
            return Data(weights: weights, bars: s.indices.map { "σ\($0 + 1)" }, singularValues: s,
                        barsTitle: "singular values of W_hh", barsShortTitle: "σ of W_hh", sigmaMax: s.first ?? 0)
        case .lstm, .gru:
            let gates = p.kind.gateNames
            let letters = gates.joined()
            /// (blocks·H × 1) or (1 × blocks·H) → (H × blocks), column j = gate j.
            func byGate(_ m: Matrix) -> Matrix {
                let flat = m.data
                var out = Matrix(rows: H, cols: gates.count)
                for j in gates.indices { for i in 0..<H { out[i, j] = flat[j * H + i] } }
                return out
            }
            var weights = [Weights(name: "W_x \(letters)", matrix: byGate(p["W_x"]!))]
            let blocks = p.recurrentBlocks
            for g in gates { weights.append(Weights(name: "W_h\(g)", matrix: blocks[g]!)) }
            for b in ["b", "b_x", "b_h"] { if let m = p[b] { weights.append(Weights(name: "\(b) \(letters)", matrix: byGate(m))) } }
            let sigmas = gates.map { SingularValues.spectralNorm(blocks[$0]!) }
            return Data(weights: weights, bars: gates, singularValues: sigmas,
                        barsTitle: "σ_max of each W_h block", barsShortTitle: "σ_max per block", sigmaMax: sigmas.max() ?? 0)
        }
    }

    public static func render(_ panel: Panel<ParamsView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let data = panel.data
        // σ_max is on the right, measured from the W_hh that runs.
        let title = PanelHeader.cellTitle(panel.spec.cell, panel.values, knobs: panel.knobs, leavingOut: ["sigma"], theme: theme)
        let sigmaText = (theme.capabilities.unicode ? "σ_max " : "sigma_max ") + String(format: "%.3f", data.sigmaMax)
        PanelHeader.draw(title, position: sigmaText, running: false, in: area, into: &buffer, theme: theme)

        let body = area.inset(top: 1)
        // The matrices get what the bars (at least 18 columns) leave; the bars the rest, up to 32.
        let grid = Grid(data.weights, width: body.width - 18 - 2, theme: theme)
        let (left, rest) = body.splitLeft(min(body.width, grid.width + 2))
        let right = rest.splitLeft(min(rest.width, 32)).0
        grid.render(in: left, into: &buffer, theme: theme)
        drawBars(data, in: right, into: &buffer, theme: theme)
    }

    /// The matrices side by side, each under its name, entries `cell` columns wide.
    struct Grid {
        let weights: [Weights]
        /// Columns per entry: 6 writes the number ("+0.31 "), fewer draws colour alone.
        let cell: Int
        let ramp: ColorRamp
        let theme: LabTheme

        /// The widest entry size whose layout fits `width` columns.
        init(_ weights: [Weights], width: Int, theme: LabTheme) {
            self.weights = weights
            self.theme = theme
            let bound = weights.flatMap(\.matrix.data).map(abs).max() ?? 1
            ramp = ColorRamp(kind: .diverging, lower: -max(bound, 1e-12), upper: max(bound, 1e-12))
            cell = [6, 3, 2, 1].first { Grid.width(weights, cell: $0) <= width } ?? 1
        }

        /// One group: its entries or its name, whichever is wider, and a gap of 2.
        static func groupWidth(_ w: Weights, cell: Int) -> Int { max(w.matrix.cols * cell, TextWidth.of(w.name) + 1) + 1 }
        static func width(_ weights: [Weights], cell: Int) -> Int { weights.reduce(0) { $0 + groupWidth($1, cell: cell) } }
        var width: Int { Grid.width(weights, cell: cell) }

        func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
            let caps = theme.capabilities
            let colours = !ramp.colors(caps).isEmpty
            var x = area.x
            for w in weights {
                buffer.put(w.name, x: x, y: area.y, style: theme.heading, clip: area)
                for i in 0..<w.matrix.rows where i + 1 < area.height {
                    for j in 0..<w.matrix.cols {
                        let v = w.matrix[i, j]
                        let cx = x + j * cell, cy = area.y + 1 + i
                        if cell >= 6 {
                            buffer.put(number(v), x: cx, y: cy, style: numberStyle(v, colours: colours), clip: area)
                        } else if colours {
                            let fill = String(repeating: " ", count: max(1, cell - 1))
                            buffer.put(fill, x: cx, y: cy, style: Style(background: ramp.color(v, caps)), clip: area)
                        } else {
                            buffer.put(String(repeating: ramp.shade(v, caps), count: max(1, cell - 1)), x: cx, y: cy, clip: area)
                        }
                    }
                }
                x += Grid.groupWidth(w, cell: cell)
            }
        }

        /// `+0.31`, `−1.20`, `+12.3`: always a sign and 5 columns, so columns line up.
        func number(_ v: Double) -> String {
            let a = abs(v)
            let digits = a < 9.995 ? 2 : a < 99.95 ? 1 : 0
            let text = String(format: "%.\(digits)f", min(a, 999))
            let zero = Double(text) == 0
            return (v < 0 && !zero ? theme.glyphs.minus : "+") + text
        }

        /// The number on its colour, in black or white, whichever reads on that colour.
        func numberStyle(_ v: Double, colours: Bool) -> Style {
            guard colours, !v.isNaN else { return theme.text }
            let background = ramp.color(v, theme.capabilities)
            return Style(foreground: ParamsView.readable(on: background), background: background)
        }
    }

    /// Black on light colours, white on dark ones (the 8-colour ramp's zero is black).
    static func readable(on c: Color) -> Color {
        switch c {
        case .ansi(let n): return [0, 1, 4, 5].contains(n % 8) ? .white : .black
        case .indexed(let n):
            let (r, g, b) = Capabilities.rgb(n)
            return 299 * r + 587 * g + 114 * b > 140_000 ? .black : .white
        default: return .default
        }
    }

    /// The linear axis of the bars: 0 … max(2, σ_max rounded up to 0.5).
    static func barsUpper(_ data: Data) -> Double { max(2, (data.sigmaMax * 2).rounded(.up) / 2) }

    /// `σ1 ████████│███ 1.2` per singular value, the line at 1 through every row, and an axis.
    static func drawBars(_ data: Data, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.width >= 12, area.height >= 2 else { return }
        let caps = theme.capabilities
        let g = theme.glyphs
        // The short title where the long one would be cut.
        var title = TextWidth.of(data.barsTitle) <= area.width ? data.barsTitle : data.barsShortTitle
        if !caps.unicode { title = title.replacingOccurrences(of: "σ_max", with: "sigma_max").replacingOccurrences(of: "σ", with: "s") }
        buffer.put(ScreenChrome.fitted(title, area.width, theme), x: area.x, y: area.y, style: theme.heading)
        let labels = data.bars.map { caps.unicode ? $0 : $0.replacingOccurrences(of: "σ", with: "s") }
        let labelW = labels.map { TextWidth.of($0) }.max() ?? 0
        let valueW = 5
        let barX = area.x + labelW + 1
        let barW = area.width - labelW - 1 - valueW - 1
        guard barW >= 4 else { return }
        let upper = barsUpper(data)
        let one = min(barW - 1, Int((1 / upper * Double(barW)).rounded(.down)))
        let rows = min(data.singularValues.count, area.height - 2)
        let barStyle = SeriesPalette.style(1, caps)
        let lineStyle = SeriesPalette.markerStyle(caps)
        for k in 0..<max(0, rows) {
            let y = area.y + 1 + k
            let v = data.singularValues[k]
            buffer.put(labels[k], x: area.x, y: y, style: theme.muted)
            let eighths = Int((min(v, upper) / upper * Double(barW * 8)).rounded())
            for c in 0..<(eighths / 8) { buffer.set(barX + c, y, g.horizontalEighths[8], style: barStyle) }
            if eighths % 8 > 0 { buffer.set(barX + eighths / 8, y, g.horizontalEighths[eighths % 8], style: barStyle) }
            // The line at 1: over the bar it shows as the line's colour (reversed without colour).
            let covered = eighths / 8 > one
            let lineCell = covered && caps.colors == .none ? Style.plain.reversed : lineStyle
            buffer.set(barX + one, y, covered && caps.colors != .none ? g.horizontalEighths[8] : g.markerVertical, style: lineCell)
            buffer.put(ChartNumber.compact(v), x: barX + barW + 1, y: y, style: theme.text, clip: area)
        }
        // The axis: 0 at the left, 1 at the line, the upper end at the right.
        let y = area.y + 1 + rows
        if y < area.maxY {
            buffer.put("0", x: barX, y: y, style: theme.muted)
            buffer.put("1", x: barX + one, y: y, style: lineStyle)
            let up = ChartNumber.compact(upper)
            buffer.put(up, x: barX + barW - TextWidth.of(up), y: y, style: theme.muted)
        }
    }
}
