/// The one table of ASCII stand-ins for non-ASCII characters, for terminals that cannot show
/// Unicode.
///
/// Each character has two spellings: `text`, used when folding text before layout
/// (`ASCIIFold`), may take several columns (`σ` → `sigma`, `→` → `->`); `cell`, used when a
/// finished frame is made safe cell by cell (`apply(to:)`), must take exactly one (`σ` → `s`,
/// `→` → `>`). Characters with no one-column stand-in become `?` there.
public enum ASCIIFallback {
    /// The two spellings of one character.
    public struct Spelling: Hashable, Sendable {
        /// For text laid out after folding: as readable as possible, any width.
        public var text: String
        /// For one cell of a finished frame: a single ASCII character, or nil for `?`.
        public var cell: String?

        init(_ text: String, _ cell: String?) {
            self.text = text
            self.cell = cell
        }
    }

    /// The table. A one-character `text` is its own `cell`.
    public static let table: [Character: Spelling] = {
        let multi: [Character: Spelling] = [
            "…": Spelling("...", "~"), "—": Spelling("--", "-"), "→": Spelling("->", ">"), "←": Spelling("<-", "<"),
            "↔": Spelling("<->", nil), "⇒": Spelling("=>", nil), "±": Spelling("+/-", "+"), "≤": Spelling("<=", "<"),
            "≥": Spelling(">=", ">"), "≠": Spelling("!=", nil), "≈": Spelling("~=", "~"), "⊙": Spelling("*", "o"),
            "∑": Spelling("sum", nil), "Σ": Spelling("sum", nil), "∞": Spelling("inf", nil), "‖": Spelling("||", "|"),
            "°": Spelling("deg", nil),
            // Greek letters: spelled out in text, their Latin look-alike in a cell (η looks like n).
            "σ": Spelling("sigma", "s"), "α": Spelling("alpha", "a"), "β": Spelling("beta", "b"), "γ": Spelling("gamma", nil),
            "δ": Spelling("delta", nil), "η": Spelling("eta", "n"), "θ": Spelling("theta", "t"), "λ": Spelling("lambda", "l"),
            "μ": Spelling("mu", nil), "π": Spelling("pi", nil), "τ": Spelling("tau", nil), "φ": Spelling("phi", nil),
            "ω": Spelling("omega", nil), "ε": Spelling("eps", "e"),
        ]
        let single: [Character: String] = [
            "·": ".", "•": "*", "–": "-", "−": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "↑": "^", "↓": "v",
            "×": "x", "÷": "/", "∂": "d", "✓": "v", "✗": "x", "\u{00A0}": " ",
            "é": "e", "è": "e", "à": "a", "ò": "o", "ù": "u", "ì": "i",
        ]
        return multi.merging(single.mapValues { Spelling($0, $0) }) { a, _ in a }
    }()

    /// `g` spelled in ASCII for text: the table's `text`; a letter with combining marks keeps
    /// its ASCII base (é → e); anything else is `?`, one per display column so layouts keep
    /// their widths.
    public static func text(for g: Character) -> String {
        if g.isASCII { return String(g) }
        if let s = table[g] { return s.text }
        if let base = g.unicodeScalars.first, base.isASCII { return String(base) }
        return String(repeating: "?", count: max(1, TextWidth.of(g)))
    }

    /// The symbol of one cell as a single ASCII character: the table's `cell`, a combining
    /// letter's ASCII base, or `?`.
    public static func cell(for symbol: String) -> String {
        if symbol.allSatisfy(\.isASCII) { return symbol }
        if symbol.count == 1, let g = symbol.first, let s = table[g] { return s.cell ?? "?" }
        if let base = symbol.unicodeScalars.first, base.isASCII { return String(base) }
        return "?"
    }

    /// Makes every cell of a finished frame ASCII: symbols by `cell(for:)`, and the right half
    /// of a wide glyph (whose left half became one column) a blank, styles kept. The last
    /// pass of every ASCII frame, so that such a terminal never receives a byte it cannot show.
    public static func apply(to buffer: inout Buffer) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let old = buffer[x, y]
                if old.isContinuation {
                    buffer[x, y] = Cell(" ", style: old.style)
                } else if !old.symbol.allSatisfy(\.isASCII) {
                    buffer[x, y] = Cell(cell(for: old.symbol), style: old.style)
                }
            }
        }
    }
}
