import Foundation

/// A folder the user named for a command's output (`rnnlab export`, `rnnlab exercise
/// export`): made when missing (with its parents); an existing one must be a real folder,
/// not a link, and empty unless `force` (then files of the same names are replaced, through
/// `AtomicFile`, and nothing else in it is touched).
public enum OutputFolder {
    public static func prepare(_ path: String, force: Bool) throws(FileError) {
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
