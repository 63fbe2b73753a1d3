import Foundation
import RNNCore

/// What `rnnlab exercise export` writes for one student's variant: the variant's data files
/// as it gives them (`.npy` / `.npz` in Keras 3 layout), a `README.md` that states the task,
/// the files and their shapes, and what to hand in, and `task.json` saying the same for
/// scripts:
///
/// ```json
/// {"exercise", "student", "kind", "cell", "reset_after", "files": {name: file},
///  "answer": {"file", "shape", "quantity"}}
/// ```
///
/// `cell` and `reset_after` are null when the exercise has no cell (or no GRU), `answer` is
/// null for the kinds that are not handed in as a file (choice, numeric, challenge, keras);
/// those kinds still get the README and `task.json`.
public struct ExerciseExport: Sendable {
    /// One file of the folder: its name and bytes.
    public struct File: Sendable, Equatable {
        public var name: String
        public var data: Data
    }

    /// Every file, the variant's first, then README.md and task.json.
    public let files: [File]

    /// Names the folder always holds; a variant's file may not take them.
    public static let readmeName = "README.md"
    public static let taskName = "task.json"

    /// Encodes the variant's files and writes the README and task.json. Throws `.invalid`
    /// for a variant file whose name is not one plain file name or is used twice.
    public init(_ variant: ExerciseVariant) throws(ExerciseError) {
        var out: [File] = []
        var names: Set<String> = [Self.readmeName, Self.taskName]
        for f in variant.files {
            guard ExerciseExport.isPlainFileName(f.fileName) else {
                throw ExerciseError.invalid("exercise '\(variant.exercise.id)': '\(ExerciseError.shown(f.fileName))' is not a plain file name")
            }
            guard names.insert(f.fileName).inserted else {
                throw ExerciseError.invalid("exercise '\(variant.exercise.id)': the file name '\(f.fileName)' is used twice")
            }
            let data: Data
            switch f.contents {
            case .npy(let array): data = NPY.encode(array)
            case .npz(let arrays):
                do {
                    data = try NPZ.encode(arrays, file: f.fileName)
                } catch {
                    throw ExerciseError.invalid("\(f.fileName): \(error)")
                }
            case .text(let text): data = Data(text.utf8)
            }
            out.append(File(name: f.fileName, data: data))
        }
        out.append(File(name: Self.readmeName, data: Data(ExerciseExport.readme(variant).utf8)))
        out.append(File(name: Self.taskName, data: Data((ExerciseExport.task(variant).text() + "\n").utf8)))
        files = out
    }

    /// One path component: not empty, no slash, not `.`/`..`, no control characters.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/")
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// `task.json`'s content.
    public static func task(_ variant: ExerciseVariant) -> JSONValue {
        let answer: JSONValue = variant.answer.map { a in
            .object([("file", .string(a.file)), ("shape", .array(a.shape.map(JSONValue.int))), ("quantity", .string(a.quantity))])
        } ?? .null
        return .object([
            ("exercise", .string(variant.exercise.id)),
            ("student", .string(variant.student.value)),
            ("kind", .string(variant.exercise.kindWord)),
            ("cell", .optional(variant.cell)),
            ("reset_after", variant.resetAfter.map(JSONValue.bool) ?? .null),
            ("files", .object(variant.files.map { ($0.name, .string($0.fileName)) })),
            ("answer", answer),
        ])
    }

    /// `README.md`: the task with this student's numbers, the files with their shapes, and
    /// what to hand in and how to check it.
    public static func readme(_ variant: ExerciseVariant) -> String {
        let id = variant.exercise.id, student = variant.student.value
        var out = "# \(variant.exercise.title)\n\n"
        out += "Exercise `\(id)` (\(variant.exercise.kindWord)) for student `\(student)`.\n\n"
        out += "## Task\n\n\(variant.statement.trimmingCharacters(in: .whitespacesAndNewlines))\n\n"
        if !variant.files.isEmpty {
            out += "## Files\n\n"
            if let cell = variant.cell {
                out += "Cell `\(cell)`" + (variant.resetAfter.map { ", reset_after=\($0 ? "True" : "False")" } ?? "")
                out += "; weights in Keras 3 layout.\n\n"
            }
            for f in variant.files { out += "- `\(f.fileName)`: \(describe(f.contents))\n" }
            out += "\n"
        }
        out += "## Your answer\n\n"
        let check = "rnnlab check \(id) %@ --student \(student)"
        if let a = variant.answer {
            // Whatever the kind, an answer described as a file is handed in as that file.
            out += "Write `\(a.file)`: \(a.quantity), shape \(numpyShapeDescription(a.shape))"
            out += a.file.hasSuffix(".npy") ? ", float64 or float32 (e.g. `numpy.save(\"\(a.file)\", answer)`).\n\n" : ".\n\n"
            out += "Check it: `\(check.replacingOccurrences(of: "%@", with: a.file))`\n"
            return out
        }
        switch variant.exercise.kind {
        case .compute:
            out += "Save your arrays as a .npy or .npz file and check it: `\(check.replacingOccurrences(of: "%@", with: "answer.npz"))`\n"
        case .numeric:
            let example = if case .numeric(let n) = variant.exercise.kind { n.quantity.example } else { "0.4621" }
            let what = example.contains(".") ? "A number" : "A whole number"
            out += "\(what). Check it: `\(check.replacingOccurrences(of: "%@", with: example))` (your number in place of \(example)).\n"
        case .choice:
            out += "The letters of the options you choose. Check them: `\(check.replacingOccurrences(of: "%@", with: "a,c"))`.\n"
        case .challenge:
            let knob = variant.knobs.first ?? "knob"
            out += "Knob settings (\(variant.knobs.isEmpty ? "name=value" : variant.knobs.joined(separator: ", "))) that reach the goal. "
            out += "Check them: `\(check.replacingOccurrences(of: "%@", with: "\(knob)=VALUE"))`, or turn the knobs in the lab.\n"
        case .keras:
            out += "A Keras model file. Check it: `\(check.replacingOccurrences(of: "%@", with: "model.py"))`.\n"
        }
        return out
    }

    /// `(1, 5, 3) float64`, or `kernel (3, 12), recurrent_kernel (4, 12), bias (12,)`.
    private static func describe(_ contents: ExerciseFile.Contents) -> String {
        switch contents {
        case .npy(let a): "shape \(a.shapeDescription), \(a.dtype.rawValue)"
        case .npz(let arrays):
            "arrays " + arrays.keys.sorted().map { "`\($0)` \(arrays[$0]!.shapeDescription)" }.joined(separator: ", ")
        case .text: "text"
        }
    }
}
