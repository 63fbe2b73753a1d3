/// What can go wrong around an exercise, each with the one line the user reads.
public enum ExerciseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A student id that is not one safe path component.
    case badStudent(String)
    /// No exercise has this id.
    case unknownExercise(String)
    /// A submission that could not be read (missing, a folder, not NumPy, wrong dtype, NaN,
    /// wrong shape…): `check` exits 2 and `grade` writes a "not graded" line.
    case unreadable(String)
    /// The exercise cannot be built (a recipe the kind does not support).
    case invalid(String)

    public var description: String {
        switch self {
        case .badStudent(let m), .unreadable(let m), .invalid(let m): m
        case .unknownExercise(let id): "no exercise has the id '\(ExerciseError.shown(id))' (see `rnnlab exercise list`)"
        }
    }

    /// User text quoted in a message, with control characters made visible (`\u{1B}`), so a
    /// pasted escape sequence is shown, never sent to the terminal.
    public static func shown(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
