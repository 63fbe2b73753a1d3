import TUI

/// A statement's TeX made plain text for the terminal: `$\sigma_{max}$` → `σₘₐₓ`, drawn the
/// way the lab draws inline math (`Equation`), so `rnnlab exercise show` prints no raw TeX.
enum TeXText {
    /// `markdown` with every `$…$` replaced by its one-line rendering and every `$$…$$` by
    /// its rows on lines of their own; code spans and fenced code blocks are left alone.
    static func plain(_ markdown: String) -> String {
        var out: [String] = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle() }
            out.append(fenced || line.hasPrefix("```") ? String(line) : plainLine(String(line)))
        }
        return out.joined(separator: "\n")
    }

    private static func plainLine(_ line: String) -> String {
        var out = "", i = line.startIndex
        var code = false
        while i < line.endIndex {
            let c = line[i]
            if c == "`" { code.toggle(); out.append(c); i = line.index(after: i); continue }
            guard c == "$", !code else { out.append(c); i = line.index(after: i); continue }
            let display = line[i...].hasPrefix("$$")
            let open = line.index(i, offsetBy: display ? 2 : 1)
            guard let close = line[open...].range(of: display ? "$$" : "$"), close.lowerBound > open else {
                out.append(c)
                i = line.index(after: i)
                continue
            }
            let tex = String(line[open..<close.lowerBound])
            if display {
                out += "\n" + Equation.lines(tex).joined(separator: "\n") + "\n"
            } else {
                out += inline(tex)
            }
            i = close.upperBound
        }
        return out
    }

    /// One line: the lab's rendering when it fits one row (Unicode sub- and superscripts);
    /// a subscript lowered under the line (`W_{hy}`, `h_T`) comes back onto it after `_`, a
    /// raised one after `^`.
    static func inline(_ tex: String) -> String {
        let box = Equation(tex, inline: true).box(glyphs: .unicode)
        guard box.height > 1 else { return box.line(0).trimmingCharacters(in: .whitespaces) }
        var out = "", mark: Character? = nil
        for x in 0..<box.width {
            let base = box.rows[box.baseline][x].symbol
            // the first non-blank cell above or below the baseline in this column
            let off = box.rows.indices.filter { $0 != box.baseline && box.rows[$0][x].symbol != " " }
            if base == " ", let y = off.first {
                let m: Character = y > box.baseline ? "_" : "^"
                if mark != m { out.append(m); mark = m }
                out += box.rows[y][x].symbol
            } else {
                mark = nil
                out += base
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
