/// Turns a `MathNode` tree into a `MathBox`: the 2-D layout of a formula in terminal cells.
///
/// Display style stacks fractions, puts limits above and below `Σ`, and draws tall brackets
/// (`⎛ ⎜ ⎝`) around matrices. Linear style (inline math inside prose) keeps everything on one
/// row: `a/b`, `(a; b)`, `sum_t`. Scripts become Unicode sub/superscript characters when
/// every character has one (`hₜ₋₁`); otherwise a lowered or raised row in display style, and
/// `_t` / `^2` for one-character scripts in ASCII display style (longer ones are lowered or
/// raised there too).
///
/// Inline (linear) math has one row of its own plus, where needed, one lowered row for
/// subscripts that have no Unicode characters (`W` with `hy` under it, `y` with `T`): prose
/// draws that row under the line. ASCII keeps one-character subscripts on the line (`x_t`,
/// the plain-text habit) and lowers longer ones; superscripts without characters follow a
/// caret (`x^2`, `e^(-x)`). Only a script inside a script has no drawing and falls back to
/// `_{…}`, marked `verbatim` so that lesson validation reports it.
public struct MathLayout: Sendable {
    /// Unicode glyphs (else 7-bit ASCII).
    public var unicode: Bool
    /// One row only (inline math in prose).
    public var linear: Bool

    public init(glyphs: GlyphSet, linear: Bool = false) {
        self.unicode = glyphs == .unicode
        self.linear = linear
    }

    /// The drawing characters of the glyph set.
    var glyphs: Glyphs { unicode ? .unicode : .ascii }

    /// Lays out a whole formula, without blank columns at its ends.
    public func layout(_ node: MathNode) -> MathBox {
        box(node, script: false).trimmed()
    }

    // MARK: - Nodes

    func box(_ node: MathNode, script: Bool) -> MathBox {
        switch node {
        case .atom(let s):
            return MathBox(text: unicode ? s.unicode : ASCIIFold.fold(s.ascii))
        case .function(let name):
            return MathBox(text: name)
        case .text(let t):
            return MathBox(text: unicode ? t : MathLayout.asciiOnly(t))
        case .unknown(let name):
            return MathBox(text: unicode ? name : MathLayout.asciiOnly(name), verbatim: true)
        case .space(let n):
            return script ? .empty : MathBox(width: n, height: 1)
        case .row(let items):
            return row(items, script: script)
        case .scripts(let base, let sub, let sup):
            return scripts(box(base, script: script), sub: sub, sup: sup, script: script)
        case .bigOperator(let s, let lower, let upper):
            return bigOperator(s, lower: lower, upper: upper, script: script)
        case .fraction(let a, let b):
            return fraction(a, b, script: script)
        case .root(let body):
            let b = box(body, script: script)
            let wrap = needsParentheses(body)
            let head = MathBox(text: glyphs.radical)
            let open = MathBox(text: wrap || !unicode ? "(" : ""), close = MathBox(text: wrap || !unicode ? ")" : "")
            return .horizontal([head, open, b, close])
        case .fenced(let l, let r, let body):
            return fenced(box(body, script: script), left: l, right: r)
        case .matrix(let l, let r, let rows):
            return fenced(matrix(rows, script: script), left: l, right: r)
        case .aligned(let rows, let brace):
            return aligned(rows, brace: brace, script: script)
        case .accent(let name, let body):
            return accent(name, box(body, script: script))
        case .bold(let body):
            return box(body, script: script).emboldened()
        }
    }

    /// Folds non-ASCII characters so that ASCII output stays 7-bit.
    static func asciiOnly(_ s: String) -> String { ASCIIFold.fold(s) }

    // MARK: - Rows and spacing

    /// The spacing class of a node in a row.
    private func atomClass(_ node: MathNode) -> MathAtomClass {
        switch node {
        case .atom(let s):
            // Spelled-out Greek in ASCII ("sigma") needs spaces around it like a function name.
            if !unicode, s.atomClass == .ordinary, s.ascii.count > 1, s.ascii.allSatisfy(\.isLetter) { return .function }
            return s.atomClass
        case .function, .unknown, .bigOperator: return .function
        case .scripts(let base, _, _): return atomClass(base)
        case .bold(let b): return atomClass(b)
        default: return .ordinary
        }
    }

