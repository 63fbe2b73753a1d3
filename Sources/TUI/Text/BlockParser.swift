/// Splits Markdown lines into blocks (the block half of `ProseDocument`).
///
/// Quotes and lists nest at most `maxDepth` deep; deeper markers are read as paragraph
/// text, so that `> > > …` or `- - - …` fifty thousand times cannot exhaust the stack.
enum BlockParser {
    /// How deep quotes and lists may nest.
    static let maxDepth = 16

    static func parse(_ lines: [String], depth: Int = 0) -> [ProseBlock] {
        var blocks: [ProseBlock] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let t = line.markdownTrimmed
            if t.isEmpty { i += 1; continue }
            if let fence = fenceMarker(t), line.markdownIndent < 4 {
                let indent = line.markdownIndent
                let lang = String(t.dropFirst(fence.count)).markdownTrimmed
                var code: [String] = []
                i += 1
                while i < lines.count {
                    let ct = lines[i].markdownTrimmed
                    if ct.hasPrefix(fence), ct.allSatisfy({ $0 == fence.first }) { i += 1; break }
                    code.append(lines[i].markdownDedented(by: indent))
                    i += 1
                }
                blocks.append(.code(language: lang, lines: code))
                continue
            }
            if t.hasPrefix("$$") {
                let (tex, next) = displayMath(lines, from: i)
                blocks.append(.math(tex))
                i = next
                continue
            }
            if let (level, text) = heading(t) {
                var title = text
                var id: String? = nil
                if title.hasSuffix("}"), let open = title.markdownFind("{#") {
                    id = String(title[open.upperBound..<title.index(before: title.endIndex)])
                    title = String(title[..<open.lowerBound]).markdownTrimmed
                }
                blocks.append(.heading(level: level, spans: InlineParser.parse(title), id: id))
                i += 1
                continue
            }
            if isRule(t) { blocks.append(.rule); i += 1; continue }
            if t.hasPrefix(">"), depth < maxDepth {
                var inner: [String] = []
                while i < lines.count {
                    let qt = lines[i].markdownTrimmed
                    if qt.hasPrefix(">") {
                        var s = Substring(qt.dropFirst())
                        if s.first == " " { s.removeFirst() }
                        inner.append(String(s))
                    } else if !qt.isEmpty, !startsBlock(lines[i]), !(inner.last ?? "").markdownTrimmed.isEmpty {
                        inner.append(qt)  // lazy continuation of a quoted paragraph
                    } else { break }
                    i += 1
                }
                blocks.append(.quote(parse(inner, depth: depth + 1)))
                continue
            }
            if depth < maxDepth, let item = listItem(line) {
                let (block, next) = list(lines, from: i, first: item, depth: depth)
                blocks.append(block)
                i = next
                continue
            }
            // A paragraph: lines up to a blank line or the start of another block. Its lines
            // are joined before the inline parse, so emphasis, code spans and math may run
            // across a line break (`f*c + i*g` split over two lines stays code, not italics);
            // a hard break (two spaces or a backslash at the end) ends one parsed run.
            var text: [InlineSpan] = []
            var run: [String] = []
            var first = true
            while i < lines.count {
                let l = lines[i]
                if l.markdownTrimmed.isEmpty || (!first && startsBlock(l)) { break }
                let hard = l.hasSuffix("  ") || l.hasSuffix("\\")
                var content = l.markdownTrimmed
                if content.hasSuffix("\\") { content.removeLast() }
                run.append(content)
                if hard, i + 1 < lines.count, !lines[i + 1].markdownTrimmed.isEmpty {
                    text.append(contentsOf: InlineParser.parse(run.joined(separator: " ")))
                    text.append(InlineSpan("\n"))
                    run = []
                }
                first = false
                i += 1
            }
            if !run.isEmpty { text.append(contentsOf: InlineParser.parse(run.joined(separator: " "))) }
            blocks.append(.paragraph(merge(text)))
        }
        return blocks
    }

    /// Joins neighbouring spans of the same style (the line joins add many small ones).
    static func merge(_ spans: [InlineSpan]) -> [InlineSpan] {
        var out: [InlineSpan] = []
        for s in spans {
            if let last = out.last, last.style == s.style, !s.style.contains(.math), s.text != "\n", last.text != "\n" {
                out[out.count - 1].text += s.text
            } else {
                out.append(s)
            }
        }
        // A hard break's neighbouring join space is not wanted.
        return out
    }

    static func fenceMarker(_ t: String) -> String? {
        for m in ["```", "~~~"] where t.hasPrefix(m) {
            let ch = m.first!
            return String(t.prefix { $0 == ch })
        }
        return nil
    }

    static func heading(_ t: String) -> (Int, String)? {
        let hashes = t.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = t.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = String(rest).markdownTrimmed
        while text.hasSuffix("#") { text.removeLast() }  // closing hashes
        return (hashes, text.markdownTrimmed)
    }

    static func isRule(_ t: String) -> Bool {
        let chars = t.filter { $0 != " " }
        guard chars.count >= 3, let c = chars.first, "-*_".contains(c) else { return false }
        return chars.allSatisfy { $0 == c }
    }

    /// A list marker: (indent, ordered, number, content column, content).
    struct Item { var indent: Int; var ordered: Bool; var number: Int; var contentColumn: Int; var content: String }

    static func listItem(_ line: String) -> Item? {
        let indent = line.markdownIndent
        let rest = line.markdownDedented(by: indent)
        guard let first = rest.first else { return nil }
        if "-*+".contains(first) {
            let after = rest.dropFirst()
            guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
            let content = String(after).markdownTrimmed
            let gap = after.prefix { $0 == " " }.count
            return Item(indent: indent, ordered: false, number: 0, contentColumn: indent + 1 + max(1, min(gap, 4)), content: content)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let d = after.first, d == "." || d == ")" else { return nil }
        let tail = after.dropFirst()
        guard tail.isEmpty || tail.first == " " else { return nil }
        let gap = tail.prefix { $0 == " " }.count
        return Item(indent: indent, ordered: true, number: Int(digits) ?? 1, contentColumn: indent + digits.count + 1 + max(1, min(gap, 4)), content: String(tail).markdownTrimmed)
    }

    /// True when a line starts a block that interrupts a paragraph.
    static func startsBlock(_ line: String) -> Bool {
        let t = line.markdownTrimmed
        if fenceMarker(t) != nil || t.hasPrefix("$$") || heading(t) != nil || t.hasPrefix(">") { return true }
        if isRule(t), !t.hasPrefix("-") || t.filter({ $0 != " " }).count >= 3 { return true }
        if let item = listItem(line), !item.content.isEmpty { return !item.ordered || item.number == 1 }
        return false
    }

    static func displayMath(_ lines: [String], from start: Int) -> (String, Int) {
        var t = String(lines[start].markdownTrimmed.dropFirst(2))
        if let end = t.markdownFind("$$") { return (String(t[..<end.lowerBound]).markdownTrimmed, start + 1) }
        var i = start + 1
        while i < lines.count {
            let l = lines[i]
            if let end = l.markdownFind("$$") {
                t += "\n" + l[..<end.lowerBound]
                return (t.markdownTrimmed, i + 1)
            }
            t += "\n" + l
            i += 1
        }
        return (t.markdownTrimmed, i)
    }

    static func list(_ lines: [String], from start: Int, first: Item, depth: Int) -> (ProseBlock, Int) {
        var items: [[String]] = [[first.content]]
        var column = first.contentColumn
        var i = start + 1
        var blankBefore = false
        while i < lines.count {
            let line = lines[i]
            if line.markdownTrimmed.isEmpty {
                blankBefore = true
                items[items.count - 1].append("")
                i += 1
                continue
            }
            if let item = listItem(line), item.ordered == first.ordered, item.indent < column, item.indent <= first.indent + 3 {
                items.append([item.content])
                column = item.contentColumn
                blankBefore = false
                i += 1
                continue
            }
            if line.markdownIndent >= column {
                items[items.count - 1].append(line.markdownDedented(by: column))
            } else if !blankBefore, !startsBlock(line) {
                items[items.count - 1].append(line.markdownTrimmed)  // lazy continuation
            } else {
                break
            }
            blankBefore = false
            i += 1
        }
        // Trailing blank lines belong after the list, not inside its last item.
        while let last = items.last?.last, last.isEmpty { items[items.count - 1].removeLast() }
        return (.list(ordered: first.ordered, start: first.number, items: items.map { parse($0, depth: depth + 1) }), i)
    }
}
