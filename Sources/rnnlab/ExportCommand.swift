import ArgumentParser
import Foundation
import Lab
import LessonKit
import RNNCore

/// `rnnlab export`: what a step's live panel shows, as files (weights in Keras 3 layout, the
/// input, the trace, the gradients a gradient view draws, experiment.json, a README), so a
/// teacher can hand it out and anyone can recompute it with their own code.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what a step's live panel shows as NumPy files (weights, input, trace).",
        discussion: """
            Examples:
              rnnlab export recurrence --step 2 --out step2
              rnnlab export gradient-flow --step sigma --knob sigma=1.5 --out sigma-1.5
            DIR gets weights.npz (Keras 3 names: kernel, recurrent_kernel, bias when present), input.npy \
            (1, T, D), trace.npz (h, c, every gate by name, and grad_h_norm for gradient views), \
            upstream.npy (1, T, H) for views with a backward pass, experiment.json and README.txt. \
            Every file is written whole or not at all. A DIR that is not empty is refused unless --force.
            """)

    @Argument(help: "A lesson id or the path of a lesson file.")
    var lesson: String

    @Option(name: .customLong("step"), help: "The step: its number (1 = first) or its id.")
    var step: String?

    @Option(name: .customLong("knob"), help: ArgumentHelp("Turn a knob of the step: NAME=VALUE (repeatable).", valueName: "name=value"))
    var knobs: [String] = []

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder to write into (created when missing).", valueName: "DIR"))
    var out: String

    @Flag(name: .customLong("force"), help: "Write into DIR even when it already holds files (files of the same names are replaced).")
    var force = false

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let (_, chosen) = try LessonStepTarget.findLesson(lesson, folder: lessonsFolder)
        let index = try LessonStepTarget.stepIndex(step, in: chosen)
        let stepInfo = chosen.steps[index]
        guard var experiment = stepInfo.lab.flatMap(LabExperiment.init(spec:)) else {
            throw RenderError("step \(index + 1) of '\(chosen.id)' has no live panel to export")
        }
        experiment.setKnobs(Dictionary(try LessonStepTarget.knobValues(knobs, for: experiment), uniquingKeysWith: { $1 }))
        guard var export = experiment.export() else {
            throw RenderError("the \(experiment.view) view of step \(index + 1) draws no numbers to export")
        }
        export.facts["lesson"] = chosen.id
        export.facts["step"] = stepInfo.id
        export.facts["step_number"] = index + 1
        guard !out.isEmpty else { throw ValidationError("--out needs a folder name") }
        do {
            try OutputFolder.prepare(out, force: force)
            for file in export.files {
                try write(contents(file.contents, name: file.name), name: file.name)
            }
            try write(Data(export.experimentJSON().utf8), name: "experiment.json")
            try write(Data(export.readme(title: "\(chosen.title): step \(index + 1), \(stepInfo.title)").utf8), name: "README.txt")
        } catch let error as FileError {
            throw RenderError(error.description)
        }
        print("wrote \(export.files.count + 2) files to \(out)")
    }

    private func contents(_ c: ExperimentExport.Contents, name: String) throws -> Data {
        switch c {
        case .npy(let array): return NPY.encode(array)
        case .npz(let arrays): return try NPZ.encode(arrays, file: name)
        case .text(let text): return Data(text.utf8)
        }
    }

    private func write(_ data: Data, name: String) throws(FileError) {
        try AtomicFile.write(data, to: (out as NSString).appendingPathComponent(name))
    }
}
