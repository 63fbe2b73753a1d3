/// The header of a NumPy `.npy` file: the Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` that follows the magic
/// string and the header length (NumPy format spec, versions 1.0 to 3.0).
///
/// Parsed by hand: the grammar is a tiny subset of Python literals (strings, True/False,
/// integers, tuples), not worth a dependency.
public struct NPYHeader: Equatable, Sendable {
    /// NumPy's type string, e.g. `<f8`, `>f4`, `<i8`.
    public var descr: String
    public var fortranOrder: Bool
    public var shape: [Int]

    public init(descr: String, fortranOrder: Bool = false, shape: [Int]) {
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// Parses the dict text; `context` names the file/array for error messages.
    public static func parse(_ text: String, context: String) throws -> NPYHeader {
        var parser = LiteralParser(chars: Array(text), context: context)
        let dict = try parser.parseDict()
        let descrValue: LiteralValue? = dict["descr"]
        // A structured (record) dtype is a list of fields; keep its text for the error message.
        if case .list(let fields)? = descrValue {
            return NPYHeader(descr: fields, fortranOrder: dict["fortran_order"].flatMap { if case .bool(let b) = $0 { b } else { nil } } ?? false,
                             shape: dict["shape"].flatMap { if case .tuple(let t) = $0 { t } else { nil } } ?? [])
        }
        guard case .string(let descr)? = descrValue else {
            throw InteropError("\(context): NPY header has no 'descr' string: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard case .bool(let fortran)? = dict["fortran_order"] else {
            throw InteropError("\(context): NPY header has no 'fortran_order' flag")
        }
        guard case .tuple(let shape)? = dict["shape"] else {
            throw InteropError("\(context): NPY header has no 'shape' tuple")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw InteropError("\(context): NPY header has a negative extent in shape \(numpyShapeDescription(shape))")
        }
        return NPYHeader(descr: descr, fortranOrder: fortran, shape: shape)
    }

    /// The dict text as NumPy writes it (without padding or newline).
    public var dictText: String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    }
}

/// A value in the header dict.
private enum LiteralValue {
    case string(String)
    case bool(Bool)
    case int(Int)
    case tuple([Int])
    /// A list (a structured dtype's fields), kept as its source text.
    case list(String)
}

/// A recursive-descent parser over the header's characters.
private struct LiteralParser {
    let chars: [Character]
    let context: String
    var pos = 0

    init(chars: [Character], context: String) {
        self.chars = chars
        self.context = context
    }

    private func fail(_ what: String) -> InteropError {
        InteropError("\(context): cannot parse NPY header (\(what) at character \(pos)): \(String(chars).trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    private mutating func skipSpace() {
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
    }

    private mutating func expect(_ c: Character) throws {
        skipSpace()
        guard pos < chars.count, chars[pos] == c else { throw fail("expected '\(c)'") }
        pos += 1
    }

    /// Consumes `c` if it is next.
    private mutating func accept(_ c: Character) -> Bool {
        skipSpace()
        if pos < chars.count, chars[pos] == c { pos += 1; return true }
        return false
    }

    mutating func parseDict() throws -> [String: LiteralValue] {
        try expect("{")
        var out: [String: LiteralValue] = [:]
        while !accept("}") {
            guard case .string(let key) = try parseValue() else { throw fail("expected a string key") }
            try expect(":")
            out[key] = try parseValue()
            if !accept(",") {
                try expect("}")
                break
            }
        }
        return out
    }

    private mutating func parseValue() throws -> LiteralValue {
        skipSpace()
        guard pos < chars.count else { throw fail("unexpected end") }
        let c = chars[pos]
        if c == "'" || c == "\"" {
            pos += 1
            var s = ""
            while pos < chars.count, chars[pos] != c { s.append(chars[pos]); pos += 1 }
            guard pos < chars.count else { throw fail("unterminated string") }
            pos += 1
            return .string(s)
        }
        if c == "[" {
            // Skip to the matching bracket, stepping over quoted field names.
            let start = pos
            var depth = 0
            var quote: Character?
            while pos < chars.count {
                let d = chars[pos]
                pos += 1
                if let q = quote {
                    if d == q { quote = nil }
                } else if d == "'" || d == "\"" {
                    quote = d
                } else if d == "[" {
                    depth += 1
                } else if d == "]" {
                    depth -= 1
                    if depth == 0 { return .list(String(chars[start..<pos])) }
                }
            }
            throw fail("unterminated list")
        }
        if c == "(" {
            pos += 1
            var items: [Int] = []
            while !accept(")") {
                guard case .int(let n) = try parseValue() else { throw fail("expected an integer in the shape") }
                items.append(n)
                if !accept(",") {
                    try expect(")")
                    break
                }
            }
            return .tuple(items)
        }
        if c.isNumber || c == "-" {
            var s = String(c)
            pos += 1
            while pos < chars.count, chars[pos].isNumber { s.append(chars[pos]); pos += 1 }
            // Python 2 era files may write long integers as `3L`.
            if pos < chars.count, chars[pos] == "L" { pos += 1 }
            guard let n = Int(s) else { throw fail("bad integer '\(s)'") }
            return .int(n)
        }
        var word = ""
        while pos < chars.count, chars[pos].isLetter { word.append(chars[pos]); pos += 1 }
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        default: throw fail("unexpected '\(word.isEmpty ? String(c) : word)'")
        }
    }
}
