import Foundation
import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// Shared set-up for the Lab tests: a fixture lesson (Fixtures/Lessons, so that editing a
/// shipped lesson never changes a golden screen), the shipped lessons, sizes and capability
/// levels.
enum LabFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Lessons")

    /// The fixture lessons: what the screen and behaviour tests draw.
    static let lessons: [Lesson] = {
        let library = LessonLibrary.load(folder: folder)
        precondition(library.errors.isEmpty, "fixture lessons have errors: \(library.errors)")
        return library.lessons
    }()

    /// The lessons that ship in Lessons/ (for the README capture, claims and shape checks).
    static let shipped: [Lesson] = {
        let library = LessonLibrary.load(folder: PackagePaths.lessons)
        precondition(library.errors.isEmpty, "shipped lessons have errors: \(library.errors)")
        return library.lessons
    }()

    static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 200, height: 50)]

    /// (name for the snapshot file, capabilities)
    static let levels: [(String, Capabilities)] = [
        ("256-unicode", Capabilities(colors: .full, glyphs: .unicode)),
        ("8-unicode", Capabilities(colors: .eight, glyphs: .unicode)),
        ("none-ascii", Capabilities(colors: .none, glyphs: .ascii)),
    ]

    static func home(_ size: Size) -> LabProgram { LabProgram(lessons: lessons, size: size) }

    /// The fixture lesson open at a step (0-based).
    static func lesson(_ size: Size, step: Int, time: Int? = nil) -> LabProgram {
        LabProgram(lessons: lessons, size: size, lessonID: "fixture", stepIndex: step, time: time)!
    }

    /// A shipped lesson open at a step (0-based).
    static func shipped(_ id: String, _ size: Size, step: Int, time: Int? = nil) -> LabProgram {
        LabProgram(lessons: shipped, size: size, lessonID: id, stepIndex: step, time: time)!
    }

    static func frame(_ program: LabProgram, _ caps: Capabilities = .full) -> Buffer {
        var b = Buffer(size: program.size)
        program.view(into: &b, capabilities: caps)
        return b
    }

    /// The live panel of a shipped lesson's step (by step id), with knobs set from text as
    /// `--knob` would: what the lessons' claim tests read their numbers from.
    static func experiment(_ lesson: String, _ step: String, _ knobs: [String: String] = [:]) throws -> LabExperiment {
        let l = try XCTUnwrap(shipped.first { $0.id == lesson })
        let spec = try XCTUnwrap(l.steps.first { $0.id == step }?.lab, "\(step) has a panel")
        var e = try XCTUnwrap(LabExperiment(spec: spec))
        for (name, text) in knobs {
            let knob = try XCTUnwrap(e.knobs.first { $0.name == name }, "step \(step) declares the \(name) knob")
            e.setKnob(name, to: try XCTUnwrap(knob.parse(text)))
        }
        return e
    }
}
