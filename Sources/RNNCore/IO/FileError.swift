import Foundation

/// A file that could not be read or written, or that rnnlab refused to touch, as one line
/// for stderr: `OUT.npz: is a directory`, `X.npy: is empty`,
/// `OUT.npz: cannot write (no space left on device); the previous file is unchanged`.
///
/// The reason is always rnnlab's own words or the C library's `strerror` text; Foundation's
/// error domains and codes (`NSCocoaErrorDomain error 256`) never reach the user.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path as the user gave it.
    public var path: String
    /// What is wrong, without the path: `is a directory`.
    public var reason: String
    /// The `errno` behind the failure, when a system call failed (ENOSPC, EACCES, ...).
    public var code: Int32?

    public init(path: String, reason: String, code: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// `path: reason`; an empty path is shown as `''` so the line still says which argument.
    public var description: String { "\(path.isEmpty ? "''" : path): \(reason)" }

    /// The C library's text for an `errno`, lower-cased as it reads inside a sentence:
    /// ENOSPC → `no space left on device`, EACCES → `permission denied`.
    public static func systemReason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        // Keep acronyms (`I/O error`) as they are; lower only a capitalised first word.
        let second = text.dropFirst().first
        if second.map({ $0.isUppercase || $0 == "/" }) == true { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// What kind of file a `stat` mode describes, for messages: `a directory`, `a FIFO`.
    static func kindDescription(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        case S_IFREG: return "a regular file"
        default: return "a special file"
        }
    }
}
