import Foundation

/// The lessons of one folder, in file-name order, and every problem found while reading them.
public struct LessonLibrary: Sendable {
    /// The lessons that parsed cleanly, sorted by file name (`01-…`, `02-…`).
    public var lessons: [Lesson]
    /// Every error in every file, in file order. Empty when the folder is valid.
    public var errors: [LessonError]
    /// The folder that was read.
    public var folder: URL

    /// Reads every `NN-name.md` file of `folder`. Other `.md` files (except README.md) are
    /// errors, so a misnamed lesson is never silently skipped; non-Markdown files are ignored.
    public static func load(folder: URL, labs: any LabBlockReader) -> LessonLibrary {
        var library = LessonLibrary(lessons: [], errors: [], folder: folder)
        let fm = FileManager.default
        let names: [String]
        var isFolder: ObjCBool = false
        let exists = fm.fileExists(atPath: folder.path, isDirectory: &isFolder)
        guard exists, isFolder.boolValue, let listed = try? fm.contentsOfDirectory(atPath: folder.path) else {
            let why = !exists ? "does not exist" : (!isFolder.boolValue ? "is not a folder" : "cannot be read (permission denied?)")
            library.errors.append(LessonError(file: folder.path, line: 1, message: "cannot read the lessons folder: it \(why)"))
            return library
        }
        names = listed.sorted()
        var seen: [String: (file: String, line: Int)] = [:]
        for name in names where name.hasSuffix(".md") && name != "README.md" {
            let url = folder.appendingPathComponent(name)
            let display = displayPath(url)
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                library.errors.append(LessonError(file: display, line: 1, message: "is a folder, not a lesson file"))
                continue
            }
            guard isLessonFileName(name) else {
                library.errors.append(LessonError(file: display, line: 1,
                                                  message: "lesson files are named NN-name.md (two digits, a dash, a name)"))
                continue
            }
            do {
                let lesson = try parse(url: url, displayName: display, labs: labs)
                let idLine = frontMatterLine(of: "id", in: url) ?? 1
                if let first = seen[lesson.id] {
                    library.errors.append(LessonError(file: display, line: idLine,
                                                      message: "duplicate lesson id '\(lesson.id)' (also in \(first.file):\(first.line))"))
                    continue
                }
                seen[lesson.id] = (display, idLine)
                library.lessons.append(lesson)
            } catch {
                library.errors.append(contentsOf: error.errors)
            }
        }
        return library
    }

    /// Reads and parses one file.
    public static func parse(url: URL, displayName: String? = nil, labs: any LabBlockReader) throws(LessonErrors) -> Lesson {
        let name = displayName ?? displayPath(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LessonErrors([LessonError(file: name, line: 1, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonErrors([LessonError(file: name, line: 1, message: "the file is not UTF-8 text")])
        }
        return try LessonParser.parse(text, file: name, labs: labs)
    }

    /// `01-recurrence.md`: two digits, a dash, at least one more character, `.md`.
    public static func isLessonFileName(_ name: String) -> Bool {
        let c = Array(name)
        return c.count > 6 && c[0].isASCII && c[0].isNumber && c[1].isASCII && c[1].isNumber && c[2] == "-"
            && name.hasSuffix(".md")
    }

    /// The lesson with this id, if loaded.
    public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// A path relative to the current directory when the file is below it (shorter messages).
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// The line of a front matter key (for errors found after parsing, like duplicate ids).
    private static func frontMatterLine(of key: String, in url: URL) -> Int? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            if line.hasPrefix("---") { return nil }
            if line.hasPrefix(key + ":") { return i + 1 }
        }
        return nil
    }
}
