/// A small recursive-descent TeX parser for the math lessons use.
///
/// It never fails: unknown commands become `.unknown(name)` nodes (shown by name and reported
/// by `MathNode.unknownCommands`), unbalanced braces are closed at the end, and stray `}` or
/// `\right` are ignored.
public struct MathParser {
    private let chars: [Character]
    private var i = 0

    /// Parses a formula (the text between `$` or `$$`, without them).
    public static func parse(_ tex: String) -> MathNode {
        var p = MathParser(chars: Array(tex))
        return p.parseRow(until: [])
    }

    private init(chars: [Character]) { self.chars = chars }

    private enum Stop: Hashable { case brace, right, end, ampersand, newline, bracket }

    private var atEnd: Bool { i >= chars.count }

    private mutating func skipSpaces() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    /// Reads the command name after a backslash: letters, or one other character.
    private mutating func readCommandName() -> String {
        guard i < chars.count else { return "" }
        if chars[i].isLetter {
            var name = ""
            while i < chars.count, chars[i].isLetter { name.append(chars[i]); i += 1 }
            if i < chars.count, chars[i] == "*" { i += 1 }  // align*, etc.
            return name
        }
        let c = chars[i]
        i += 1
        return String(c)
    }

    /// Peeks whether the input continues with `\name` (without consuming).
    private func peekCommand() -> String? {
        guard i < chars.count, chars[i] == "\\" else { return nil }
        var j = i + 1
        guard j < chars.count else { return nil }
        if !chars[j].isLetter { return String(chars[j]) }
        var name = ""
        while j < chars.count, chars[j].isLetter { name.append(chars[j]); j += 1 }
        return name
    }

    /// Parses atoms until one of `stops` (or the end); scripts attach to the atom before them.
    private mutating func parseRow(until stops: Set<Stop>) -> MathNode {
        var items: [MathNode] = []
        while true {
            skipSpaces()
            if atEnd { break }
            let c = chars[i]
            if c == "}" {
                if stops.contains(.brace) { break }
                i += 1
                continue
            }
            if c == "]", stops.contains(.bracket) { break }
            if c == "&" {
                if stops.contains(.ampersand) { break }
                i += 1
                continue
            }
            if c == "\\", let name = peekCommand() {
                if name == "\\", stops.contains(.newline) { break }
                if name == "right", stops.contains(.right) { break }
                if name == "end", stops.contains(.end) { break }
            }
            if c == "^" || c == "_" {
                i += 1
                let script = parseArgument()
                let base = items.popLast() ?? .row([])
                items.append(attach(script, superscript: c == "^", to: base))
                continue
            }
            if let node = parseAtom() { items.append(node) }
        }
        return items.count == 1 ? items[0] : .row(items)
    }

    private func attach(_ script: MathNode, superscript: Bool, to base: MathNode) -> MathNode {
        switch base {
        case .bigOperator(let s, let lower, let upper):
            return superscript ? .bigOperator(s, lower: lower, upper: script) : .bigOperator(s, lower: script, upper: upper)
        case .scripts(let b, let sub, let sup):
            // x_a^b: fill the free slot; a second script of the same kind nests.
            if superscript, sup == nil { return .scripts(base: b, sub: sub, sup: script) }
            if !superscript, sub == nil { return .scripts(base: b, sub: script, sup: sup) }
            return .scripts(base: base, sub: superscript ? nil : script, sup: superscript ? script : nil)
        default:
            return .scripts(base: base, sub: superscript ? nil : script, sup: superscript ? script : nil)
        }
    }

    /// A braced group, or a single atom (`x_t`, `x_\alpha`).
    private mutating func parseArgument() -> MathNode {
        skipSpaces()
        guard !atEnd else { return .row([]) }
        if chars[i] == "{" {
            i += 1
            let body = parseRow(until: [.brace])
            if !atEnd, chars[i] == "}" { i += 1 }
            return body
        }
        return parseAtom() ?? .row([])
    }