    private func row(_ items: [MathNode], script: Bool) -> MathBox {
        if script { return .horizontal(items.map { box($0, script: true) }) }
        var parts: [MathBox] = []
        var previous: MathAtomClass? = nil
        var previousTall = false
        let space = MathBox(width: 1, height: 1)
        for (k, item) in items.enumerated() {
            if case .space = item {
                parts.append(box(item, script: false))
                continue
            }
            var cls = atomClass(item)
            let b = box(item, script: false)
            // Tall brackets next to other content need air: `W ⎛h⎞` rather than `W⎛h⎞`.
            let tall = MathLayout.isDelimited(item) && b.height > 1
            if (tall || previousTall), let p = previous, p != .open, p != .relation, p != .binary, p != .punctuation,
               cls != .close, cls != .punctuation, let last = parts.last, !MathLayout.endsBlank(last) {
                parts.append(space)
            }
            previousTall = tall
            if cls == .binary {
                // A prefix sign (after nothing, an operator or an opening bracket) is not binary.
                switch previous {
                case nil, .binary?, .relation?, .open?, .punctuation?: cls = .ordinary
                default: break
                }
            }
            switch cls {
            case .relation, .binary:
                if parts.last.map({ $0.width > 0 && !MathLayout.endsBlank($0) }) ?? true { parts.append(space) }
                parts.append(b)
                parts.append(space)
            case .punctuation:
                parts.append(b)
                if k < items.count - 1 { parts.append(space) }
            case .function:
                if let p = previous, p == .ordinary || p == .close || p == .function { parts.append(space) }
                parts.append(b)
            default:
                if previous == .function, !tall, !(cls == .open || (b.isSingleRow && MathLayout.startsWithBracket(b))) {
                    parts.append(space)
                }
                parts.append(b)
            }
            previous = cls
        }
        return .horizontal(parts)
    }

    private static func isDelimited(_ n: MathNode) -> Bool {
        switch n {
        case .fenced, .matrix: return true
        case .scripts(let b, _, _), .bold(let b): return isDelimited(b)
        default: return false
        }
    }

    private static func endsBlank(_ b: MathBox) -> Bool {
        b.rows.allSatisfy { $0.last?.symbol == " " }
    }

    private static func startsWithBracket(_ b: MathBox) -> Bool {
        guard let first = b.rows.first?.first?.symbol else { return false }
        return first == "(" || first == "["
    }

    // MARK: - Scripts and limits

