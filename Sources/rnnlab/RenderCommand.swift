import ArgumentParser
import Exercises
import Foundation
import Lab
import LessonKit
import TUI

/// `rnnlab render`: one frame of the Lab as plain text, exactly H lines of at most W columns.
/// For reviewers, docs, CI and golden files: no terminal needed.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of the lab as text (no terminal needed).",
        discussion: "Examples:\n  rnnlab render recurrence --step 2 --time 12\n  rnnlab render --home --size 80x24 --ascii\n  rnnlab render --gallery --size 200x50 --color 8"
    )

    @Argument(help: "A lesson id or the path of a lesson file.")
    var lesson: String?

    @Flag(name: .customLong("home"), help: "Render the home screen (the list of lessons).")
    var home = false

    @Flag(name: .customLong("gallery"), help: "Render the widget gallery (every widget on sample data).")
    var gallery = false

    @Flag(name: .customLong("inspect"), help: "Render `rnnlab inspect` on --weights (and --input): --step states|gates|cell|gradients.")
    var inspect = false

    @OptionGroup var inspected: InspectOptions

    @Option(name: .customLong("step"), help: "The step: its number (1 = first) or its id.")
    var step: String?

    @Option(name: .customLong("time"), help: "Where the step's live panel is: the time step t (in the gradients and backward views, the steps walked back from the loss, so --time 1 shows t = T; for topologies, the one highlighted).")
    var time: Int?

    @Option(name: .customLong("size"), help: "Frame size as WxH (at most \(Bounds.frameWidth.upperBound)x\(Bounds.frameHeight.upperBound)).")
    var size: String = "100x30"

    @Option(name: .customLong("knob"), help: ArgumentHelp("Turn a knob of the step: NAME=VALUE (repeatable).", valueName: "name=value"))
    var knobs: [String] = []

    @Option(name: .customLong("student"), help: "Whose variant an exercise step shows (default: $RNNLAB_STUDENT, else the login name).")
    var student: String?

    @Flag(name: .customLong("styled"), help: "Print the styled golden format (rows in quotes, then style runs).")
    var styled = false

    @Flag(name: .customLong("help-overlay"), help: "Show the help overlay on top.")
    var helpOverlay = false

    @OptionGroup var output: DrawingOptions
    @OptionGroup var lessonsFolder: LessonsFolderOption

    func validate() throws {
        guard let s = Size(parsing: size), s.width >= 1, s.height >= 1 else {
            throw ValidationError("--size must look like 100x30, not '\(size)'")
        }
        guard Bounds.frameWidth.contains(s.width), Bounds.frameHeight.contains(s.height) else {
            throw ValidationError("--size must be at most \(Bounds.frameWidth.upperBound)x\(Bounds.frameHeight.upperBound), got \(size)")
        }
        let screens = (home ? 1 : 0) + (gallery ? 1 : 0) + (lesson != nil ? 1 : 0) + (inspect ? 1 : 0)
        if screens > 1 { throw ValidationError("give one of: a lesson, --home, --gallery, --inspect") }
        if screens == 0 { throw ValidationError("name a lesson (id or file), or pass --home, --gallery or --inspect") }
        if let student {
            do { _ = try StudentID(student) } catch { throw ValidationError("--student: \(error)") }
        }
        if lesson == nil && !inspect && (step != nil || time != nil || !knobs.isEmpty || student != nil) {
            throw ValidationError("--step, --time, --knob and --student need a lesson or --inspect")
        }
        if inspect && inspected.weights == nil { throw ValidationError("--inspect needs --weights W.npz") }
        if !inspect && inspected.anyGiven { throw ValidationError("--weights, --layout, --input and --cell go with --inspect") }
    }

    func run() throws {
        let frameSize = Size(parsing: size)!
        var program: LabProgram
        // Problems `rnnlab lessons` would reject: the home screen fails with them, a lesson
        // is drawn but warned about.
        var homeErrors: [LessonError] = []
        if home || gallery {
            let library = try loadLibrary(reportErrors: false)
            // The home screen shows what `rnnlab lessons` rejects, TeX included.
            let errors = LessonMathCheck.errors(in: library)
            homeErrors = home ? errors : []
            if gallery { for e in library.errors { printError(e.description) } }
            program = LabProgram(lessons: library.lessons, loadErrors: errors, size: frameSize, capabilities: output.capabilities)
            if gallery { program.receive(.openGallery) }
        } else {
            let (lessons, chosen) = inspect ? try inspected.lesson() : try findLesson(lesson!)
            let stepIndex = try resolveStep(in: chosen)
            let experiment = chosen.steps[stepIndex].lab.flatMap(LabExperiment.init(spec:))
            if time != nil || !knobs.isEmpty, experiment == nil {
                throw RenderError("step \(stepIndex + 1) of '\(chosen.id)' has no live experiment; --time and --knob need one")
            }
            if let time, let experiment, !(1...experiment.steps).contains(time) {
                throw RenderError("--time must be between 1 and \(experiment.steps) for this step")
            }
            // Nothing is saved: a rendered frame never touches the learner's progress.
            let progress = LabProgress.inMemory(student: try student.map { try StudentID($0) } ?? .local())
            program = LabProgram(lessons: lessons, size: frameSize, capabilities: output.capabilities, lessonID: chosen.id, stepIndex: stepIndex, time: time, progress: progress)!
            if let experiment {
                let settings = Dictionary(try knobValues(for: experiment), uniquingKeysWith: { $1 })
                program.updateExperiment { $0.setKnobs(settings) }
            }
            if !inspect {
                let source = (try? String(contentsOfFile: chosen.file, encoding: .utf8)) ?? ""
                for e in LessonMathCheck.errors(in: chosen, source: source) { printError("warning: \(e.description)") }
            }
        }
        if helpOverlay { program.receive(.toggleHelp) }
        var frame = Buffer(size: frameSize)
        program.view(into: &frame, capabilities: output.capabilities)
        print(styled ? frame.styledText() : frame.text())
        if !homeErrors.isEmpty {
            for e in homeErrors { printError(e.description) }
            printError("\(homeErrors.count) error\(homeErrors.count == 1 ? "" : "s") in the lessons (see rnnlab lessons)")
            throw ExitCode(1)
        }
    }

    /// The lessons folder's library; its errors go to stderr (the frame is still drawn).
    private func loadLibrary(reportErrors: Bool) throws -> LessonLibrary {
        let library = LessonLibrary.load(folder: try lessonsFolder.resolve())
        if reportErrors { for e in library.errors { printError(e.description) } }
        return library
    }

    /// A lesson by file path or by id (see `LessonStepTarget`).
    private func findLesson(_ reference: String) throws -> ([Lesson], Lesson) {
        try LessonStepTarget.findLesson(reference, folder: lessonsFolder)
    }

    private func resolveStep(in lesson: Lesson) throws -> Int { try LessonStepTarget.stepIndex(step, in: lesson) }

    private func knobValues(for experiment: LabExperiment) throws -> [(String, Double)] {
        try LessonStepTarget.knobValues(knobs, for: experiment)
    }
}

/// A lesson, step or time that does not exist: printed as `Error: …` without the usage text,
/// because the command line itself was well formed.
struct RenderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
