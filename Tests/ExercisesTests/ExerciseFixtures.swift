import Exercises
import Foundation
import LessonKit
import RNNCore
import XCTest

/// Inline lessons, exercise specs and scratch folders for the Exercises tests: one-step
/// lessons around a block written in a test (read the way a lesson file reads them), a
/// choice exercise for the command line's building blocks (SubmissionReader, ExerciseExport,
/// ClassGrader, which use only the choice kind so that they do not depend on the other
/// kinds' settings), and files on disk.
enum ExerciseFixtures {
    struct Reader: LabBlockReader {
        func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyLabSpec? { nil }
        func readExercise(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyExerciseSpec? {
            ExerciseParser.read(fields, fenceLine: fenceLine, errors: &errors).map(AnyExerciseSpec.init)
        }
    }

    // MARK: Lessons from a block

    /// A one-step lesson (`t.md`) whose step `heading` holds the exercise block `block`. The
    /// block's first key is on line 10 of the file, which the tests' FILE:LINE errors count on.
    static func lesson(heading: String = "Exercise", block: String) -> String {
        """
        ---
        id: t
        title: T
        summary: S.
        ---

        ## \(heading)

        ```exercise
        \(block)
        ```
        """
    }

    /// A one-step lesson holding the block `keys` (the common keys are added).
    static func lesson(_ keys: String, id: String = "ex") -> String {
        lesson(block: """
            id: \(id)
            title: An exercise
            task: Compute it.
            solution: Like this.
            \(keys)
            """)
    }

    /// A lesson text read as the file `t.md`.
    static func parse(_ text: String) throws(LessonErrors) -> Lesson {
        try LessonParser.parse(text, file: "t.md", labs: Reader())
    }

    /// The exercise of a one-step lesson text. A lesson that does not read throws its errors
    /// (parsed outside `XCTUnwrap`, which would record them as a failure of its own).
    static func spec(inLesson text: String) throws -> ExerciseSpec {
        let l = try parse(text)
        return try XCTUnwrap(l.steps[0].exercise?.as(ExerciseSpec.self))
    }

    /// The FILE:LINE errors of a lesson text (none when it reads).
    static func errors(inLesson text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static func spec(_ keys: String, id: String = "ex") throws -> ExerciseSpec {
        try spec(inLesson: lesson(keys, id: id))
    }

    /// The FILE:LINE errors of a block.
    static func errors(_ keys: String) -> [String] {
        errors(inLesson: lesson(keys))
    }

    static func variant(_ keys: String, student: String = "ada", id: String = "ex") throws -> ExerciseVariant {
        try spec(keys, id: id).variant(for: StudentID(student))
    }

    // MARK: The choice exercise of the command line's tests

    /// A choice exercise whose right answer is `a,b` (c is wrong).
    static let choiceLesson = lesson(heading: "Question", block: """
        id: two-right
        kind: choice
        title: Two right
        task: Pick both.
        options:
          - text: A
            correct: true
          - text: B
            correct: true
          - text: C
            why: Not C.
        solution: A and B.
        """)

    static func choiceSpec() throws -> ExerciseSpec {
        try spec(inLesson: choiceLesson)
    }

    static func choiceVariant(_ student: String = "ada") throws -> ExerciseVariant {
        try choiceSpec().variant(for: StudentID(student))
    }

    // MARK: Files

    /// A fresh folder under the temporary directory.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every path below `folder` with its size and modification time: equal before and after
    /// means nothing was created, changed or removed.
    static func snapshot(_ folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder.path) else { return out }
        while let rel = e.nextObject() as? String {
            let a = (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(rel).path)) ?? [:]
            out[rel] = "\(a[.size] ?? "-") \(a[.modificationDate] ?? "-")"
        }
        return out
    }

    /// The bytes of a .npy file holding `values` with NumPy type string `descr` (e.g. `<i8`).
    static func npy(descr: String, shape: [Int], payload: Data) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var d = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let n = UInt16(header.utf8.count)
        d.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8)])
        d.append(Data(header.utf8))
        d.append(payload)
        return d
    }
}
