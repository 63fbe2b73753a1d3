/// How an atom spaces itself against its neighbours (a simplified TeX atom class).
public enum MathAtomClass: Hashable, Sendable {
    /// Letters, digits, Greek: no extra space.
    case ordinary
    /// A named function such as `tanh` or `log`: a space before an ordinary argument.
    case function
    /// `+ − ⊙ · ×`: a space on each side unless used as a prefix (unary minus).
    case binary
    /// `= ≤ ≈ → ∈ ←`: a space on each side.
    case relation
    /// `( [ {` and `)]}`.
    case open, close
    /// `,` and `;`: a space after.
    case punctuation
}

/// One symbol a TeX command stands for, in Unicode and in plain ASCII.
public struct MathSymbol: Hashable, Sendable {
    public var unicode: String
    public var ascii: String
    public var atomClass: MathAtomClass
    public init(_ unicode: String, _ ascii: String, _ atomClass: MathAtomClass = .ordinary) {
        self.unicode = unicode
        self.ascii = ascii
        self.atomClass = atomClass
    }
}

/// The tables behind the TeX parser: commands, Unicode sub/superscript characters.
///
/// Written by hand (see the report): no offline package maps TeX to Unicode, and the set the
/// lecture needs is small. ASCII names of Greek letters are spelled out (`sigma`) because a
/// single Latin look-alike would change the meaning of an equation.
public enum MathSymbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Commands that stand for one symbol.
    static let commands: [String: MathSymbol] = {
        var t: [String: MathSymbol] = [:]
        for (name, u) in greek { t[name] = MathSymbol(u, name) }
        let rel: [(String, String, String)] = [
            ("le", "≤", "<="), ("leq", "≤", "<="), ("ge", "≥", ">="), ("geq", "≥", ">="),
            ("ne", "≠", "!="), ("neq", "≠", "!="), ("approx", "≈", "~="), ("sim", "∼", "~"),
            ("equiv", "≡", "=="), ("propto", "∝", "~"), ("in", "∈", "in"), ("notin", "∉", "not in"),
            ("to", "→", "->"), ("rightarrow", "→", "->"), ("leftarrow", "←", "<-"), ("gets", "←", "<-"),
            ("Rightarrow", "⇒", "=>"), ("Leftarrow", "⇐", "<="), ("implies", "⟹", "=>"),
            ("leftrightarrow", "↔", "<->"), ("mapsto", "↦", "|->"), ("ll", "≪", "<<"), ("gg", "≫", ">>"),
            ("subset", "⊂", "subset"), ("subseteq", "⊆", "subseteq"), ("mid", "|", "|"),
        ]
        for (n, u, a) in rel { t[n] = MathSymbol(u, a, .relation) }
        let bin: [(String, String, String)] = [
            ("odot", "⊙", "*"), ("cdot", "·", "*"), ("times", "×", "x"), ("otimes", "⊗", "(x)"),
            ("oplus", "⊕", "(+)"), ("pm", "±", "+/-"), ("mp", "∓", "-/+"), ("circ", "∘", "o"),
            ("ast", "∗", "*"), ("div", "÷", "/"), ("cup", "∪", "u"), ("cap", "∩", "n"),
            ("setminus", "∖", "\\"), ("wedge", "∧", "and"), ("vee", "∨", "or"),
        ]
        for (n, u, a) in bin { t[n] = MathSymbol(u, a, .binary) }
        let ord: [(String, String, String)] = [
            ("partial", "∂", "d"), ("nabla", "∇", "grad "), ("infty", "∞", "inf"),
            ("dots", "…", "..."), ("ldots", "…", "..."), ("cdots", "⋯", "..."), ("vdots", "⋮", ":"),
            ("ddots", "⋱", "."), ("forall", "∀", "for all "), ("exists", "∃", "exists "),
            ("top", "⊤", "T"), ("prime", "′", "'"), ("ell", "ℓ", "l"), ("emptyset", "∅", "{}"),
            ("|", "‖", "||"), ("Vert", "‖", "||"), ("lVert", "‖", "||"), ("rVert", "‖", "||"),
            ("vert", "|", "|"), ("lvert", "|", "|"), ("rvert", "|", "|"), ("neg", "¬", "not "),
            ("hbar", "ℏ", "hbar"), ("star", "⋆", "*"), ("checkmark", "✓", "v"), ("square", "□", "[]"),
            ("$", "$", "$"), ("%", "%", "%"), ("&", "&", "&"), ("#", "#", "#"), ("_", "_", "_"),
        ]
        for (n, u, a) in ord { t[n] = MathSymbol(u, a) }
        t["{"] = MathSymbol("{", "{", .open)
        t["}"] = MathSymbol("}", "}", .close)
        t["lbrace"] = MathSymbol("{", "{", .open)
        t["rbrace"] = MathSymbol("}", "}", .close)
        t["langle"] = MathSymbol("⟨", "<", .open)
        t["rangle"] = MathSymbol("⟩", ">", .close)
        t["lfloor"] = MathSymbol("⌊", "floor(", .open)
        t["rfloor"] = MathSymbol("⌋", ")", .close)
        t["lceil"] = MathSymbol("⌈", "ceil(", .open)
        t["rceil"] = MathSymbol("⌉", ")", .close)
        return t
    }()

    /// Named functions, set upright: `\tanh(x)` → `tanh(x)`.
    static let functions: Set<String> = [
        "tanh", "sinh", "cosh", "sin", "cos", "tan", "log", "ln", "exp", "max", "min", "arg",
        "argmax", "argmin", "sup", "inf", "lim", "det", "dim", "ker", "deg", "gcd", "Pr", "softmax",
        "diag", "sign", "sgn", "tr",
    ]

    /// Big operators whose scripts become limits above and below in display style.
    static let bigOperators: [String: MathSymbol] = [
        "sum": MathSymbol("Σ", "sum"), "prod": MathSymbol("Π", "prod"),
        "int": MathSymbol("∫", "int"), "bigcup": MathSymbol("⋃", "U"), "bigcap": MathSymbol("⋂", "n"),
    ]

    /// Spacing commands and the number of columns they become.
    static let spaces: [String: Int] = [
        ",": 1, ":": 1, ";": 1, " ": 1, "!": 0, "quad": 2, "qquad": 4, "enspace": 1, "thinspace": 1,
        "medspace": 1, "thickspace": 1, "negthinspace": 0,
    ]

    /// Commands that change only how the argument looks; the value says whether it turns bold.
    static let fonts: [String: Bool] = [
        "mathbf": true, "boldsymbol": true, "bm": true, "mathit": false, "mathcal": false,
        "mathbb": false, "mathsf": false, "mathtt": false, "mathnormal": false,
    ]

    /// Accents drawn as a combining mark (Unicode) or a mark on the row above (ASCII).
    static let accents: [String: (combining: String, ascii: String)] = [
        "tilde": ("\u{303}", "~"), "widetilde": ("\u{303}", "~"), "hat": ("\u{302}", "^"),
        "widehat": ("\u{302}", "^"), "bar": ("\u{304}", "_"), "overline": ("\u{305}", "_"),
        "vec": ("\u{20D7}", ">"), "dot": ("\u{307}", "."), "ddot": ("\u{308}", ".."),
    ]

    /// Plain characters as atoms: `-` becomes a real minus sign in Unicode.
    static func character(_ c: Character) -> MathSymbol {
        switch c {
        case "-": return MathSymbol("−", "-", .binary)
        case "+": return MathSymbol("+", "+", .binary)
        case "*": return MathSymbol("∗", "*", .binary)
        case "/": return MathSymbol("/", "/")
        case "=": return MathSymbol("=", "=", .relation)
        case "<": return MathSymbol("<", "<", .relation)
        case ">": return MathSymbol(">", ">", .relation)
        case "(", "[": return MathSymbol(String(c), String(c), .open)
        case ")", "]": return MathSymbol(String(c), String(c), .close)
        case ",", ";": return MathSymbol(String(c), String(c), .punctuation)
        case "'": return MathSymbol("′", "'")
        default: return MathSymbol(String(c), String(c))
        }
    }

    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ",
        "o": "ₒ", "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
        "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "ϕ": "ᵩ", "φ": "ᵩ", "χ": "ᵪ",
    ]

    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "′": "′",
        "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "f": "ᶠ", "g": "ᵍ", "h": "ʰ", "i": "ⁱ",
        "j": "ʲ", "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "n": "ⁿ", "o": "ᵒ", "p": "ᵖ", "r": "ʳ", "s": "ˢ",
        "t": "ᵗ", "u": "ᵘ", "v": "ᵛ", "w": "ʷ", "x": "ˣ", "y": "ʸ", "z": "ᶻ",
        "A": "ᴬ", "B": "ᴮ", "D": "ᴰ", "E": "ᴱ", "G": "ᴳ", "H": "ᴴ", "I": "ᴵ", "J": "ᴶ", "K": "ᴷ",
        "L": "ᴸ", "M": "ᴹ", "N": "ᴺ", "O": "ᴼ", "P": "ᴾ", "R": "ᴿ", "T": "ᵀ", "U": "ᵁ", "V": "ⱽ",
        "W": "ᵂ", "⊤": "ᵀ", "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ", "θ": "ᶿ", "ϕ": "ᵠ", "χ": "ᵡ", "∗": "*",
    ]

    /// The text in Unicode subscript (or superscript) characters, or nil when one has none.
    static func scriptForm(_ text: String, superscript: Bool) -> String? {
        let table = superscript ? superscripts : subscripts
        var out = ""
        for c in text {
            guard let m = table[c] else { return nil }
            out.append(m)
        }
        return out.isEmpty ? nil : out
    }
}