    private func scripts(_ base: MathBox, sub: MathNode?, sup: MathNode?, script: Bool) -> MathBox {
        let subBox = sub.map { box($0, script: true) }
        let supBox = sup.map { box($0, script: true) }
        let subText = unicode ? subBox.flatMap(MathLayout.convertible).flatMap { MathSymbols.scriptForm($0, superscript: false) } : nil
        let supText = unicode ? supBox.flatMap(MathLayout.convertible).flatMap { MathSymbols.scriptForm($0, superscript: true) } : nil
        // 1. Unicode sub/superscript characters, when every character has one.
        if unicode, (subBox == nil || subText != nil) && (supBox == nil || supText != nil) {
            // Both scripts side by side (xₜ²): stacking them would need a second row.
            let subW = subText.map { TextWidth.of($0) } ?? 0, supW = supText.map { TextWidth.of($0) } ?? 0
            var out = MathBox(width: base.width + subW + supW, height: base.height, baseline: base.baseline)
            out.place(base, x: 0, y: 0)
            // On a tall base (a bracket), the subscript sits at its foot and the superscript at its top.
            if let s = subText { out.put(s, x: base.width, y: base.height - 1) }
            if let p = supText { out.put(p, x: base.width + subW, y: 0) }
            return out
        }
        let flatSub = subBox.map { $0.isSingleRow } ?? true
        let flatSup = supBox.map { $0.isSingleRow } ?? true
        // 2. Inline: the line itself and one lowered row (see the type's documentation).
        // (A base may have a lowered row of its own, `(W_{hy} h)^2`: its parts stay under it.)
        if linear, !script, base.baseline == 0, base.height <= 2, flatSub, flatSup {
            return inlineScripts(base, sub: subBox, subText: subText, sup: supBox, supText: supText)
        }
        // 3. A script inside an inline script (`_t`, `_{t-1}`, `^T` on the baseline: TeX source
        //    the reader has to decode), or a one-character script in ASCII display style
        //    (`x_t`, `x^2`: the plain-text habit). Longer ASCII scripts are lowered or raised (4).
        let oneCharacter = (subBox?.width ?? 1) <= 1 && (supBox?.width ?? 1) <= 1
        if (linear || (!unicode && oneCharacter)) && flatSub && flatSup {
            var parts = [base]
            // In ASCII a one-character script (`_t`, `^2`) is the plain-text habit, not TeX.
            if let s = subBox { parts.append(MathLayout.marked("_", s, verbatim: linear && (unicode || s.width > 1))) }
            if let p = supBox { parts.append(MathLayout.marked("^", p, verbatim: linear && (unicode || p.width > 1))) }
            return .horizontal(parts)
        }
        // 4. A raised and a lowered row beside the base.
        let up = supBox?.height ?? 0, down = subBox?.height ?? 0
        let w = base.width + max(subBox?.width ?? 0, supBox?.width ?? 0)
        var out = MathBox(width: w, height: up + base.height + down, baseline: up + base.baseline)
        out.place(base, x: 0, y: up)
        if let p = supBox { out.place(p, x: base.width, y: 0) }
        if let s = subBox { out.place(s, x: base.width, y: up + base.height) }
        return out
    }

    /// Scripts of inline math on a one-row base: a subscript as Unicode characters, as `_c`
    /// (ASCII, one character) or on a lowered row; a superscript as Unicode characters, or
    /// after a caret (`^2`, `^(ab)`).
    private func inlineScripts(_ base: MathBox, sub: MathBox?, subText: String?, sup: MathBox?, supText: String?) -> MathBox {
        var line: [MathBox] = [base]
        var lowered: MathBox? = nil
        if let s = sub {
            if let t = subText {
                line.append(MathBox(text: t))
            } else if !unicode, s.width == 1 {
                line.append(.horizontal([MathBox(text: "_"), s]))
            } else {
                lowered = s
            }
        }
        var raised: MathBox? = nil
        if let p = sup {
            if let t = supText {
                raised = MathBox(text: t)
            } else if p.width == 1 {
                raised = .horizontal([MathBox(text: "^"), p])
            } else {
                raised = .horizontal([MathBox(text: "^("), p, MathBox(text: ")")])
            }
        }
        let head = MathBox.horizontal(line)
        guard let low = lowered else { return .horizontal([head] + (raised.map { [$0] } ?? [])) }
        // The lowered subscript and the superscript both start right after the base, as in TeX.
        let w = head.width + max(low.width, raised?.width ?? 0)
        var out = MathBox(width: w, height: 2, baseline: 0)
        out.place(head, x: 0, y: 0)
        if let r = raised { out.place(r, x: head.width, y: 0) }
        out.place(low, x: head.width, y: 1)
        return out
    }

    /// The text of a one-row, non-bold box, or nil.
    private static func convertible(_ b: MathBox) -> String? {
        guard b.isSingleRow, !b.rows[0].contains(where: \.bold) else { return nil }
        return b.line(0)
    }

    /// `_t` or `_{t-1}`; `verbatim` marks the TeX marks as undrawn source.
    private static func marked(_ mark: String, _ b: MathBox, verbatim: Bool) -> MathBox {
        if b.width == 1 { return .horizontal([MathBox(text: mark, verbatim: verbatim), b]) }
        return .horizontal([MathBox(text: mark + "{", verbatim: verbatim), b, MathBox(text: "}", verbatim: verbatim)])
    }

