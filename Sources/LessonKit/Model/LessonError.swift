/// One problem in a lesson file, always with the file and the 1-based line it is on.
///
/// Printed as `FILE:LINE: message`, the form compilers use, so editors and terminals can
/// jump to it.
public struct LessonError: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The file as it was given to the parser (a path or a display name).
    public var file: String
    /// 1-based line of the offending text inside the file.
    public var line: Int
    /// What is wrong, in plain words.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = LessonError.escaped(file)
        self.line = max(1, line)
        self.message = LessonError.escaped(message)
    }

    /// The text on one line with every control character visible: a newline or an escape
    /// sequence quoted from a lesson must not break the list of errors or drive the terminal.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where isControl(u): out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the line and paragraph separators.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }

    public var description: String { "\(file):\(line): \(message)" }

    public static func < (a: LessonError, b: LessonError) -> Bool {
        (a.file, a.line, a.message) < (b.file, b.line, b.message)
    }
}

/// Every problem found in one file or folder of lessons.
///
/// The parser does not stop at the first error: a teacher fixing a lesson wants the whole
/// list at once.
public struct LessonErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [LessonError]
    public init(_ errors: [LessonError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
