/// The part of `LessonParser` that walks the Markdown body line by line: step headings,
/// fenced blocks (```` ```lab ````, ```` ```exercise ````, code) and display math balance.
struct BodyParser {
    private struct OpenStep {
        var title: String
        var id: String
        var line: Int
        var markdown: [String] = []
        var lab: AnyLabSpec?
        var exercise: AnyExerciseSpec?
        /// Line of an unmatched `$$`, if display math is open.
        var openMath: Int?
    }

    private struct OpenFence {
        var marker: Character
        var length: Int
        var info: String
        var line: Int
        var lines: [String] = []
    }

    let file: String
    /// Turns lab blocks into view specs (the Lab's view registry).
    let labs: any LabBlockReader
    private var steps: [LessonStep] = []
    private var current: OpenStep?
    private var fence: OpenFence?
    private var stepLines: [String: Int] = [:]
    private var reportedStrayText = false

    init(file: String, labs: any LabBlockReader) {
        self.file = file
        self.labs = labs
    }

    mutating func consume(_ text: String, line: Int, errors: inout [LessonError]) {
        if var f = fence {
            if isClosingFence(text, for: f) {
                fence = nil
                closeFence(f, closingLine: text, errors: &errors)
            } else {
                f.lines.append(text)
                fence = f
            }
            return
        }
        if let opened = openingFence(text, line: line) {
            if current == nil { strayText(line: line, errors: &errors) }
            fence = opened
            return
        }
        if text.hasPrefix("## ") || text == "##" {
            startStep(heading: String(text.dropFirst(2)), line: line, errors: &errors)
            return
        }
        if text.hasPrefix("# ") {
            errors.append(LessonError(file: file, line: line,
                                      message: "use '## ' to start a step; the lesson title comes from the front matter"))
            return
        }
        guard current != nil else {
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { strayText(line: line, errors: &errors) }
            return
        }
        trackMath(text, line: line)
        current!.markdown.append(text)
    }

    /// Closes what is open and returns the steps in file order.
    mutating func finish(errors: inout [LessonError]) -> [LessonStep] {
        if let f = fence {
            // Everything after the opening fence was swallowed: say which fence, and how to close it.
            let marker = String(repeating: f.marker, count: f.length)
            let what = f.info.isEmpty ? "code block" : "'\(marker)\(f.info)' block"
            errors.append(LessonError(file: file, line: f.line,
                                      message: "\(what) opened on this line is never closed (add a line '\(marker)' after it; the rest of the file was read as its content)"))
            fence = nil
        }
        closeStep(errors: &errors)
        return steps
    }

    // MARK: - Steps

