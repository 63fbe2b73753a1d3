import Foundation
import RNNCore

/// Writes an `ExerciseExport` into a folder the user named: made when missing, refused when
/// it already holds anything unless `force` (then only files of the same names are
/// replaced), every file through `AtomicFile` (whole or not at all). Nothing is written
/// outside the folder.
public enum ExportFolder {
    /// Writes every file of `export` into `path`; returns the number of files written.
    @discardableResult
    public static func write(_ export: ExerciseExport, to path: String, force: Bool) throws(FileError) -> Int {
        try prepare(path, force: force)
        for file in export.files {
            try AtomicFile.write(file.data, to: (path as NSString).appendingPathComponent(file.name))
        }
        return export.files.count
    }

    /// `path` must be a folder (made when missing, with its parents) that is empty, unless `force`.
    static func prepare(_ path: String, force: Bool) throws(FileError) {
        let fm = FileManager.default
        guard !path.isEmpty else { throw FileError(path: path, reason: "is not a folder name (the path is empty)") }
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw FileError(path: path, reason: "is a symbolic link; name the folder itself")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError(path: path, reason: "exists and is not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            if !entries.isEmpty && !force {
                throw FileError(path: path, reason: "the folder is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies")); pass --force to write into it")
            }
            return
        }
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "a permission or path problem"
            throw FileError(path: path, reason: "cannot create the folder (\(reason))")
        }
    }
}
