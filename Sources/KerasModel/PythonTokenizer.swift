import Foundation

/// Splits a model file into tokens: names, numbers, strings, symbols and logical line ends.
/// Comments, blank lines, newlines inside brackets and backslash continuations are skipped,
/// as Python does. An indented line at the top level becomes an `indent` token, which the
/// parser refuses: the subset has no blocks.
struct PythonTokenizer {
    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    /// The brackets open at this point, innermost last, to name one never closed.
    private var open: [(Character, SourcePosition)] = []
    private var tokens: [PythonToken] = []

    init(_ source: String) {
        // Python treats \r\n as one line end; Swift's Character already merges them.
        self.chars = Array(source)
    }

    static func tokenize(_ source: String) throws(KerasSourceError) -> [PythonToken] {
        var tokenizer = PythonTokenizer(source)
        return try tokenizer.run()
    }

    private var here: SourcePosition { SourcePosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func advance() {
        if chars[index] == "\n" || chars[index] == "\r\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private var atLineStart = true

    private mutating func run() throws(KerasSourceError) -> [PythonToken] {
        while let c = peek() {
            if atLineStart && depth == 0 {
                // Measure the indentation of a line that holds code.
                var k = index
                while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                let blank = k == chars.count || chars[k] == "\n" || chars[k] == "\r\n" || chars[k] == "#"
                if !blank && k > index {
                    // A token, not an error yet: a `for …:` above should be named first.
                    tokens.append(PythonToken(kind: .indent, position: here))
                }
                atLineStart = false
                continue
            }
            if c == "\n" || c == "\r\n" {
                if depth == 0, let last = tokens.last, last.kind != .newline {
                    tokens.append(PythonToken(kind: .newline, position: here))
                }
                advance()
                // Inside brackets a new line continues the statement: its indentation is free.
                atLineStart = depth == 0
                continue
            }
            if c == " " || c == "\t" || c == "\r" || c == "\u{0C}" { advance(); continue }
            if c == "#" {
                while let d = peek(), d != "\n", d != "\r\n" { advance() }
                continue
            }
            if c == "\\" {
                let start = here
                advance()
                guard let d = peek(), d == "\n" || d == "\r\n" else {
                    throw KerasSourceError("a backslash is only supported at the end of a line", at: start)
                }
                advance()
                continue
            }
            if c.isLetter || c == "_" {
                let start = here
                var word = ""
                while let d = peek(), d.isLetter || d.isNumber || d == "_" { word.append(d); advance() }
                if let q = peek(), q == "\"" || q == "'" {
                    throw KerasSourceError("string prefixes (`\(word)\"…\"`) are not supported", at: start)
                }
                tokens.append(PythonToken(kind: .name(word), position: start))
                continue
            }
            if c.isASCII && c.isNumber || (c == "." && (peek(1)?.isASCII ?? false) && (peek(1)?.isNumber ?? false)) {
                tokens.append(try number())
                continue
            }
            if c == "\"" || c == "'" {
                tokens.append(try string())
                continue
            }
            let start = here
            if "([{".contains(c) {
                // The parser recurses per bracket: a bound keeps hostile input from the stack's end.
                guard open.count < 64 else {
                    throw KerasSourceError("brackets nested more than 64 deep are not supported", at: start)
                }
                open.append((c, start))
                depth += 1
            }
            if ")]}".contains(c) {
                let partner: Character = c == ")" ? "(" : c == "]" ? "[" : "{"
                guard let last = open.popLast(), last.0 == partner else {
                    throw KerasSourceError("`\(c)` closes nothing here", at: start)
                }
                depth -= 1
            }
            // Two-character operators are one token so that `==` is not read as `=` `=`.
            var symbol = String(c)
            advance()
            if let d = peek(), ["==", "!=", "<=", ">=", "**", "//", "->", ":=", "+=", "-=", "*=", "/="].contains(symbol + String(d)) {
                symbol += String(d)
                advance()
            }
            tokens.append(PythonToken(kind: .symbol(symbol), position: start))
        }
        if let (bracket, position) = open.last {
            throw KerasSourceError("this `\(bracket)` is never closed", at: position)
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(PythonToken(kind: .newline, position: here))
        }
        tokens.append(PythonToken(kind: .end, position: here))
        return tokens
    }

    private mutating func number() throws(KerasSourceError) -> PythonToken {
        let start = here
        var text = ""
        while let d = peek(), d.isASCII && (d.isNumber || d.isLetter || d == "_" || d == ".") {
            text.append(d)
            advance()
            // An exponent's sign belongs to the number: 1e-3.
            if (d == "e" || d == "E"), let s = peek(), s == "-" || s == "+", !text.hasPrefix("0x") {
                text.append(s)
                advance()
            }
        }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if digits.allSatisfy({ $0.isNumber }) {
            guard let value = Int(digits) else {
                throw KerasSourceError("the number `\(text)` is too large", at: start)
            }
            return PythonToken(kind: .integer(value), position: start)
        }
        if Double(digits) != nil {
            return PythonToken(kind: .float(text), position: start)
        }
        throw KerasSourceError("the number `\(text)` is not supported (only decimal integers and floats)", at: start)
    }

    private mutating func string() throws(KerasSourceError) -> PythonToken {
        let start = here
        let quote = chars[index]
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var value = ""
        while true {
            guard let d = peek() else {
                throw KerasSourceError("this string is never closed", at: start)
            }
            if d == quote {
                if !triple { advance(); break }
                if peek(1) == quote && peek(2) == quote {
                    advance(); advance(); advance()
                    break
                }
            }
            if !triple && (d == "\n" || d == "\r\n") {
                throw KerasSourceError("this string is never closed", at: start)
            }
            if d == "\\" {
                advance()
                guard let e = peek() else { continue }
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "'", "\"": value.append(e)
                case "\n", "\r\n": break
                default: value.append("\\"); value.append(e)
                }
                advance()
                continue
            }
            value.append(d)
            advance()
        }
        return PythonToken(kind: .string(value), position: start)
    }
}
