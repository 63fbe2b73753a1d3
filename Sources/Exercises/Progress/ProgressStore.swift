import Foundation
import RNNCore

/// Reads and writes a learner's `Progress` under `$XDG_STATE_HOME/rnnlab/progress.json`
/// (default `~/.local/state/rnnlab/`).
///
/// - Written atomically (`AtomicFile`: temporary file, fsync, rename), so a crash leaves the
///   old file or the new one.
/// - Every change is read–merge–write under an exclusive `flock` on a lock file beside it,
///   so two labs open at once add to each other's progress instead of overwriting it.
/// - A file that cannot be read as progress (corrupt, truncated, from a newer version) is
///   renamed aside to `progress.json.broken-YYYYMMDD-HHMMSS` and reported in `warnings`;
///   the lab carries on with empty progress. Nothing is ever silently discarded.
public final class ProgressStore: @unchecked Sendable {
    public let directory: URL
    public var file: URL { directory.appendingPathComponent("progress.json") }
    private var lockFile: URL { directory.appendingPathComponent("progress.lock") }
    /// Problems met so far (a file kept aside, a write that failed), each one line, for the screen.
    public private(set) var warnings: [String] = []

    public init(directory: URL) { self.directory = directory }

    /// `$XDG_STATE_HOME/rnnlab`, else `~/.local/state/rnnlab` (XDG Base Directory spec: a
    /// relative XDG_STATE_HOME is ignored).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("rnnlab")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/rnnlab")
    }

    /// The stored progress (empty when there is none). A broken file is kept aside first.
    public func load() -> Progress {
        // Reading creates nothing: a learner who only looks (`rnnlab progress`, the home
        // screen) leaves no state folder or lock file behind.
        guard FileManager.default.fileExists(atPath: file.path) else { return Progress() }
        return withLock { readKeepingBrokenAside() }
    }

    /// Applies `change` to the freshest stored progress and writes the result; returns it.
    /// On a failed write the change is still returned (and a warning recorded), so the lab
    /// keeps working and shows what happened.
    @discardableResult
    public func update(_ change: (inout Progress) -> Void) -> Progress {
        withLock {
            var p = readKeepingBrokenAside()
            change(&p)
            do {
                let data = try ProgressStore.encoder.encode(p)
                try AtomicFile.write(data + Data("\n".utf8), to: file.path)
            } catch {
                warnings.append("progress not saved: \(error)")
            }
            return p
        }
    }

    /// Starts over: the current file is kept aside (as `progress.json.reset-…`), never deleted.
    /// Returns where it was kept (nil when there was no file).
    @discardableResult
    public func reset() throws -> String? {
        try withLock {
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            let aside = file.path + ".reset-" + ProgressStore.stamp()
            guard rename(file.path, aside) == 0 else {
                throw ExerciseError.invalid("cannot move \(file.path) aside: \(String(cString: strerror(errno)))")
            }
            return aside
        }
    }

    // MARK: - Inside the lock

    private func readKeepingBrokenAside() -> Progress {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            if FileManager.default.fileExists(atPath: file.path) {
                warnings.append("cannot read \(file.path) (permissions?); progress is not saved this session")
            }
            return Progress()
        }
        if let p = try? ProgressStore.decoder.decode(Progress.self, from: data), p.version <= Progress.currentVersion {
            return p
        }
        let aside = file.path + ".broken-" + ProgressStore.stamp()
        if rename(file.path, aside) == 0 {
            warnings.append("\(file.path) could not be read as progress; it was kept as \(aside) and progress starts afresh")
        } else {
            warnings.append("\(file.path) could not be read as progress and could not be moved aside; it is left untouched")
        }
        return Progress()
    }

    private func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd >= 0 { flock(fd, LOCK_EX) }
        defer { if fd >= 0 { flock(fd, LOCK_UN); close(fd) } }
        return try body()
    }

    private static func stamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date()) + "-\(getpid())"
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
