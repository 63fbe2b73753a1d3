/// Parses the inline Markdown of one paragraph or heading into styled spans.
///
/// Emphasis is matched by looking ahead for the closing delimiter, so an unmatched `*` or
/// `_` stays literal (the lecture writes `h_t` in plain text). `_` only opens at the start of
/// a word. A backslash escapes ASCII punctuation; before a letter it is kept (`\mathbf`).
enum InlineParser {
    static func parse(_ text: String, style: SpanStyle = []) -> [InlineSpan] {
        let c = Array(text)
        var out: [InlineSpan] = []
        var plain = ""
        func flush() {
            if !plain.isEmpty { out.append(InlineSpan(plain, style)); plain = "" }
        }
        var i = 0
        while i < c.count {
            let ch = c[i]
            // Escapes.
            if ch == "\\", i + 1 < c.count, c[i + 1].isASCII, c[i + 1].isPunctuation || c[i + 1].isSymbol {
                plain.append(c[i + 1])
                i += 2
                continue
            }
            // `code`: a run of backticks closed by the same run.
            if ch == "`" {
                let run = count(c, from: i, of: "`")
                if let close = findRun(c, from: i + run, of: "`", length: run) {
                    flush()
                    var code = String(c[(i + run)..<close])
                    if code.hasPrefix(" "), code.hasSuffix(" "), code.count > 2 { code = String(code.dropFirst().dropLast()) }
                    out.append(InlineSpan(code, style.union(.code)))
                    i = close + run
                    continue
                }
                plain.append(contentsOf: String(repeating: "`", count: run))
                i += run
                continue
            }
            // $math$: opens before a non-space, closes after a non-space; `$$` inline is display-ish but kept inline.
            if ch == "$" {
                let run = count(c, from: i, of: "$")
                if run <= 2, i + run < c.count, c[i + run] != " " {
                    var j = i + run
                    var found: Int? = nil
                    while j < c.count {
                        if c[j] == "\\" { j += 2; continue }
                        if c[j] == "$", count(c, from: j, of: "$") >= run, c[j - 1] != " " { found = j; break }
                        j += 1
                    }
                    if let end = found {
                        flush()
                        out.append(InlineSpan(String(c[(i + run)..<end]), style.union(.math)))
                        i = end + run
                        continue
                    }
                }
                plain.append(contentsOf: String(repeating: "$", count: run))
                i += run
                continue
            }
            // Links [text](url) and images ![alt](src): the text is kept, the address dropped.
            if ch == "[" || (ch == "!" && i + 1 < c.count && c[i + 1] == "[") {
                let open = ch == "!" ? i + 1 : i
                if let close = matching(c, from: open, open: "[", close: "]"), close + 1 < c.count, c[close + 1] == "(",
                   let paren = matching(c, from: close + 1, open: "(", close: ")") {
                    flush()
                    let label = String(c[(open + 1)..<close])
                    if ch == "!" {
                        out.append(InlineSpan("[" + label + "]", style.union(.italic)))
                    } else {
                        out.append(contentsOf: parse(label, style: style.union(.link)))
                    }
                    i = paren + 1
                    continue
                }
            }
            // Emphasis.
            if ch == "*" || ch == "_" {
                let run = min(count(c, from: i, of: ch), 3)
                let prev: Character? = i > 0 ? c[i - 1] : nil
                let next: Character? = i + run < c.count ? c[i + run] : nil
                let wordStart = ch == "*" || prev == nil || !(prev!.isLetter || prev!.isNumber)
                if wordStart, let n = next, n != " " {
                    var matched = false
                    for len in stride(from: run, through: 1, by: -1) {
                        if let close = closing(c, from: i + len, of: ch, length: len) {
                            flush()
                            let inner = String(c[(i + len)..<close])
                            let add: SpanStyle = len == 3 ? [.bold, .italic] : (len == 2 ? .bold : .italic)
                            out.append(contentsOf: parse(inner, style: style.union(add)))
                            i = close + len
                            matched = true
                            break
                        }
                    }
                    if matched { continue }
                }
                plain.append(contentsOf: String(repeating: ch, count: run))
                i += run
                continue
            }
            plain.append(ch)
            i += 1
        }
        flush()
        return out
    }

    private static func count(_ c: [Character], from i: Int, of ch: Character) -> Int {
        var j = i
        while j < c.count, c[j] == ch { j += 1 }
        return j - i
    }

    private static func findRun(_ c: [Character], from start: Int, of ch: Character, length: Int) -> Int? {
        var j = start
        while j < c.count {
            if c[j] == ch {
                let n = count(c, from: j, of: ch)
                if n == length { return j }
                j += n
            } else { j += 1 }
        }
        return nil
    }

    /// The closing emphasis delimiter: after a non-space, not followed by a letter for `_`.
    private static func closing(_ c: [Character], from start: Int, of ch: Character, length: Int) -> Int? {
        var j = start
        while j < c.count {
            if c[j] == "`" || c[j] == "$" {  // do not close inside code or math
                let run = count(c, from: j, of: c[j])
                if let end = findRun(c, from: j + run, of: c[j], length: run) { j = end + run; continue }
            }
            if c[j] == ch {
                let n = count(c, from: j, of: ch)
                if n >= length, j > start, c[j - 1] != " " {
                    let after = j + length < c.count ? c[j + length] : nil
                    if ch == "*" || after == nil || !(after!.isLetter || after!.isNumber) {
                        // A longer run only closes when it is a triple (`***` ends bold and italic).
                        if n == length || n == 3 { return j }
                    }
                }
                j += n
                continue
            }
            j += 1
        }
        return nil
    }

    private static func matching(_ c: [Character], from i: Int, open: Character, close: Character) -> Int? {
        var depth = 0
        var j = i
        while j < c.count {
            if c[j] == open { depth += 1 } else if c[j] == close {
                depth -= 1
                if depth == 0 { return j }
            }
            j += 1
        }
        return nil
    }
}
