import Yams

/// A YAML mapping from a lesson file, read with Yams' node API so that every key keeps the
/// line it was written on (Yams marks are 1-based inside the block; `firstLine` shifts them
/// to lines of the file).
///
/// All checks append to an error list instead of throwing, so one pass reports everything.
public struct YAMLFields {
    public struct Field {
        public var key: String
        public var line: Int
        var value: Node
    }

    public let file: String
    /// File line of the block's first YAML line.
    public let firstLine: Int
    /// What the block is, for messages ("front matter", "lab block").
    public let what: String
    public private(set) var fields: [Field] = []

    /// Composes `yaml`; on a syntax error or a non-mapping document records an error at
    /// `fallbackLine` (or the error's own line) and returns nil.
    public init?(yaml: String, file: String, firstLine: Int, fallbackLine: Int, what: String, errors: inout [LessonError]) {
        self.file = file
        self.firstLine = firstLine
        self.what = what
        // Problems libyaml reports on the wrong line, in several lines, or not at all
        // (too deep for the composer's recursion) are found first, each on its own line.
        if let (offset, problem) = YAMLFields.precheck(yaml) {
            errors.append(LessonError(file: file, line: firstLine + offset, message: "\(what) is not valid YAML: \(problem)"))
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (mark, problem) = YAMLFields.describe(error, yaml: yaml)
            let line = mark.map { firstLine + $0 - 1 } ?? fallbackLine
            errors.append(LessonError(file: file, line: line, message: "\(what) is not valid YAML: \(problem)"))
            return nil
        } catch {
            errors.append(LessonError(file: file, line: fallbackLine, message: "\(what) is not valid YAML: \(error)"))
            return nil
        }
        guard let node else {
            errors.append(LessonError(file: file, line: fallbackLine, message: "\(what) is empty"))
            return nil
        }
        guard let mapping = node.mapping else {
            errors.append(LessonError(file: file, line: line(of: node, or: fallbackLine),
                                      message: "\(what) must be a list of 'key: value' lines"))
            return nil
        }
        for (k, v) in mapping {
            let keyLine = line(of: k, or: fallbackLine)
            guard let key = k.scalar?.string else {
                errors.append(LessonError(file: file, line: keyLine, message: "\(what) keys must be plain words"))
                continue
            }
            fields.append(Field(key: key, line: keyLine, value: v))
        }
    }

    /// How deep `[ ]` and `{ }` may nest in a block (a lab block needs none).
    static let maxFlowDepth = 64

    /// The first line (0-based within the block) with a tab in its indentation, a control
    /// character, or brackets nested deeper than `maxFlowDepth`, and what is wrong.
    static func precheck(_ yaml: String) -> (Int, String)? {
        var depth = 0
        for (n, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            if indent.contains("\t") { return (n, "a tab in the indentation (indent with spaces)") }
            if let c = line.unicodeScalars.first(where: { $0 != "\t" && $0 != "\r" && LessonError.isControl($0) }) {
                return (n, "control character \(LessonError.escaped(String(c))) (remove it)")
            }
            var quote: Character? = nil
            for ch in line {
                if let q = quote { if ch == q { quote = nil }; continue }
                switch ch {
                case "\"", "'": quote = ch
                case "#": break
                case "[", "{":
                    depth += 1
                    if depth > maxFlowDepth { return (n, "brackets nested more than \(maxFlowDepth) levels deep") }
                case "]", "}": depth = max(0, depth - 1)
                default: continue
                }
                if ch == "#" { break }
            }
        }
        return nil
    }

    /// The file line of a node.
    func line(of node: Node, or fallback: Int) -> Int {
        node.mark.map { firstLine + $0.line - 1 } ?? fallback
    }

