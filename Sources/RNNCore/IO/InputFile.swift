import Foundation

/// Reading a file the user named, after checking what it is.
///
/// A directory, a FIFO or a device given where a file belongs must never reach a reader that
/// seeks or blocks on it (ZIPFoundation seeking in a directory loops forever; opening a FIFO
/// waits for a writer). So the file is opened without blocking, `fstat` on the open
/// descriptor says what it is (no window for it to change between the check and the read),
/// and only a non-empty regular file of a bounded size is read.
public enum InputFile {
    /// The largest file rnnlab reads (1 GiB): far above any teaching example, far below what
    /// would exhaust memory once decoded to Doubles.
    public static let maximumBytes = 1 << 30

    /// The bytes of the file at `path`.
    ///
    /// Throws `FileError` with `is a directory`, `is empty`, `is not a regular file (a FIFO
    /// (named pipe))`, `is 3.2 GB; rnnlab reads files of at most 1 GB`, or
    /// `cannot read file (no such file or directory)` and other system reasons.
    public static func read(_ path: String, maximumBytes: Int = InputFile.maximumBytes) throws(FileError) -> Data {
        guard !path.isEmpty else { throw FileError(path: path, reason: "is not a file name (the path is empty)") }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw FileError(path: path, reason: "cannot read file (\(FileError.systemReason(code)))", code: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            throw FileError(path: path, reason: "cannot read file (\(FileError.systemReason(code)))", code: code)
        }
        try checkReadable(info, path: path, maximumBytes: maximumBytes)
        let size = Int(info.st_size)
        var bytes = Data(count: size)
        var done = 0
        let failure: Int32? = bytes.withUnsafeMutableBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            while done < size {
                let n = Foundation.read(fd, base + done, size - done)
                if n > 0 { done += n; continue }
                if n < 0 && errno == EINTR { continue }
                return n < 0 ? errno : nil  // 0: the file shrank while we read it
            }
            return nil
        }
        if let failure {
            throw FileError(path: path, reason: "cannot read file (\(FileError.systemReason(failure)))", code: failure)
        }
        guard done == size else {
            throw FileError(path: path, reason: "changed while it was read (it has \(done) of \(size) bytes now)")
        }
        return bytes
    }

    /// What `read` refuses, given the file's `stat`.
    static func checkReadable(_ info: stat, path: String, maximumBytes: Int) throws(FileError) {
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw FileError(path: path, reason: "is a directory, not a file") }
        guard kind == S_IFREG else {
            throw FileError(path: path, reason: "is not a regular file (it is \(FileError.kindDescription(info.st_mode)))")
        }
        if info.st_size == 0 { throw FileError(path: path, reason: "is empty (0 bytes)") }
        if Int(info.st_size) > maximumBytes {
            throw FileError(path: path, reason: "is \(byteCount(Int(info.st_size))); rnnlab reads files of at most \(byteCount(maximumBytes))")
        }
    }

    /// `1.5 GB`, `340 KB`, `12 bytes` (powers of 1024, as `ls -h` counts).
    static func byteCount(_ n: Int) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard n >= 1024 else { return n == 1 ? "1 byte" : "\(n) bytes" }
        var value = Double(n) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return "\(text) \(units[unit])"
    }
}
