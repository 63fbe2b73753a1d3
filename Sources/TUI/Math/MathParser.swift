/// A small recursive-descent TeX parser for the math lessons use.
///
/// It never fails: unknown commands become `.unknown(name)` nodes (shown by name and reported
/// by `MathNode.unknownCommands`), unbalanced braces are closed at the end, and stray `}` or
/// `\right` are ignored. What TeX itself would refuse (an unclosed `{`, `\frac` without its
/// arguments, a double subscript) is drawn as well as it can be and listed by `problems(in:)`,
/// so that lesson validation can refuse it.
///
/// Hostile input cannot exhaust the stack: groups and command arguments nest at most
/// `maxDepth` levels (the rest of a deeper formula is dropped and reported), and `x_a_b`
/// chains stay flat instead of nesting, so the tree's depth, and the cost of laying it out,
/// stays bounded.
public struct MathParser {
    private let chars: [Character]
    private var i = 0
    /// Groups and command arguments open around the current position.
    private var depth = 0
    /// What TeX would refuse, in order of discovery.
    private(set) var problems: [String] = []

    /// How deep braces and command arguments may nest. Real formulas stay below 10.
    public static let maxDepth = 64

    /// Parses a formula (the text between `$` or `$$`, without them).
    public static func parse(_ tex: String) -> MathNode {
        parseReporting(tex).node
    }

    /// Parses a formula and lists what TeX would refuse in it (empty when it is well formed).
    public static func parseReporting(_ tex: String) -> (node: MathNode, problems: [String]) {
        var p = MathParser(chars: Array(tex))
        let node = p.parseRow(until: [])
        return (node, p.problems)
    }

    /// What TeX would refuse in a formula: unbalanced braces, missing arguments, double
    /// scripts, nesting deeper than `maxDepth`, unclosed `\left` or `\begin`.
    public static func problems(in tex: String) -> [String] {
        parseReporting(tex).problems
    }

    private init(chars: [Character], depth: Int = 0) {
        self.chars = chars
        self.depth = depth
    }

    private mutating func report(_ problem: String) {
        if !problems.contains(problem) { problems.append(problem) }
    }

