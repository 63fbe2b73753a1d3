import ArgumentParser
import Exercises
import Foundation
import RNNCore

/// `rnnlab exercise export ID --student S --out DIR`: one student's data files, a README.md
/// and task.json (see `ExerciseExport`).
struct ExerciseExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a student's data for an exercise, with a README and task.json.",
        discussion: """
            DIR gets the exercise's data as .npy / .npz files (weights in Keras 3 layout), README.md \
            (the task with the student's numbers, the files and their shapes, the answer's file name \
            and shape) and task.json for scripts: {"exercise", "student", "kind", "cell", "reset_after", \
            "files": {name: file}, "answer": {"file", "shape", "quantity"}} (cell, reset_after and answer \
            are null when they do not apply). Kinds without data (choice, numeric, challenge, keras) \
            get README.md and task.json only. Every file is written whole or not at all; a DIR that \
            is not empty is refused unless --force.
            """)

    @Argument(help: "The exercise id (see rnnlab exercise list).")
    var id: String

    @Option(name: .customLong("student"), help: ArgumentHelp("The student id: letters, digits, '.', '_' and '-'.", valueName: "S"))
    var student: String

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder to write into (created when missing).", valueName: "DIR"))
    var out: String

    @Flag(name: .customLong("force"), help: "Write into DIR even when it already holds files (files of the same names are replaced).")
    var force = false

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let exercises = try ExerciseLibrary.load(lessonsFolder)
        let export: ExerciseExport
        do throws(ExerciseError) {
            export = try ExerciseExport(try exercises.variant(id: id, student: student))
        } catch {
            throw error.asCommandError
        }
        AtomicFile.removeTemporaryFileOnSignals()
        do {
            let count = try ExportFolder.write(export, to: out, force: force)
            print("wrote \(count) files to \(out)")
        } catch {
            throw RenderError(error.description)
        }
    }
}

/// `rnnlab exercise solution ID --student S [--out FILE]`: the expected answer, for the teacher.
struct ExerciseSolution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Write a student's expected answer to a file (for the teacher).",
        discussion: """
            An array is written as .npy (float64; FILE must end in .npy); a number, the letters of \
            the right options, knob settings (name=value,...) or a model file as text, in the form \
            `rnnlab check` takes, ending with a newline. FILE is written whole or not at all, and never \
            over a folder or link. Without --out a text solution is printed instead.
            """)

    @Argument(help: "The exercise id (see rnnlab exercise list).")
    var id: String

    @Option(name: .customLong("student"), help: ArgumentHelp("The student id: letters, digits, '.', '_' and '-'.", valueName: "S"))
    var student: String

    @Option(name: .customLong("out"), help: ArgumentHelp("The file to write; without it a text solution is printed (an array needs a .npy file).", valueName: "FILE"))
    var out: String?

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let exercises = try ExerciseLibrary.load(lessonsFolder)
        let solution: Solution
        do throws(ExerciseError) {
            solution = try exercises.variant(id: id, student: student).solution
        } catch {
            throw error.asCommandError
        }
        guard let out else {
            // A number, letters, knob settings or a model file read in the terminal.
            if case .array(let a) = solution {
                throw RenderError("the solution of '\(id)' is an array of shape \(a.shapeDescription): write it with --out FILE.npy")
            }
            print(SolutionText.text(solution))
            return
        }
        let data: Data
        switch solution {
        case .array(let array):
            guard out.hasSuffix(".npy") else {
                throw RenderError("\(out): the solution of '\(id)' is an array; name a .npy file")
            }
            data = NPY.encode(array)
        default:
            data = Data((SolutionText.text(solution) + "\n").utf8)
        }
        AtomicFile.removeTemporaryFileOnSignals()
        do {
            try AtomicFile.write(data, to: out)
        } catch {
            throw RenderError(error.description)
        }
        print("wrote \(out)")
    }
}

/// A solution as the text `rnnlab check` accepts.
enum SolutionText {
    static func text(_ solution: Solution) -> String {
        switch solution {
        case .number(let x): return plain(x)
        case .options(let set): return set.sorted().map(ChoiceExercise.label).joined(separator: ",")
        case .knobs(let knobs): return knobs.keys.sorted().map { "\($0)=\(plain(knobs[$0]!))" }.joined(separator: ",")
        case .source(let text): return text.hasSuffix("\n") ? String(text.dropLast()) : text
        case .array(let a): return "array of shape \(a.shapeDescription)"
        }
    }

    /// A whole number without a decimal point (a parameter count reads 109233, not 109233.0).
    private static func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