    private mutating func startStep(heading: String, line: Int, errors: inout [LessonError]) {
        closeStep(errors: &errors)
        var title = heading.trimmingCharacters(in: .whitespaces)
        var id: String?
        if title.hasSuffix("}"), let open = title.range(of: "{#", options: .backwards) {
            let explicit = String(title[open.upperBound..<title.index(before: title.endIndex)])
            title = String(title[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
            if LessonParser.isValidID(explicit), explicit.allSatisfy(\.isNumber) {
                errors.append(LessonError(file: file, line: line,
                                          message: "step id '\(explicit)' is a number, but '--step \(explicit)' means the step in position \(explicit): use a name such as 'step-\(explicit)'"))
            } else if LessonParser.isValidID(explicit) {
                id = explicit
            } else {
                errors.append(LessonError(file: file, line: line,
                                          message: "step id '\(explicit)' may only use lowercase letters, digits and '-'"))
            }
        }
        if title.isEmpty {
            errors.append(LessonError(file: file, line: line, message: "step heading has no title"))
        }
        let stepID = id ?? BodyParser.derivedID(from: title, number: steps.count + 1)
        if let previous = stepLines[stepID] {
            errors.append(LessonError(file: file, line: line,
                                      message: "duplicate step id '\(stepID)' (first used on line \(previous))"))
        } else {
            stepLines[stepID] = line
        }
        current = OpenStep(title: title, id: stepID, line: line)
    }

    private mutating func closeStep(errors: inout [LessonError]) {
        guard let s = current else { return }
        current = nil
        if let open = s.openMath {
            errors.append(LessonError(file: file, line: open, message: "display math opened with '$$' is never closed"))
        }
        var md = s.markdown
        while md.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { md.removeFirst() }
        while md.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { md.removeLast() }
        steps.append(LessonStep(id: s.id, title: s.title, markdown: md.joined(separator: "\n"), lab: s.lab,
                                exercise: s.exercise, line: s.line))
    }

    /// `The vanilla RNN!` → `the-vanilla-rnn`; a title with no letters or digits gives `step-N`.
    static func derivedID(from title: String, number: Int) -> String {
        var out = ""
        for c in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) {
                out.unicodeScalars.append(c)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty { return "step-\(number)" }
        // A number would be read as a position by `--step`: `## 1984` becomes `step-1984`.
        return out.allSatisfy(\.isNumber) ? "step-" + out : out
    }

    private mutating func strayText(line: Int, errors: inout [LessonError]) {
        guard !reportedStrayText else { return }
        reportedStrayText = true
        errors.append(LessonError(file: file, line: line, message: "text before the first '## ' step heading"))
    }

    /// Counts `$$` outside inline code; an odd count toggles display math open or closed.
    private mutating func trackMath(_ text: String, line: Int) {
        var count = 0
        var rest = Substring(text)
        while let r = rest.range(of: "$$") {
            count += 1
            rest = rest[r.upperBound...]
        }
        if count % 2 == 1 {
            current!.openMath = current!.openMath == nil ? line : nil
        }
    }

    // MARK: - Fences

    private func openingFence(_ text: String, line: Int) -> OpenFence? {
        let trimmed = text.drop { $0 == " " }
        guard text.count - trimmed.count <= 3, let c = trimmed.first, c == "`" || c == "~" else { return nil }
        let length = trimmed.prefix { $0 == c }.count
        guard length >= 3 else { return nil }
        let info = trimmed.dropFirst(length).trimmingCharacters(in: .whitespaces)
        if c == "`" && info.contains("`") { return nil }
        return OpenFence(marker: c, length: length, info: info, line: line)
    }

    private func isClosingFence(_ text: String, for f: OpenFence) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= f.length && trimmed.allSatisfy { $0 == f.marker }
    }

    /// The YAML of a lab or exercise block of the open step, or nil (with the error) when
    /// there is no step, the step already has such a block (`taken`) or the YAML is bad.
    private func blockFields(_ f: OpenFence, what: String, taken: Bool, errors: inout [LessonError]) -> YAMLFields? {
        guard current != nil else { return nil }
        if taken {
            errors.append(LessonError(file: file, line: f.line, message: "a step can have only one \(what)"))
            return nil
        }
        return YAMLFields(yaml: f.lines.joined(separator: "\n"), file: file, firstLine: f.line + 1,
                          fallbackLine: f.line, what: what, errors: &errors)
    }

    private mutating func closeFence(_ f: OpenFence, closingLine: String, errors: inout [LessonError]) {
        let language = f.info.split(separator: " ").first.map(String.init) ?? ""
        switch language {
        case "lab":
            guard let fields = blockFields(f, what: "lab block", taken: current?.lab != nil, errors: &errors) else { return }
            current!.lab = labs.read(fields, fenceLine: f.line, errors: &errors)
        case "exercise":
            guard let fields = blockFields(f, what: "exercise block", taken: current?.exercise != nil, errors: &errors) else { return }
            current!.exercise = labs.readExercise(fields, fenceLine: f.line, errors: &errors)
        default:
            // Ordinary code stays in the prose, fences and all, for the Prose widget.
            guard current != nil else { return }
            let open = String(repeating: f.marker, count: f.length) + f.info
            current!.markdown.append(open)
            current!.markdown.append(contentsOf: f.lines)
            current!.markdown.append(closingLine.trimmingCharacters(in: .whitespaces))
        }
    }
}

import Foundation
