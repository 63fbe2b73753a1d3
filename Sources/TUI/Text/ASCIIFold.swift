/// Folds text to 7-bit ASCII for terminals that cannot show Unicode (non-UTF-8 locales).
///
/// Widgets call this on text they did not choose themselves (titles, table cells, lesson
/// prose) when the glyph set is ASCII, so that no byte above 0x7F ever reaches such a
/// terminal. Common typography gets a readable stand-in; letters lose their accents; anything
/// else becomes `?`, one per display column so layouts keep their widths.
public enum ASCIIFold {
    static let table: [Character: String] = [
        "·": ".", "•": "*", "…": "...", "—": "--", "–": "-", "−": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "→": "->", "←": "<-", "↑": "^", "↓": "v", "↔": "<->", "⇒": "=>", "×": "x", "÷": "/", "±": "+/-",
        "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~=", "⊙": "*", "∑": "sum", "Σ": "sum", "∂": "d", "∞": "inf",
        "σ": "sigma", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "η": "eta", "θ": "theta",
        "λ": "lambda", "μ": "mu", "π": "pi", "τ": "tau", "φ": "phi", "ω": "omega", "ε": "eps",
        "‖": "||", "✓": "v", "✗": "x", "°": "deg", "\u{00A0}": " ", "é": "e", "è": "e", "à": "a", "ò": "o", "ù": "u", "ì": "i",
    ]

    /// The text with every non-ASCII grapheme replaced.
    public static func fold(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        for g in text {
            if g.isASCII { out.append(g); continue }
            if let r = table[g] { out += r; continue }
            // A letter with combining marks: keep its ASCII base (é → e).
            if let base = g.unicodeScalars.first, base.isASCII { out.unicodeScalars.append(base); continue }
            out += String(repeating: "?", count: max(1, TextWidth.of(g)))
        }
        return out
    }

    /// `fold(text)` for ASCII capabilities, the text unchanged otherwise.
    public static func fitting(_ text: String, _ caps: Capabilities) -> String {
        caps.unicode ? text : fold(text)
    }
}
