import Foundation
import RNNCore

/// Writes an `ExerciseExport` into a folder the user named (`OutputFolder.prepare`: made when
/// missing, refused when it already holds anything unless `force`), every file through
/// `AtomicFile` (whole or not at all). Nothing is written outside the folder.
public enum ExportFolder {
    /// Writes every file of `export` into `path`; returns the number of files written.
    @discardableResult
    public static func write(_ export: ExerciseExport, to path: String, force: Bool) throws(FileError) -> Int {
        try OutputFolder.prepare(path, force: force)
        for file in export.files {
            try AtomicFile.write(file.data, to: (path as NSString).appendingPathComponent(file.name))
        }
        return export.files.count
    }
}
