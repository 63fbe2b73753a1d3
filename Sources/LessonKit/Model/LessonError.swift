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
        self.file = file
        self.line = max(1, line)
        self.message = message
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
