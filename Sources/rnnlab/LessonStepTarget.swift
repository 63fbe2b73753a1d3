import ArgumentParser
import Foundation
import Lab
import LessonKit

/// How `render` and `export` find what they draw or write: a lesson (by id or file), one of
/// its steps (number or id) and `--knob NAME=VALUE` settings for that step's panel.
enum LessonStepTarget {
    /// A lesson by file path (parsed on its own) or by id (from the lessons folder); with the
    /// lessons to open it among.
    static func findLesson(_ reference: String, folder: LessonsFolderOption) throws -> ([Lesson], Lesson) {
        let looksLikeFile = reference.hasSuffix(".md") || reference.contains("/")
        if looksLikeFile {
            do {
                let lesson = try LessonLibrary.parse(url: URL(fileURLWithPath: reference))
                return ([lesson], lesson)
            } catch {
                for e in error.errors { printError(e.description) }
                throw ExitCode(1)
            }
        }
        let library = LessonLibrary.load(folder: try folder.resolve())
        guard let lesson = library.lesson(id: reference) else {
            for e in library.errors { printError(e.description) }
            let known = library.lessons.map(\.id).joined(separator: ", ")
            throw RenderError("no lesson with id '\(reference)' (known: \(known.isEmpty ? "none" : known))")
        }
        return (library.lessons, lesson)
    }

    /// The 0-based index of `--step` (a number from 1 or an id); 0 without one.
    static func stepIndex(_ step: String?, in lesson: Lesson) throws -> Int {
        guard let step else { return 0 }
        guard let index = lesson.stepIndex(for: step) else {
            let ids = lesson.steps.map(\.id).joined(separator: ", ")
            throw RenderError("'\(lesson.id)' has no step '\(step)': use 1...\(lesson.steps.count) or one of \(ids)")
        }
        return index
    }

    /// The `--knob NAME=VALUE` options, checked against the step's knobs.
    static func knobValues(_ texts: [String], for experiment: LabExperiment) throws -> [(String, Double)] {
        let names = experiment.knobs.map(\.name)
        return try texts.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw RenderError("--knob takes NAME=VALUE, not '\(text)'") }
            guard let knob = experiment.knobs.named(parts[0]) else {
                let known = names.isEmpty ? "this step has none" : "this step has \(names.joined(separator: ", "))"
                throw RenderError("no knob '\(parts[0])' here (\(known))")
            }
            guard let value = knob.parse(parts[1]) else {
                throw RenderError("--knob \(knob.name) takes \(knob.accepted), not '\(parts[1])'")
            }
            return (knob.name, value)
        }
    }
}
