/// Something wrong with a file or an array that crosses rnnlab's boundary (NPY/NPZ files,
/// framework weights, `rnnlab run` inputs).
///
/// `description` is one line meant for stderr and names the file, the array, and what was
/// expected versus what was found, e.g.
/// `W.npz: array 'recurrent_kernel' has shape (4, 12), expected (4, 16) for an LSTM with 4 units`.
public struct InteropError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, so a command line can pick an exit code.
    public enum Category: Sendable, Equatable {
        /// The user's input is wrong: shapes, dtypes, missing or ambiguous arrays, NaN, corrupt files.
        case badInput
        /// The input was fine but the output could not be written.
        case output
    }

    public var category: Category
    public var message: String

    public init(_ message: String, category: Category = .badInput) {
        self.message = message
        self.category = category
    }

    public var description: String { message }

    /// The exit code `rnnlab run` uses for this error: 1 for bad input, 3 for output failures.
    public var exitCode: Int32 {
        switch category {
        case .badInput: return 1
        case .output: return 3
        }
    }
}

extension InteropError {
    /// Runs a file read; a `FileError` becomes bad input (exit 1) with the same one line.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError { throw InteropError(error.description) }
    }

    /// Runs a file write; a `FileError` becomes an output failure (exit 3) with the same one line.
    static func writing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as FileError { throw InteropError(error.description, category: .output) }
    }
}

/// Formats a shape the way NumPy prints it: `(4,)`, `(2, 5, 3)`, `()`.
public func numpyShapeDescription(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