    /// The block line (1-based) and the problem of a Yams error. Where libyaml gives the
    /// start of the construct it was reading ("while parsing a flow sequence"), that line is
    /// the one to fix, so it wins over the line where the parser gave up.
    private static func describe(_ error: YamlError, yaml: String) -> (Int?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return ((context?.mark ?? mark).line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Point at the last repetition of the first duplicated key: that is the extra one.
            let key = duplicates.first ?? ""
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let last = lines.lastIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
            return (last.map { $0 + 1 } ?? context.mark.line, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }

    public subscript(key: String) -> Field? { fields.first { $0.key == key } }

    /// Reports every key not in `allowed`.
    public func checkKeys(allowed: [String], errors: inout [LessonError]) {
        for f in fields where !allowed.contains(f.key) {
            errors.append(LessonError(file: file, line: f.line,
                                      message: "unknown key '\(f.key)' in \(what) (allowed: \(allowed.joined(separator: ", ")))"))
        }
    }

    /// A required or optional plain string (numbers are accepted as text; lists and maps are not).
    public func string(_ key: String, required: Bool, missingLine: Int, errors: inout [LessonError]) -> String? {
        guard let f = self[key] else {
            if required { errors.append(LessonError(file: file, line: missingLine, message: "\(what) is missing '\(key)'")) }
            return nil
        }
        guard let s = f.value.scalar?.string, f.value.null == nil else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be text"))
            return nil
        }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must not be empty"))
            return nil
        }
        return trimmed
    }

