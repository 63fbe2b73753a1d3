import Foundation

/// Draws the summary as Keras 3's `print_summary` does through `rich`: a heavy-headed box table
/// at line length 88 (columns of 36, 27 and 15 characters between one-space paddings), cells
/// wrapped at spaces, then the three totals lines with sizes in bytes (float32: 4 per weight).
enum KerasSummaryTable {
    static let widths = [36, 27, 15]

    static func render(_ summary: KerasSummary) -> String {
        var lines = ["Model: \"\(summary.modelName)\""]
        func rule(_ left: String, _ fill: String, _ mid: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: mid) + right
        }
        func row(_ cells: [[String]], vertical: String, rightAligned: Bool) -> [String] {
            let height = cells.map(\.count).max() ?? 1
            return (0..<height).map { i in
                var line = vertical
                for (c, cell) in cells.enumerated() {
                    let text = i < cell.count ? cell[i] : ""
                    let pad = String(repeating: " ", count: max(0, widths[c] - text.count))
                    line += " " + (c == 2 && rightAligned ? pad + text : text + pad) + " " + vertical
                }
                return line
            }
        }
        lines.append(rule("┏", "━", "┳", "┓"))
        lines += row([["Layer (type)"], ["Output Shape"], ["Param #"]], vertical: "┃", rightAligned: true)
        lines.append(rule("┡", "━", "╇", "┩"))
        for (i, layer) in summary.layers.enumerated() {
            if i > 0 { lines.append(rule("├", "─", "┼", "┤")) }
            let shape = layer.outputShapes.count == 1
                ? formatShape(layer.outputShapes[0])
                : "[" + layer.outputShapes.map(formatShape).joined(separator: ", ") + "]"
            let cells = [
                wrap("\(layer.name) (\(layer.className))", width: widths[0]),
                wrap(shape, width: widths[1]),
                wrap(grouped(layer.parameters), width: widths[2]),
            ]
            lines += row(cells, vertical: "│", rightAligned: true)
        }
        lines.append(rule("└", "─", "┴", "┘"))
        let total = summary.totalParameters
        lines.append(" Total params: \(grouped(total)) (\(readableSize(bytes: total * 4)))")
        lines.append(" Trainable params: \(grouped(total)) (\(readableSize(bytes: total * 4)))")
        lines.append(" Non-trainable params: 0 (0.00 B)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Greedy word wrap as rich does it in Keras' table: break at spaces; a word longer than the
    /// column is cut to fit with an ellipsis (rich's default overflow).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if candidate.count <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = word.count > width ? String(word.prefix(width - 1)) + "…" : word
        }
        lines.append(line)
        return lines
    }

    /// `12,345`: Python's `f"{n:,}"`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// Keras' `readable_memory_size`: divide by 1024 while the value is at least 1024, two decimals.
    static func readableSize(bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var size = Double(bytes)
        for unit in units {
            if size / 1024 < 1 { return twoDecimals(size) + " " + unit }
            size /= 1024
        }
        return twoDecimals(size) + " PB"
    }

    /// Python's `"{:.2f}"` (round half to even on the binary value, as printf does).
    static func twoDecimals(_ x: Double) -> String {
        String(format: "%.2f", x)
    }
}
