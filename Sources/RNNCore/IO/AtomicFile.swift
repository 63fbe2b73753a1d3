import Foundation

/// Writing a file so that it is either the complete new content or untouched: every command
/// that writes (`rnnlab run --out`, and later `export`, progress and grades) goes through here.
///
/// The content goes to a temporary file beside the target (same folder, so same file
/// system), is flushed with `fsync`, and only then renamed over the target; `rename` is atomic,
/// so a reader, a crash or a full disk sees the old file or the new one, never half of
/// either. Before anything is created, the target is checked: a new path or an existing
/// regular file may be written; a directory (also `.`, `..`, `dir/`), a symbolic link, a
/// device, a FIFO or a socket is refused, and so is any file that is one of the command's
/// inputs (compared by device and inode, so symbolic links and hard links are seen through).
public enum AtomicFile {
    /// One `write(2)`: the number of bytes written, or minus the `errno` of the failure.
    /// Injectable so tests can make the disk fill up after a given number of bytes.
    public typealias WriteCall = (_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int

    /// The real `write(2)`.
    public static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        let n = Foundation.write(fd, bytes.baseAddress, bytes.count)
        return n >= 0 ? n : -Int(errno)
    }

    /// A file the output must not be: `("--input", "x.npy")`. The label names it in messages.
    public typealias Input = (label: String, path: String)

    /// Checks that `path` may be written (see the type's description) without creating
    /// anything. Returns the `stat` of the regular file that would be replaced, nil for a new
    /// path. Throws `FileError` naming what the path is.
    @discardableResult
    public static func checkTarget(_ path: String, inputs: [Input] = []) throws(FileError) -> stat? {
        guard !path.isEmpty else { throw FileError(path: path, reason: "is not a file name (the path is empty)") }
        // Many tools read `-` as standard output; a file called `-` would surprise. `./-` is explicit.
        guard path != "-" else {
            throw FileError(path: path, reason: "means standard output to many tools; name a file (./- for a file called '-')")
        }
        let last = path.split(separator: "/").last.map(String.init) ?? "/"
        if path.hasSuffix("/") || last == "." || last == ".." {
            throw FileError(path: path, reason: "is a directory; name a file to write")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else {
                throw FileError(path: path, reason: "cannot write (\(FileError.systemReason(code)))", code: code)
            }
            try checkFolder(of: path)
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileError(path: path, reason: "is a directory; name a file to write")
        case S_IFLNK:
            throw FileError(path: path, reason: "is a symbolic link; rnnlab replaces only regular files (name the link's target or a new file)")
        default:
            throw FileError(path: path, reason: "is not a regular file (it is \(FileError.kindDescription(info.st_mode))); rnnlab writes only regular files and new paths")
        }
        for input in inputs {
            var other = stat()
            if stat(input.path, &other) == 0, other.st_dev == info.st_dev, other.st_ino == info.st_ino {
                throw FileError(path: path, reason: "is the \(input.label) file; rnnlab never overwrites an input (choose another output name)")
            }
        }
        return info
    }

    /// Writes `data` to `path` atomically (see the type's description). An existing file keeps
    /// its permissions; a new one gets 0666 less the umask, as any new file would.
    ///
    /// On any failure (the check, a full disk, a permission) the target is exactly as it was
    /// and the temporary file is removed; the `FileError` says what happened, e.g.
    /// `cannot write (no space left on device); the previous file is unchanged`.
    public static func write(_ data: Data, to path: String, inputs: [Input] = [],
                             writeCall: WriteCall = systemWrite) throws(FileError) {
        try withoutActuallyEscaping(writeCall) { (writeCall) throws(FileError) in
            let session = try Session(path: path, inputs: inputs, writeCall: writeCall)
            data.withUnsafeBytes { session.write($0, at: 0) }
            try session.commit()
        }
    }

    /// The folder a path is in: `a/b.npz` → `a`, `b.npz` → `.`, `/b.npz` → `/`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// A new path's folder must exist and be a folder.
    private static func checkFolder(of path: String) throws(FileError) {
        let folder = folder(of: path)
        var info = stat()
        guard stat(folder, &info) == 0 else {
            let code = errno
            let reason = code == ENOENT ? "the folder \(folder) does not exist" : "\(folder): \(FileError.systemReason(code))"
            throw FileError(path: path, reason: "cannot write (\(reason))", code: code)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw FileError(path: path, reason: "cannot write (\(folder) is not a folder)", code: ENOTDIR)
        }
    }

    /// Creates `.<name>.rnnlab-<random>` beside `path` (O_EXCL: never an existing file).
    static func createTemporary(beside path: String) throws(FileError) -> (Int32, String) {
        let folder = folder(of: path)
        // Keep the temporary name within NAME_MAX (255) however long the target's name is.
        let name = String(path.split(separator: "/").last ?? "out").prefix(200)
        for _ in 0..<32 {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let temporary = (folder == "/" ? "/" : folder + "/") + ".\(name).rnnlab-\(suffix)"
            // Registered before it exists, so a signal at any moment can remove it.
            PendingTemporary.set(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, temporary) }
            let code = errno
            PendingTemporary.clear()
            if code != EEXIST {
                throw FileError(path: path, reason: "cannot write (\(FileError.systemReason(code)))", code: code)
            }
        }
        throw FileError(path: path, reason: "cannot write (no free temporary name beside it)", code: EEXIST)
    }

    /// Installs SIGINT, SIGTERM and SIGHUP handlers that remove the temporary file of a write
    /// in progress, then end the process as the signal would (status 128+n): an interrupted
    /// write leaves nothing beside the untouched target. For commands that write without a
    /// terminal session (`rnnlab run`); the interactive lab has its own handlers.
    public static func removeTemporaryFileOnSignals() {
        // Initialise the path buffer now: a lazy initialiser is not async-signal-safe.
        PendingTemporary.clear()
        for s in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(s) { n in
                PendingTemporary.remove()
                _ = signal(n, SIG_DFL)
                _ = raise(n)  // blocked until the handler returns, then fatal
            }
        }
    }

    /// Removes the temporary file of a write in progress, if any (one `unlink` of a path in a
    /// fixed buffer: async-signal-safe). What the signal handlers do; tests call it directly.
    static func removeTemporaryFileInProgress() {
        PendingTemporary.remove()
    }

    /// Makes the rename durable; best effort (some file systems cannot sync a folder).
    static func syncFolder(of path: String) {
        let fd = open(folder(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// The path of the temporary file being written, in a buffer allocated once and never freed,
/// so a signal handler can read it at any moment. One slot: rnnlab writes one file at a time.
enum PendingTemporary {
    nonisolated(unsafe) static let buffer: UnsafeMutablePointer<CChar> = {
        let b = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        b.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
        return b
    }()

    static func set(_ path: String) {
        let bytes = Array(path.utf8.prefix(Int(PATH_MAX)))
        buffer[0] = 0  // never a half-written path while copying
        for (k, b) in bytes.enumerated().dropFirst() { buffer[k] = CChar(bitPattern: b) }
        buffer[bytes.count] = 0
        if let first = bytes.first { buffer[0] = CChar(bitPattern: first) }
    }

    static func clear() { buffer[0] = 0 }

    static func remove() {
        if buffer[0] != 0 { unlink(buffer) }
    }
}
