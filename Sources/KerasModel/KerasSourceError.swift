/// A place in a model file: 1-based line and column (columns count characters).
public struct SourcePosition: Equatable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Why a model file cannot be summarised: where, and what is not supported there.
/// `description(file:)` gives the `FILE:LINE:COLUMN: message` line the command prints.
public struct KerasSourceError: Error, Equatable, Sendable {
    public var position: SourcePosition
    public var message: String

    public init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    /// `FILE:LINE:COLUMN: message`, the form compilers use, so editors can jump to it.
    public func description(file: String) -> String {
        "\(file):\(position.line):\(position.column): \(message)"
    }
}