    /// Enters one more level of nesting; false (with the rest of the input dropped) when
    /// that would pass `maxDepth`.
    private mutating func enter() -> Bool {
        guard depth < MathParser.maxDepth else {
            report("nested more than \(MathParser.maxDepth) levels deep")
            i = chars.count
            return false
        }
        depth += 1
        return true
    }

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
        guard enter() else { return .row([]) }
        defer { depth -= 1 }
        var items: [MathNode] = []
        while true {
            skipSpaces()
            if atEnd { break }
            let c = chars[i]
            if c == "}" {
                if stops.contains(.brace) { break }
                report("'}' without a matching '{'")
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
                let script = parseArgument(of: String(c))
                let base = items.popLast() ?? .row([])
                items += attach(script, superscript: c == "^", to: base)
                continue
            }
            if let node = parseAtom() { items.append(node) }
        }
        return items.count == 1 ? items[0] : .row(items)
    }

    /// The node (or, after a double script, the two nodes) that replace `base` in its row.
    private mutating func attach(_ script: MathNode, superscript: Bool, to base: MathNode) -> [MathNode] {
        switch base {
        case .bigOperator(let s, let lower, let upper):
            if superscript ? upper == nil : lower == nil {
                return [superscript ? .bigOperator(s, lower: lower, upper: script) : .bigOperator(s, lower: script, upper: upper)]
            }
            report(superscript ? "double superscript: use braces, as in x^{a^b}" : "double subscript: use braces, as in x_{a_b}")
            return [base, .scripts(base: .row([]), sub: superscript ? nil : script, sup: superscript ? script : nil)]
        case .scripts(let b, let sub, let sup):
            // x_a^b: fill the free slot.
            if superscript, sup == nil { return [.scripts(base: b, sub: sub, sup: script)] }
            if !superscript, sub == nil { return [.scripts(base: b, sub: script, sup: sup)] }
            // TeX refuses a second script of the same kind. It is drawn after the first, as a
            // sibling rather than a nested node, so that a chain x_1_2_3… of any length keeps
            // the tree flat (nesting made its layout quadratic and could exhaust the stack).
            report(superscript ? "double superscript: use braces, as in x^{a^b}" : "double subscript: use braces, as in x_{a_b}")
            return [base, .scripts(base: .row([]), sub: superscript ? nil : script, sup: superscript ? script : nil)]
        default:
            return [.scripts(base: base, sub: superscript ? nil : script, sup: superscript ? script : nil)]
        }
    }

    /// A braced group, or a single atom (`x_t`, `x_\alpha`). `owner` (`\frac`, `_`) names
    /// what needs the argument, for the report when there is none.
    private mutating func parseArgument(of owner: String) -> MathNode {
        skipSpaces()
        let missing = owner.hasPrefix("\\") ? "'\(owner)' is missing an argument" : "'\(owner)' has nothing after it"
        guard !atEnd, chars[i] != "}", chars[i] != "&" else {
            report(missing)
            return .row([])
        }
        if chars[i] == "{" { return parseGroup() }
        if chars[i] == "^" || chars[i] == "_" {
            report(missing)
            return .row([])
        }
        guard let atom = parseAtom() else {
            report(missing)
            return .row([])
        }
        return atom
    }

    /// `{ … }` from its opening brace; an unclosed one is reported and closed at the end.
    private mutating func parseGroup() -> MathNode {
        i += 1
        let body = parseRow(until: [.brace])
        if !atEnd, chars[i] == "}" {
            i += 1
        } else if problems.last != "nested more than \(MathParser.maxDepth) levels deep" {
            report("'{' is never closed")
        }
        return body
    }

    /// Whether the braced group ahead holds a command (not just an escaped `\{`); stops at
    /// the first one, so that nested groups are not scanned once per level.
    private mutating func groupHoldsCommand() -> Bool {
        skipSpaces()
        guard !atEnd, chars[i] == "{" else { return false }
        var j = i + 1, level = 1
        while j < chars.count {
            let c = chars[j]
            if c == "\\" {
                if j + 1 < chars.count, "{}$%&#_ ".contains(chars[j + 1]) { j += 2; continue }
                return true
            }
            if c == "{" { level += 1 } else if c == "}" {
                level -= 1
                if level == 0 { return false }
            }
            j += 1
        }
        return false
    }

    /// Raw text of a braced group (for `\text`, `\begin{...}`).
    private mutating func parseRawGroup() -> String {
        skipSpaces()
        guard !atEnd, chars[i] != "}" else {
            report("a command is missing its '{…}' argument")
            return ""
        }
        guard chars[i] == "{" else {
            let c = chars[i]
            i += 1
            return String(c)
        }
        i += 1
        var level = 1
        var out = ""
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == "{" { level += 1 } else if c == "}" {
                level -= 1
                if level == 0 { break }
            }
            if c == "\\", i < chars.count, "{}$%&#_ ".contains(chars[i]) {
                out.append(chars[i])
                i += 1
                continue
            }
            out.append(c)
        }
        if level > 0 { report("'{' is never closed") }
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
        if c == "{" { return parseGroup() }
        if c == "\\" {
            i += 1
            // A command's arguments nest like braces (`\sqrt\sqrt\sqrt…` has none).
            guard enter() else { return nil }
            defer { depth -= 1 }
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
            let body = parseArgument(of: "\\" + name)
            return bold ? .bold(body) : body
        }
        if MathSymbols.accents[name] != nil { return .accent(name: name, body: parseArgument(of: "\\" + name)) }
        switch name {
        case "text", "textrm", "mathrm", "textit", "textbf", "operatorname", "mbox":
            // \mathrm{d} and friends may hold commands: then the group is math, parsed in
            // place (a copy per level made nested \mathrm{\mathrm{…}} quadratic).
            if groupHoldsCommand() {
                let body = parseArgument(of: "\\" + name)
                return name == "textbf" ? .bold(body) : body
            }
            let raw = parseRawGroup()
            return name == "textbf" ? .bold(.text(raw)) : .text(raw)
        case "frac", "dfrac", "tfrac":
            let a = parseArgument(of: "\\" + name)
            let b = parseArgument(of: "\\" + name)
            return .fraction(a, b)
        case "sqrt":
            skipSpaces()
            if !atEnd, chars[i] == "[" {  // ignore the index of \sqrt[n]{x}
                while i < chars.count, chars[i] != "]" { i += 1 }
                i += 1
            }
            return .root(parseArgument(of: "\\sqrt"))
        case "left":
            let l = parseDelimiter()
            let body = parseRow(until: [.right])
            var r = "."
            if peekCommand() == "right" {
                i += 1
                _ = readCommandName()
                r = parseDelimiter()
            } else {
                report("'\\left' without a matching '\\right'")
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
        var ended = false
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
                let closed = parseRawGroup()
                if closed != env { report("'\\begin{\(env)}' is closed by '\\end{\(closed)}'") }
                ended = true
                break
            }
            break
        }
        if !ended, problems.last != "nested more than \(MathParser.maxDepth) levels deep" {
            report("'\\begin{\(env)}' without '\\end{\(env)}'")
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
        case "aligned", "align", "alignat", "gathered", "gather", "split", "eqnarray", "equation":
            return .aligned(rows: rows, leftBrace: false)
        default:
            report("unknown environment '\(env)'")
            return .aligned(rows: rows, leftBrace: false)
        }
    }
}
