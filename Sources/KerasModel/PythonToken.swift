/// One token of the Python subset a model file is written in.
struct PythonToken: Equatable {
    enum Kind: Equatable {
        case name(String)
        case integer(Int)
        /// Kept as written: floats only ever appear as values Keras ignores for shapes (dropout).
        case float(String)
        case string(String)
        /// Punctuation and operators, as written: `(`, `)`, `[`, `]`, `,`, `=`, `.`, `:`, `+`, …
        case symbol(String)
        /// The end of a logical line (newlines inside brackets are not tokens).
        case newline
        /// A line of code that starts with spaces outside brackets (the parser refuses it).
        case indent
        case end
    }

    var kind: Kind
    var position: SourcePosition
}

extension PythonToken.Kind {
    /// How the token reads in an error message.
    var shown: String {
        switch self {
        case .name(let n): return "`\(n)`"
        case .integer(let i): return "`\(i)`"
        case .float(let f): return "`\(f)`"
        case .string: return "a string"
        case .symbol(let s): return "`\(s)`"
        case .newline: return "the end of the line"
        case .indent: return "indentation"
        case .end: return "the end of the file"
        }
    }
}
