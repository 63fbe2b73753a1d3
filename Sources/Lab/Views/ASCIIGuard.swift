import TUI

/// The last pass of every ASCII frame: any symbol outside seven-bit ASCII that reached the
/// buffer (a "→" typed in a lesson, a Greek letter in a title) is replaced, so an ASCII
/// terminal never receives a byte it cannot show.
enum ASCIIGuard {
    /// Common characters and their ASCII stand-ins; anything else becomes `?`.
    static let table: [String: String] = [
        "→": ">", "←": "<", "↑": "^", "↓": "v", "·": ".", "•": "*", "…": "~", "—": "-", "–": "-",
        "−": "-", "×": "x", "“": "\"", "”": "\"", "‘": "'", "’": "'", "≤": "<", "≥": ">", "≈": "~",
        "±": "+", "⊙": "o", "σ": "s", "α": "a", "β": "b", "η": "n", "θ": "t", "λ": "l", "ε": "e",
    ]

    static func apply(to buffer: inout Buffer) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation {
                    // The right half of a wide glyph: its left half became one ASCII column.
                    buffer[x, y] = Cell(" ", style: cell.style)
                } else if !cell.symbol.allSatisfy(\.isASCII) {
                    buffer[x, y] = Cell(table[cell.symbol] ?? "?", style: cell.style)
                }
            }
        }
    }
}