    private func bigOperator(_ s: MathSymbol, lower: MathNode?, upper: MathNode?, script: Bool) -> MathBox {
        let op = MathBox(text: unicode ? s.unicode : s.ascii)
        if linear || script || (lower == nil && upper == nil) {
            return scripts(op, sub: lower, sup: upper, script: script)
        }
        var parts: [MathBox] = []
        if let u = upper { parts.append(box(u, script: true)) }
        parts.append(op)
        if let l = lower { parts.append(box(l, script: true)) }
        return .vertical(parts, align: .center, baselineOf: upper == nil ? 0 : 1)
    }

    // MARK: - Fractions

    private func fraction(_ a: MathNode, _ b: MathNode, script: Bool) -> MathBox {
        let num = box(a, script: script), den = box(b, script: script)
        if linear || script {
            let n = needsParentheses(a) ? MathBox.horizontal([MathBox(text: "("), num, MathBox(text: ")")]) : num
            let d = needsParentheses(b) ? MathBox.horizontal([MathBox(text: "("), den, MathBox(text: ")")]) : den
            return .horizontal([n, MathBox(text: "/"), d])
        }
        let w = max(num.width, den.width)
        let bar = MathBox(text: String(repeating: glyphs.horizontal, count: w))
        let stacked = MathBox.vertical([num, bar, den], align: .center, baselineOf: 1)
        var out = stacked
        out.baseline = num.height
        return out
    }

    /// True when a linear numerator or denominator needs brackets: `(1 − z)/2`.
    private func needsParentheses(_ n: MathNode) -> Bool {
        switch n {
        case .row(let items):
            return items.contains { if case .atom(let s) = $0 { return s.atomClass == .binary || s.atomClass == .relation } else { return false } }
        case .fraction: return true
        default: return false
        }
    }

    // MARK: - Delimiters, matrices, alignments

    /// Wraps a box in delimiters as tall as the box ("." for none).
    func fenced(_ body: MathBox, left: String, right: String) -> MathBox {
        let h = body.height
        if h <= 1 || linear {
            return .horizontal([MathBox(text: flatDelimiter(left)), body, MathBox(text: flatDelimiter(right))])
        }
        var parts: [MathBox] = []
        // ASCII brackets (/ | \) read as brackets only with a space inside.
        let body = unicode ? body : MathBox.horizontal([MathBox(width: 1, height: 1), body, MathBox(width: 1, height: 1)]).padded(ascent: body.ascent, descent: body.descent)
        if left != "." { parts.append(tallDelimiter(left, height: h, opening: true, baseline: body.baseline)) }
        parts.append(body)
        if right != "." { parts.append(tallDelimiter(right, height: h, opening: false, baseline: body.baseline)) }
        return .horizontal(parts)
    }

    private func flatDelimiter(_ d: String) -> String {
        switch d {
        case ".": return ""
        case "‖": return glyphs.norm
        case "⟨": return glyphs.angleLeft
        case "⟩": return glyphs.angleRight
        default: return d
        }
    }

    /// A delimiter drawn over `height` rows: ⎛⎜⎝ in Unicode, / | \ in ASCII.
    private func tallDelimiter(_ d: String, height h: Int, opening: Bool, baseline: Int) -> MathBox {
        // (top, middle, bottom, centre-mark) per delimiter.
        let pieces: (String, String, String, String?)
        if let p = glyphs.tallDelimiters[d], p.count >= 3 {
            pieces = (p[0], p[1], p[2], p.count > 3 ? p[3] : nil)
        } else {
            let v = flatDelimiter(d)  // ‖ ⟨ ⟩ | and the rest repeat their one-row form
            pieces = (v, v, v, nil)
        }
        let w = TextWidth.of(pieces.1)
        var out = MathBox(width: w, height: h, baseline: baseline)
        for y in 0..<h {
            let s = y == 0 ? pieces.0 : (y == h - 1 ? pieces.2 : pieces.1)
            out.put(s, x: 0, y: y)
        }
        if let mid = pieces.3, h >= 3 { out.put(mid, x: 0, y: h / 2) }
        return out
    }