    /// Raw text of a braced group (for `\text`, `\begin{...}`).
    private mutating func parseRawGroup() -> String {
        skipSpaces()
        guard !atEnd else { return "" }
        guard chars[i] == "{" else {
            let c = chars[i]
            i += 1
            return String(c)
        }
        i += 1
        var depth = 1
        var out = ""
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == "{" { depth += 1 } else if c == "}" {
                depth -= 1
                if depth == 0 { break }
            }
            if c == "\\", i < chars.count, "{}$%&#_ ".contains(chars[i]) {
                out.append(chars[i])
                i += 1
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Reads a delimiter after `\left` / `\right` (`(`, `\|`, `\{`, `.`).
    private mutating func parseDelimiter() -> String {
        skipSpaces()
        guard !atEnd else { return "." }
        if chars[i] == "\\" {
            i += 1
            let name = readCommandName()
            switch name {
            case "|", "Vert", "lVert", "rVert": return "‖"
            case "{", "lbrace": return "{"
            case "}", "rbrace": return "}"
            case "langle": return "⟨"
            case "rangle": return "⟩"
            case "vert", "lvert", "rvert": return "|"
            default: return "."
            }
        }
        let c = chars[i]
        i += 1
        return String(c)
    }

    private mutating func parseAtom() -> MathNode? {
        let c = chars[i]
        if c == "{" {
            i += 1
            let body = parseRow(until: [.brace])
            if !atEnd, chars[i] == "}" { i += 1 }
            return body
        }
        if c == "\\" {
            i += 1
            return parseCommand(readCommandName())
        }
        i += 1
        return .atom(MathSymbols.character(c))
    }

    private mutating func parseCommand(_ name: String) -> MathNode? {
        if name.isEmpty { return .atom(MathSymbol("\\", "\\")) }
        if let n = MathSymbols.spaces[name] { return .space(n) }
        if let s = MathSymbols.commands[name] { return .atom(s) }
        if MathSymbols.functions.contains(name) { return .function(name) }
        if let s = MathSymbols.bigOperators[name] { return .bigOperator(s, lower: nil, upper: nil) }
        if let bold = MathSymbols.fonts[name] {
            let body = parseArgument()
            return bold ? .bold(body) : body
        }
        if MathSymbols.accents[name] != nil { return .accent(name: name, body: parseArgument()) }
        switch name {
        case "text", "textrm", "mathrm", "textit", "textbf", "operatorname", "mbox":
            let raw = parseRawGroup()
            if name == "textbf" { return .bold(.text(raw)) }
            // \mathrm{d} and friends may hold commands; keep simple text as text.
            if raw.contains("\\") { return MathParser.parse(raw) }
            return .text(raw)
        case "frac", "dfrac", "tfrac":
            let a = parseArgument()
            let b = parseArgument()
            return .fraction(a, b)
        case "sqrt":
            skipSpaces()
            if !atEnd, chars[i] == "[" {  // ignore the index of \sqrt[n]{x}
                while i < chars.count, chars[i] != "]" { i += 1 }
                i += 1
            }
            return .root(parseArgument())
        case "left":
            let l = parseDelimiter()
            let body = parseRow(until: [.right])
            var r = "."
            if peekCommand() == "right" {
                i += 1
                _ = readCommandName()
                r = parseDelimiter()
            }
            return .fenced(left: l, right: r, body: body)
        case "right":
            _ = parseDelimiter()  // a stray \right: drop the delimiter
            return nil
        case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr":
            let d = parseDelimiter()
            return .atom(MathSymbols.character(Character(d == "." ? " " : d)))
        case "begin":
            return parseEnvironment(parseRawGroup())
        case "end":
            _ = parseRawGroup()
            return nil
        case "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber", "notag":
            return nil
        default:
            return .unknown(name)
        }
    }

    /// Parses `\begin{env} ... \end{env}` into rows of `&` cells.
    private mutating func parseEnvironment(_ env: String) -> MathNode {
        if env == "array" { _ = parseRawGroup() }  // the column spec, e.g. {cc}
        var rows: [[MathNode]] = []
        var row: [MathNode] = []
        while true {
            row.append(parseRow(until: [.ampersand, .newline, .end]))
            if atEnd { break }
            if chars[i] == "&" {
                i += 1
                continue
            }
            if peekCommand() == "\\" {
                i += 2
                rows.append(row)
                row = []
                continue
            }
            if peekCommand() == "end" {
                i += 1
                _ = readCommandName()
                _ = parseRawGroup()
                break
            }
            break
        }
        // A trailing `\\` leaves an empty last row.
        if !(row.count == 1 && row[0] == .row([])) { rows.append(row) }
        switch String(env.filter { $0 != "*" }) {
        case "pmatrix": return .matrix(left: "(", right: ")", rows: rows)
        case "bmatrix": return .matrix(left: "[", right: "]", rows: rows)
        case "Bmatrix": return .matrix(left: "{", right: "}", rows: rows)
        case "vmatrix": return .matrix(left: "|", right: "|", rows: rows)
        case "Vmatrix": return .matrix(left: "‖", right: "‖", rows: rows)
        case "matrix", "smallmatrix", "array": return .matrix(left: ".", right: ".", rows: rows)
        case "cases": return .aligned(rows: rows, leftBrace: true)
        default: return .aligned(rows: rows, leftBrace: false)  // aligned, align, gathered, split, ...
        }
    }
}
