/// Parses the tokens of a model file into statements. The grammar is the small part of Python
/// a plain Keras model definition uses; anything else stops with an error at its first token.
struct PythonParser {
    private let tokens: [PythonToken]
    private var index = 0

    private static let keywords: Set<String> = [
        "def", "class", "if", "elif", "else", "for", "while", "with", "return", "lambda", "try",
        "except", "finally", "raise", "del", "global", "nonlocal", "assert", "pass", "break",
        "continue", "yield", "async", "await", "and", "or", "not", "is", "in", "as",
    ]

    init(tokens: [PythonToken]) {
        self.tokens = tokens
    }

    static func parse(_ source: String) throws(KerasSourceError) -> [PythonStatement] {
        var parser = PythonParser(tokens: try PythonTokenizer.tokenize(source))
        return try parser.file()
    }

    private var current: PythonToken { tokens[index] }

    private mutating func next() -> PythonToken {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    private func unexpected(_ what: String) -> KerasSourceError {
        let t = current
        if case .symbol(let s) = t.kind, ["+", "-", "*", "/", "//", "%", "**", "@", "<", ">", "==", "!=", "<=", ">=", "&", "|", "^", "~"].contains(s) {
            return KerasSourceError("computed expressions (`\(s)`) are not supported; write the value itself", at: t.position)
        }
        if case .name(let n) = t.kind, Self.keywords.contains(n) {
            return KerasSourceError("`\(n)` is not supported (the model file is a flat list of imports and assignments)", at: t.position)
        }
        return KerasSourceError("expected \(what), found \(t.kind.shown)", at: t.position)
    }

    private mutating func expect(_ s: String, _ what: String) throws(KerasSourceError) {
        guard isSymbol(s) else { throw unexpected(what) }
        _ = next()
    }

    private mutating func name(_ what: String) throws(KerasSourceError) -> (String, SourcePosition) {
        guard case .name(let n) = current.kind, !Self.keywords.contains(n) else { throw unexpected(what) }
        return (n, next().position)
    }

    private mutating func file() throws(KerasSourceError) -> [PythonStatement] {
        var statements: [PythonStatement] = []
        while current.kind != .end {
            if current.kind == .newline { _ = next(); continue }
            statements.append(try statement())
            if isSymbol(";") {
                throw KerasSourceError("`;` is not supported: one statement per line", at: current.position)
            }
            guard current.kind == .newline || current.kind == .end else {
                throw unexpected("the end of the statement")
            }
        }
        return statements
    }

    private mutating func dottedName() throws(KerasSourceError) -> [String] {
        var path = [try name("a module name").0]
        while isSymbol(".") {
            _ = next()
            path.append(try name("a module name").0)
        }
        return path
    }

    private mutating func statement() throws(KerasSourceError) -> PythonStatement {
        let start = current.position
        if current.kind == .indent {
            throw KerasSourceError("indented code is not supported (the model file is a flat list of statements)", at: start)
        }
        if current.kind == .name("import") {
            _ = next()
            let module = try dottedName()
            var alias: String?
            if current.kind == .name("as") {
                _ = next()
                alias = try name("a name after `as`").0
            }
            if isSymbol(",") {
                throw KerasSourceError("import one module per line", at: current.position)
            }
            return .importModule(module, alias: alias, start)
        }
        if current.kind == .name("from") {
            _ = next()
            let module = try dottedName()
            guard current.kind == .name("import") else { throw unexpected("`import`") }
            _ = next()
            let parenthesized = isSymbol("(")
            if parenthesized { _ = next() }
            var names: [(String, String?, SourcePosition)] = []
            repeat {
                if isSymbol(",") { _ = next() }
                if parenthesized && isSymbol(")") { break }
                if isSymbol("*") {
                    throw KerasSourceError("`import *` is not supported: name what you import", at: current.position)
                }
                let (n, p) = try name("a name to import")
                var alias: String?
                if current.kind == .name("as") {
                    _ = next()
                    alias = try name("a name after `as`").0
                }
                names.append((n, alias, p))
            } while isSymbol(",")
            if parenthesized { try expect(")", "`)`") }
            return .importFrom(module: module, names: names, start)
        }
        if case .name(let n) = current.kind, Self.keywords.contains(n) {
            throw unexpected("a statement")
        }
        // An assignment starts with NAME followed by `=` or `,`.
        if case .name = current.kind, index + 1 < tokens.count,
           tokens[index + 1].kind == .symbol("=") || tokens[index + 1].kind == .symbol(",") {
            var targets = [try name("a variable name")]
            while isSymbol(",") {
                _ = next()
                if isSymbol("=") { break }
                targets.append(try name("a variable name"))
            }
            guard isSymbol("=") else { throw unexpected("`=`") }
            _ = next()
            if case .name = current.kind, index + 1 < tokens.count, tokens[index + 1].kind == .symbol("=") {
                throw KerasSourceError("chained assignments (`a = b = …`) are not supported", at: current.position)
            }
            let value = try expression()
            // `T, D, H = 58, 117, 64`: a bare tuple of values on the right of an assignment.
            guard isSymbol(",") else { return .assign(targets: targets, value: value) }
            var items = [value]
            while isSymbol(",") {
                _ = next()
                if current.kind == .newline || current.kind == .end { break }
                items.append(try expression())
            }
            return .assign(targets: targets, value: .tuple(items, value.position))
        }
        let e = try expression()
        if case .symbol(let s) = current.kind, ["+=", "-=", "*=", "/="].contains(s) {
            throw KerasSourceError("augmented assignment (`\(s)`) is not supported; write the value itself", at: current.position)
        }
        if isSymbol("=") {
            throw KerasSourceError("only plain names can be assigned to (`a = …` or `a, b = …`)", at: e.position)
        }
        return .expression(e)
    }

    /// expression := primary, where a bare tuple `a, b` is not allowed outside brackets.
    private mutating func expression() throws(KerasSourceError) -> PythonExpression {
        var e = try atom()
        while true {
            if isSymbol(".") {
                _ = next()
                let (n, _) = try name("an attribute name")
                // Errors about `layers.LSTM` point at its start, where the reader's eye is.
                e = .attribute(e, n, e.position)
            } else if isSymbol("(") {
                _ = next()
                e = .call(e, try arguments(), e.position)
            } else if isSymbol("[") {
                throw KerasSourceError("indexing (`[…]` after a value) is not supported", at: current.position)
            } else {
                break
            }
        }
        // What may follow an expression: a separator, a closing bracket, or the line's end.
        switch current.kind {
        case .newline, .end: break
        // `+=` and friends end an expression too, so the statement can name what is wrong.
        case .symbol(let s) where [",", ")", "]", "=", ";", "+=", "-=", "*=", "/="].contains(s): break
        case .name("if"):
            throw KerasSourceError("conditional expressions are not supported", at: current.position)
        case .name("for"):
            throw KerasSourceError("comprehensions are not supported: list the layers one by one", at: current.position)
        default: throw unexpected("`,`, a closing bracket or the end of the line")
        }
        return e
    }

    private mutating func atom() throws(KerasSourceError) -> PythonExpression {
        let t = current
        switch t.kind {
        case .name(let n) where !Self.keywords.contains(n):
            _ = next()
            return .name(n, t.position)
        case .integer(let i):
            _ = next()
            return .integer(i, t.position)
        case .float(let f):
            _ = next()
            return .float(f, t.position)
        case .string(let s):
            _ = next()
            // Adjacent strings concatenate, as in Python.
            var value = s
            while case .string(let more) = current.kind { value += more; _ = next() }
            return .string(value, t.position)
        case .symbol("("):
            _ = next()
            var items: [PythonExpression] = []
            var sawComma = false
            while !isSymbol(")") {
                items.append(try expression())
                if isSymbol(",") { _ = next(); sawComma = true } else { break }
            }
            try expect(")", "`,` or `)`")
            if items.count == 1 && !sawComma { return items[0] }
            return .tuple(items, t.position)
        case .symbol("["):
            _ = next()
            var items: [PythonExpression] = []
            while !isSymbol("]") {
                items.append(try expression())
                if isSymbol(",") { _ = next() } else { break }
            }
            try expect("]", "`,` or `]`")
            return .list(items, t.position)
        case .symbol("{"):
            throw KerasSourceError("dictionaries and sets are not supported", at: t.position)
        default:
            throw unexpected("a value")
        }
    }

    private mutating func arguments() throws(KerasSourceError) -> [PythonArgument] {
        var args: [PythonArgument] = []
        var sawKeyword = false
        while !isSymbol(")") {
            if isSymbol("*") || isSymbol("**") {
                throw KerasSourceError("unpacking arguments (`*`, `**`) is not supported", at: current.position)
            }
            if case .name(let n) = current.kind, !Self.keywords.contains(n), index + 1 < tokens.count,
               tokens[index + 1].kind == .symbol("=") {
                let p = next().position
                _ = next()
                if args.contains(where: { $0.label == n }) {
                    throw KerasSourceError("keyword argument `\(n)` repeated", at: p)
                }
                args.append(PythonArgument(label: n, labelPosition: p, value: try expression()))
                sawKeyword = true
            } else {
                let value = try expression()
                if sawKeyword {
                    throw KerasSourceError("a positional argument after keyword arguments", at: value.position)
                }
                args.append(PythonArgument(label: nil, labelPosition: value.position, value: value))
            }
            if isSymbol(",") { _ = next() } else { break }
        }
        try expect(")", "`,` or `)`")
        return args
    }
}