    private func matrix(_ rows: [[MathNode]], script: Bool) -> MathBox {
        if linear {
            var parts: [MathBox] = []
            for (r, cells) in rows.enumerated() {
                if r > 0 { parts.append(MathBox(text: "; ")) }
                for (c, cell) in cells.enumerated() {
                    if c > 0 { parts.append(MathBox(text: " ")) }
                    parts.append(box(cell, script: script))
                }
            }
            return .horizontal(parts)
        }
        let cells = rows.map { $0.map { box($0, script: script).trimmed() } }
        return grid(cells, gap: 2, separateTallRows: false) { _ in .center }
    }

    /// Cells in rows and columns: each row lined up on its baselines, each column as wide as
    /// its widest cell, aligned per column. The grid's baseline is its middle row.
    private func grid(_ cells: [[MathBox]], gap: Int, separateTallRows: Bool, align: (Int) -> MathBox.Alignment) -> MathBox {
        let columns = cells.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for r in cells { for (c, b) in r.enumerated() { widths[c] = max(widths[c], b.width) } }
        var lines: [MathBox] = []
        for r in cells {
            let a = r.map(\.ascent).max() ?? 0, d = r.map(\.descent).max() ?? 0
            var parts: [MathBox] = []
            for c in 0..<columns {
                if c > 0, gap > 0 { parts.append(MathBox(width: gap, height: 1)) }
                let cell = c < r.count ? r[c] : MathBox.empty
                parts.append(cell.padded(toWidth: widths[c], align: align(c)).padded(ascent: a, descent: d))
            }
            // A blank row between rows when one of them is tall keeps tall brackets apart.
            let row = MathBox.horizontal(parts)
            if separateTallRows, let last = lines.last, last.height > 1 || row.height > 1 {
                lines.append(MathBox(width: 1, height: 1))
            }
            lines.append(row)
        }
        var out = MathBox.vertical(lines, align: .left, baselineOf: 0)
        out.baseline = out.height / 2
        return out
    }

    private func aligned(_ rows: [[MathNode]], brace: Bool, script: Bool) -> MathBox {
        if linear {
            let parts = rows.enumerated().map { (r, cells) -> MathBox in
                let row = MathBox.horizontal(cells.map { box($0, script: script) })
                return r > 0 ? .horizontal([MathBox(text: "; "), row]) : row
            }
            return .horizontal(parts)
        }
        let cells = rows.map { $0.map { box($0, script: script) } }
        // aligned: columns right, left, right, ... (`&=` pairs); cases: left, with a gap.
        let out = grid(cells, gap: brace ? 2 : 0, separateTallRows: true) { c in brace || c % 2 == 1 ? .left : .right }
        return brace ? fenced(out, left: "{", right: ".") : out
    }

    private func accent(_ name: String, _ body: MathBox) -> MathBox {
        let marks = MathSymbols.accents[name] ?? ("\u{303}", "~")
        if unicode, body.isSingleRow, body.width == 1 {
            var out = body
            out.put(body.line(0) + marks.combining, x: 0, y: 0, bold: body.rows[0][0].bold)
            return out
        }
        if linear {
            // h~ reads as "h tilde"; a combining mark per character in Unicode.
            if unicode, body.isSingleRow {
                return MathBox(text: body.line(0).map { String($0) + marks.combining }.joined())
            }
            return .horizontal([body, MathBox(text: marks.ascii)])
        }
        let markText: String
        switch (name, unicode) {
        case ("vec", true): markText = glyphs.arrowRight
        case ("bar", _), ("overline", _): markText = String(repeating: glyphs.overline, count: body.width)
        default: markText = marks.ascii  // ~ ^ > . are clear in both glyph sets
        }
        return .vertical([MathBox(text: markText), body], align: .center, baselineOf: 1)
    }
}
