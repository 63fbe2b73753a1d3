import LessonKit

/// A multiple-choice question: one or several options are correct, and every wrong option
/// carries the explanation the learner sees when choosing it.
///
/// ```yaml
/// kind: choice
/// options:
///   - text: The same W_hh is used at every step
///     correct: true
///   - text: Each step has its own W_hh
///     why: Then the network could not run on sequences longer than it was trained on.
/// ```
public struct ChoiceExercise: Hashable, Sendable {
    public struct Option: Hashable, Sendable {
        public var text: String
        public var correct: Bool
        /// Why this option is wrong (required for wrong options), or why it is right (optional).
        public var why: String?
    }

    public var options: [Option]

    public var correctIndices: Set<Int> { Set(options.indices.filter { options[$0].correct }) }

    static let keys = ["options"]

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ChoiceExercise? {
        let before = errors.count
        guard let items = fields.mappings("options", what: "option", errors: &errors) else {
            if fields["options"] == nil {
                errors.append(LessonError(file: fields.file, line: fenceLine, message: "a choice exercise needs 'options'"))
            }
            return nil
        }
        var options: [Option] = []
        for item in items {
            let line = item.fields.first?.line ?? fenceLine
            item.checkKeys(allowed: ["text", "correct", "why"], errors: &errors)
            let text = item.string("text", required: true, missingLine: line, errors: &errors)
            let correct = item.bool("correct", errors: &errors) ?? false
            let why = item.string("why", required: false, missingLine: line, errors: &errors)
            if !correct && why == nil && item["why"] == nil {
                errors.append(LessonError(file: fields.file, line: line,
                                          message: "a wrong option needs 'why' (what the learner reads on choosing it)"))
            }
            if let text { options.append(Option(text: text, correct: correct, why: why)) }
        }
        let optionsLine = fields.line(of: "options", or: fenceLine)
        if items.count < 2 || items.count > 9 {
            errors.append(LessonError(file: fields.file, line: optionsLine, message: "a choice exercise needs 2 to 9 options, not \(items.count)"))
        }
        if !options.isEmpty && !options.contains(where: \.correct) {
            errors.append(LessonError(file: fields.file, line: optionsLine, message: "no option is marked 'correct: true'"))
        }
        return errors.count == before ? ChoiceExercise(options: options) : nil
    }

    /// What the learner is told about how many options to choose.
    public var instruction: String {
        correctIndices.count > 1 ? "Several options are correct: choose all of them." : "One option is correct."
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) -> ExerciseVariant {
        let options = self.options
        let correct = correctIndices
        var statement = spec.task + "\n"
        for (i, o) in options.enumerated() { statement += "\n\(ChoiceExercise.label(i))) \(o.text)" }
        statement += "\n\n" + instruction
        return ExerciseVariant(
            exercise: spec, student: student, seed: seed, statement: statement,
            options: options.map(\.text),
            check: { submission throws(ExerciseError) in
                guard case .options(let chosen) = submission else {
                    throw ExerciseError.unreadable("this is a choice exercise: answer with the letters of the options, e.g. 'a' or 'a,c'")
                }
                if let bad = chosen.first(where: { !options.indices.contains($0) }) {
                    throw ExerciseError.unreadable("there is no option \(ChoiceExercise.label(bad)) (options a–\(ChoiceExercise.label(options.count - 1)))")
                }
                return ChoiceExercise.verdict(chosen: chosen, options: options, correct: correct)
            },
            solution: { .options(correct) })
    }

    /// `a`, `b`, … for option 0, 1, …
    public static func label(_ i: Int) -> String {
        guard i >= 0, i < 26 else { return String(i + 1) }
        return String(UnicodeScalar(UInt8(97 + i)))
    }

    /// Reads `a`, `a,c`, `A C`, `1,3` as option indices; nil when it is not such a list.
    public static func parseAnswer(_ text: String) -> Set<Int>? {
        let parts = text.split { $0 == "," || $0 == " " }.map { $0.lowercased() }
        guard !parts.isEmpty else { return nil }
        var out = Set<Int>()
        for p in parts {
            if p.count == 1, let u = p.unicodeScalars.first, ("a"..."z").contains(u) {
                out.insert(Int(u.value) - 97)
            } else if let n = Int(p), n >= 1 {
                out.insert(n - 1)
            } else {
                return nil
            }
        }
        return out
    }

    private static func verdict(chosen: Set<Int>, options: [Option], correct: Set<Int>) -> Verdict {
        if chosen == correct {
            return Verdict(passed: true, message: "Right." + (correct.count == 1 ? (options[correct.first!].why.map { " " + $0 } ?? "") : ""))
        }
        let wrong = chosen.subtracting(correct).sorted()
        if let first = wrong.first {
            return Verdict(passed: false,
                           message: "\(label(first))) is not right: \(options[first].why ?? "")"
                               + (wrong.count > 1 ? " (and \(wrong.dropFirst().map { label($0) + ")" }.joined(separator: ", ")) too)" : ""))
        }
        let missing = correct.subtracting(chosen).count
        return Verdict(passed: false,
                       message: "What you chose is right, but \(missing == 1 ? "one more option is" : "\(missing) more options are") correct too.")
    }
}
