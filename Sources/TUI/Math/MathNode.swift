/// A parsed TeX formula: the tree the layout turns into a 2-D box of characters.
public indirect enum MathNode: Hashable, Sendable {
    /// One symbol (letter, digit, operator, Greek letter...).
    case atom(MathSymbol)
    /// A named function set upright, e.g. `tanh`.
    case function(String)
    /// Upright text from `\text{...}` or `\mathrm{...}`; spaces are kept.
    case text(String)
    /// A sequence laid out left to right.
    case row([MathNode])
    /// A base with an optional subscript and superscript.
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
    /// `\sum`, `\prod`: scripts become limits below and above in display style.
    case bigOperator(MathSymbol, lower: MathNode?, upper: MathNode?)
    /// `\frac{num}{den}`: stacked with a bar.
    case fraction(MathNode, MathNode)
    /// `\sqrt{x}`.
    case root(MathNode)
    /// `\left( ... \right)`: delimiters as tall as the body ("." means none).
    case fenced(left: String, right: String, body: MathNode)
    /// `pmatrix`, `bmatrix`, `vmatrix`, `matrix`: cells in rows; `delimiters` as for `fenced`.
    case matrix(left: String, right: String, rows: [[MathNode]])
    /// `aligned`, `align*`, `cases`: rows of `&` columns, alternately right and left aligned.
    case aligned(rows: [[MathNode]], leftBrace: Bool)
    /// `\tilde{h}` and friends.
    case accent(name: String, body: MathNode)
    /// `\mathbf{x}`: the body in bold.
    case bold(MathNode)
    /// Blank columns from spacing commands.
    case space(Int)
    /// A command the parser does not know, shown by its name.
    case unknown(String)
}

extension MathNode {
    /// Unknown command names anywhere in the tree, in order, without duplicates.
    public var unknownCommands: [String] {
        var seen: [String] = []
        var known: Set<String> = []  // a set beside the list: thousands of names stay linear
        func walk(_ n: MathNode) {
            switch n {
            case .unknown(let name): if known.insert(name).inserted { seen.append(name) }
            case .row(let xs): xs.forEach(walk)
            case .scripts(let b, let s, let p): walk(b); s.map(walk); p.map(walk)
            case .bigOperator(_, let l, let u): l.map(walk); u.map(walk)
            case .fraction(let a, let b): walk(a); walk(b)
            case .root(let b), .fenced(_, _, let b), .accent(_, let b), .bold(let b): walk(b)
            case .matrix(_, _, let rows), .aligned(let rows, _): rows.forEach { $0.forEach(walk) }
            case .atom, .function, .text, .space: break
            }
        }
        walk(self)
        return seen
    }
}