    /// An optional integer inside `range`. A quoted number is text, and a whole number too
    /// large for `Int` is out of range (not "not a whole number").
    public func int(_ key: String, in range: ClosedRange<Int>, errors: inout [LessonError]) -> Int? {
        guard let f = self[key] else { return nil }
        let between = "it must be between \(range.lowerBound) and \(range.upperBound)"
        guard let scalar = f.value.scalar else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be a whole number, not a list or map"))
            return nil
        }
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
            let q = scalar.style == .singleQuoted ? "'" : "\""
            errors.append(LessonError(file: file, line: f.line,
                                      message: "'\(key)' must be a whole number, not the text \(q)\(scalar.string)\(q) (remove the quotes)"))
            return nil
        }
        guard let n = f.value.int else {
            // A whole number too large for Int is out of range, not "not a number".
            let digits = scalar.string.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                errors.append(LessonError(file: file, line: f.line, message: "'\(key)' is \(scalar.string); \(between)"))
            } else {
                errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be a whole number, not '\(scalar.string)'"))
            }
            return nil
        }
        guard range.contains(n) else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' is \(n); \(between)"))
            return nil
        }
        return n
    }

    /// An optional number in `range`, excluding the lower bound when `openBelow`.
    public func double(_ key: String, in range: ClosedRange<Double>, openBelow: Bool, errors: inout [LessonError]) -> Double? {
        guard let f = self[key] else { return nil }
        guard f.value.scalar != nil, let x = f.value.float, x.isFinite else {
            errors.append(LessonError(file: file, line: f.line,
                                      message: "'\(key)' must be a number, not '\(f.value.scalar?.string ?? "a list or map")'"))
            return nil
        }
        let below = openBelow ? x <= range.lowerBound : x < range.lowerBound
        if below || x > range.upperBound {
            let low = openBelow ? "above \(range.lowerBound.formatted)" : "at least \(range.lowerBound.formatted)"
            errors.append(LessonError(file: file, line: f.line,
                                      message: "'\(key)' is \(x.formatted); it must be \(low) and at most \(range.upperBound.formatted)"))
            return nil
        }
        return x
    }

    /// An optional word from `allowed` (for vocabularies the parser does not know, like view names).
    public func word(_ key: String, in allowed: [String], noun: String, required: Bool, missingLine: Int,
                     errors: inout [LessonError]) -> String? {
        guard let f = self[key] else {
            if required { errors.append(LessonError(file: file, line: missingLine, message: "\(what) is missing '\(key)'")) }
            return nil
        }
        let known = allowed.joined(separator: ", ")
        guard let s = f.value.scalar?.string else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be one of: \(known)"))
            return nil
        }
        guard allowed.contains(s) else {
            errors.append(LessonError(file: file, line: f.line, message: "unknown \(noun) '\(s)' (known: \(known))"))
            return nil
        }
        return s
    }

    /// An optional `true` / `false`.
    public func bool(_ key: String, errors: inout [LessonError]) -> Bool? {
        guard let f = self[key] else { return nil }
        guard let s = f.value.scalar?.string, let b = ["true": true, "false": false][s] else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be true or false"))
            return nil
        }
        return b
    }

    /// An optional list of words from `allowed`, written `[a, b]` or as one word.
    public func words(_ key: String, in allowed: [String], noun: String, errors: inout [LessonError]) -> [String]? {
        guard let f = self[key] else { return nil }
        let known = allowed.joined(separator: ", ")
        let items: [Node]
        if let seq = f.value.sequence { items = Array(seq) } else if f.value.scalar != nil { items = [f.value] } else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be a list like [\(allowed.prefix(2).joined(separator: ", "))]"))
            return nil
        }
        var out: [String] = []
        for item in items {
            guard let s = item.scalar?.string, allowed.contains(s) else {
                let word = item.scalar?.string ?? "a list or map"
                errors.append(LessonError(file: file, line: line(of: item, or: f.line), message: "unknown \(noun) '\(word)' (known: \(known))"))
                continue
            }
            if out.contains(s) {
                errors.append(LessonError(file: file, line: line(of: item, or: f.line), message: "\(noun) '\(s)' is listed twice"))
                continue
            }
            out.append(s)
        }
        return out
    }

    /// An optional list of texts (`[a, b]`, a `- item` list, or one text), each non-empty.
    public func strings(_ key: String, errors: inout [LessonError]) -> [String]? {
        guard let f = self[key] else { return nil }
        let items: [Node]
        if let seq = f.value.sequence { items = Array(seq) } else if f.value.scalar != nil { items = [f.value] } else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be a list of texts"))
            return nil
        }
        var out: [String] = []
        for item in items {
            guard let s = item.scalar?.string, item.null == nil,
                  !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                errors.append(LessonError(file: file, line: line(of: item, or: f.line),
                                          message: "every item of '\(key)' must be a non-empty text"))
                continue
            }
            out.append(s.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return out
    }

    /// An optional list of mappings (`- key: value` items), each read as its own fields with
    /// the lines of the file, for nested settings such as a choice's options.
    public func mappings(_ key: String, what itemWhat: String, errors: inout [LessonError]) -> [YAMLFields]? {
        guard let f = self[key] else { return nil }
        guard let seq = f.value.sequence else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be a list of '- key: value' items"))
            return nil
        }
        var out: [YAMLFields] = []
        for item in seq {
            guard let mapping = item.mapping else {
                errors.append(LessonError(file: file, line: line(of: item, or: f.line),
                                          message: "every item of '\(key)' must be a list of 'key: value' lines"))
                continue
            }
            var sub = YAMLFields(file: file, firstLine: firstLine, what: itemWhat)
            for (k, v) in mapping {
                let keyLine = line(of: k, or: f.line)
                guard let name = k.scalar?.string else {
                    errors.append(LessonError(file: file, line: keyLine, message: "\(itemWhat) keys must be plain words"))
                    continue
                }
                sub.fields.append(Field(key: name, line: keyLine, value: v))
            }
            out.append(sub)
        }
        return out
    }

    /// Line of the key `key`, or `fallback` when it is absent.
    public func line(of key: String, or fallback: Int) -> Int { self[key]?.line ?? fallback }

    private init(file: String, firstLine: Int, what: String) {
        self.file = file
        self.firstLine = firstLine
        self.what = what
    }

    /// An optional value of a string enum; the message lists the accepted words.
    public func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, noun: String,
                                                   required: Bool, missingLine: Int,
                                                   errors: inout [LessonError]) -> E? where E.RawValue == String {
        guard let f = self[key] else {
            if required { errors.append(LessonError(file: file, line: missingLine, message: "\(what) is missing '\(key)'")) }
            return nil
        }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard let s = f.value.scalar?.string else {
            errors.append(LessonError(file: file, line: f.line, message: "'\(key)' must be one of: \(allowed)"))
            return nil
        }
        guard let v = E(rawValue: s) else {
            errors.append(LessonError(file: file, line: f.line, message: "unknown \(noun) '\(s)' (known: \(allowed))"))
            return nil
        }
        return v
    }
}

import Foundation

extension Double {
    /// Short form for messages: `5` rather than `5.0`.
    var formatted: String {
        self == rounded() && abs(self) < 1e9 ? String(Int(self)) : String(self)
    }
}
