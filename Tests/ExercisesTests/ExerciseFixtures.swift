import Exercises
import Foundation
import LessonKit
import RNNCore
import XCTest

/// Inline lessons and scratch folders for the tests of the command line's building blocks
/// (SubmissionReader, ExerciseExport, ClassGrader): only the choice kind is used, so the
/// tests do not depend on the other kinds' settings.
enum ExerciseFixtures {
    struct Reader: LabBlockReader {
        func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyLabSpec? { nil }
        func readExercise(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyExerciseSpec? {
            ExerciseParser.read(fields, fenceLine: fenceLine, errors: &errors).map(AnyExerciseSpec.init)
        }
    }

    /// A choice exercise whose right answer is `a,b` (c is wrong).
    static let lesson = """
    ---
    id: t
    title: T
    summary: S.
    ---

    ## Question

    ```exercise
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
    ```
    """

    static func choiceSpec() throws -> ExerciseSpec {
        let l = try LessonParser.parse(lesson, file: "t.md", labs: Reader())
        return try XCTUnwrap(l.steps[0].exercise?.as(ExerciseSpec.self))
    }

    static func choiceVariant(_ student: String = "ada") throws -> ExerciseVariant {
        try choiceSpec().variant(for: StudentID(student))
    }

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
