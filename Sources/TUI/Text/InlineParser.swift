/// Parses the inline Markdown of one paragraph or heading into styled spans.
///
/// Emphasis is matched by looking ahead for the closing delimiter, so an unmatched `*` or
/// `_` stays literal (the lecture writes `h_t` in plain text). `_` only opens at the start of
/// a word. A backslash escapes ASCII punctuation; before a letter it is kept (`\mathbf`).
///
/// Near-linear on hostile text: the closers of code, math and brackets come from tables
/// built once per text, a search for an emphasis closer that failed is not repeated from a
/// later opener, and emphasis and links nest at most `maxDepth` deep (deeper markup stays
/// literal), so `*a *a *a …` or `[[[[…` can neither take quadratic time nor exhaust the stack.
enum InlineParser {
    /// How deep emphasis and link text may nest before further markup stays literal.
    static let maxDepth = 16

    static func parse(_ text: String, style: SpanStyle = [], depth: Int = 0) -> [InlineSpan] {
        parseCountingWork(text, style: style, depth: depth).spans
    }

    /// `parse`, and how many characters the searches for emphasis closers looked at (what
    /// would grow quadratically with hostile text; tests bound it).
    static func parseCountingWork(_ text: String, style: SpanStyle = [], depth: Int = 0) -> (spans: [InlineSpan], work: Int) {
        var s = Scanner(Array(text))
        let spans = s.parse(style: style, depth: depth)
        return (spans, s.work)
    }

    /// One text with its lookup tables.
    private struct Scanner {
        let c: [Character]
        /// Starts of runs of backticks and dollars, by character and run length, ascending.
        private var runStarts: [Character: [Int: [Int]]] = [:]
        /// `mathClose[r - 1][p]`: where the `$…$` scan for a run of `r` dollars, begun at p, stops.
        private var mathClose: [[Int?]] = []
        /// The matching `]` of each `[` and `)` of each `(`.
        private var brackets: [Int: Int] = [:]
        /// Per emphasis delimiter and length, the earliest start from which no closer was found.
        private var emphasisFailed: [String: Int] = [:]
        /// Characters looked at by `closing` (nested parses add theirs to their own count).
        private(set) var work = 0

        init(_ c: [Character]) {
            self.c = c
            var stack: [Character: [Int]] = ["[": [], "(": []]
            var j = 0
            while j < c.count {
                let ch = c[j]
                if ch == "`" || ch == "$" {
                    let n = Scanner.count(c, from: j, of: ch)
                    runStarts[ch, default: [:]][n, default: []].append(j)
                    j += n
                    continue
                }
                if ch == "[" || ch == "(" { stack[ch]!.append(j) }
                if ch == "]", let o = stack["["]!.popLast() { brackets[o] = j }
                if ch == ")", let o = stack["("]!.popLast() { brackets[o] = j }
                j += 1
            }
            if runStarts["$"] != nil { mathClose = [buildMathClose(run: 1), buildMathClose(run: 2)] }
        }

        static func count(_ c: [Character], from i: Int, of ch: Character) -> Int {
            var j = i
            while j < c.count, c[j] == ch { j += 1 }
            return j - i
        }

        /// For every start p: the first j ≥ p, stepping over `\x` pairs, where a run of at
        /// least `run` dollars follows a non-space; built from the right in one pass.
        private func buildMathClose(run: Int) -> [Int?] {
            var next = [Int?](repeating: nil, count: c.count + 2)
            var dollars = 0
            for p in stride(from: c.count - 1, through: 0, by: -1) {
                dollars = c[p] == "$" ? dollars + 1 : 0
                if c[p] == "\\" {
                    next[p] = next[p + 2]
                } else if c[p] == "$", dollars >= run, p > 0, c[p - 1] != " " {
                    next[p] = p
                } else {
                    next[p] = next[p + 1]
                }
            }
            return next
        }

        /// The first run of exactly `length` characters `ch` starting at or after `start`.
        func findRun(from start: Int, of ch: Character, length: Int) -> Int? {
            guard let starts = runStarts[ch]?[length] else { return nil }
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < start { lo = mid + 1 } else { hi = mid }
            }
            return lo < starts.count ? starts[lo] : nil
        }

        mutating func parse(style: SpanStyle, depth: Int) -> [InlineSpan] {
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
                    let run = Scanner.count(c, from: i, of: "`")
                    if let close = findRun(from: i + run, of: "`", length: run) {
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
                    let run = Scanner.count(c, from: i, of: "$")
                    if run <= 2, i + run < c.count, c[i + run] != " ", let end = mathClose[run - 1][i + run] {
                        flush()
                        out.append(InlineSpan(String(c[(i + run)..<end]), style.union(.math)))
                        i = end + run
                        continue
                    }
                    plain.append(contentsOf: String(repeating: "$", count: run))
                    i += run
                    continue
                }
                // Links [text](url) and images ![alt](src): the text is kept, the address dropped.
                if ch == "[" || (ch == "!" && i + 1 < c.count && c[i + 1] == "[") {
                    let open = ch == "!" ? i + 1 : i
                    if let close = brackets[open], close + 1 < c.count, c[close + 1] == "(",
                       let paren = brackets[close + 1] {
                        flush()
                        let label = String(c[(open + 1)..<close])
                        if ch == "!" {
                            out.append(InlineSpan("[" + label + "]", style.union(.italic)))
                        } else if depth < InlineParser.maxDepth {
                            out.append(contentsOf: InlineParser.parse(label, style: style.union(.link), depth: depth + 1))
                        } else {
                            out.append(InlineSpan(label, style.union(.link)))
                        }
                        i = paren + 1
                        continue
                    }
                }
                // Emphasis.
                if ch == "*" || ch == "_", depth < InlineParser.maxDepth {
                    let run = min(Scanner.count(c, from: i, of: ch), 3)
                    let prev: Character? = i > 0 ? c[i - 1] : nil
                    let next: Character? = i + run < c.count ? c[i + run] : nil
                    let wordStart = ch == "*" || prev == nil || !(prev!.isLetter || prev!.isNumber)
                    if wordStart, let n = next, n != " " {
                        var matched = false
                        for len in stride(from: run, through: 1, by: -1) {
                            if let close = closing(from: i + len, of: ch, length: len) {
                                flush()
                                let inner = String(c[(i + len)..<close])
                                let add: SpanStyle = len == 3 ? [.bold, .italic] : (len == 2 ? .bold : .italic)
                                let (spans, w) = InlineParser.parseCountingWork(inner, style: style.union(add), depth: depth + 1)
                                out.append(contentsOf: spans)
                                work += w
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

        /// The closing emphasis delimiter: after a non-space, not followed by a letter for `_`.
        /// A search that found nothing is remembered: one from a later start would scan the
        /// same rest of the text and find nothing either.
        private mutating func closing(from start: Int, of ch: Character, length: Int) -> Int? {
            let key = "\(ch)\(length)"
            if let failed = emphasisFailed[key], start >= failed { return nil }
            var j = start
            while j < c.count {
                work += 1
                if c[j] == "`" || c[j] == "$" {  // do not close inside code or math
                    let run = Scanner.count(c, from: j, of: c[j])
                    if let end = findRun(from: j + run, of: c[j], length: run) { j = end + run; continue }
                }
                if c[j] == ch {
                    let n = Scanner.count(c, from: j, of: ch)
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
            emphasisFailed[key] = min(start, emphasisFailed[key] ?? start)
            return nil
        }
    }
}
