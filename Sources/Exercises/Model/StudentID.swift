import Foundation

/// A student's identifier: the name of their folder in a class submission, the key of their
/// variant. Letters, digits, `.`, `_` and `-`, at most 64 characters, not starting with `.`,
/// so that it is always one safe path component.
public struct StudentID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// The longest accepted identifier.
    public static let maxLength = 64

    /// Validates `text`; the error says what is wrong in one line.
    public init(_ text: String) throws(ExerciseError) {
        guard !text.isEmpty else { throw ExerciseError.badStudent("a student id must not be empty") }
        guard text.count <= StudentID.maxLength else {
            throw ExerciseError.badStudent("student id '\(ExerciseError.shown(text))' is longer than \(StudentID.maxLength) characters")
        }
        guard !text.hasPrefix(".") else {
            throw ExerciseError.badStudent("student id '\(ExerciseError.shown(text))' must not start with '.'")
        }
        if let bad = text.unicodeScalars.first(where: { !StudentID.allowed($0) }) {
            let what = bad == " " ? "a space" : bad == "/" ? "a slash" : "'\(ExerciseError.shown(String(bad)))'"
            throw ExerciseError.badStudent(
                "student id '\(ExerciseError.shown(text))' contains \(what) (use letters, digits, '.', '_' and '-')")
        }
        value = text
    }

    private static func allowed(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }

    /// The student of a learner working alone: `RNNLAB_STUDENT`, else the login name, else `me`
    /// (each only when it is a valid id).
    public static func local(environment: [String: String] = ProcessInfo.processInfo.environment) -> StudentID {
        for candidate in [environment["RNNLAB_STUDENT"], environment["USER"], environment["LOGNAME"]] {
            if let c = candidate, let id = try? StudentID(c) { return id }
        }
        return try! StudentID("me")
    }

    public var description: String { value }
}

/// The seed of one student's variant of one exercise: the same student always gets the
/// same numbers, two students (almost surely) different ones, and a teacher can recompute
/// any student's from the two names alone.
///
/// 64-bit FNV-1a over the UTF-8 of `exercise`, a zero byte and `student`, then one
/// SplitMix64 finalisation to spread the bits: stable across runs, platforms and Swift
/// versions (unlike `Hasher`, which is seeded per process).
public enum VariantSeed {
    public static func seed(exercise: String, student: StudentID) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(exercise.utf8) + [0] + Array(student.value.utf8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}
