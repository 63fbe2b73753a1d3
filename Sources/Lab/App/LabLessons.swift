import Foundation
import LessonKit

// Reading lessons with the Lab's views: the lab blocks are read by `ViewRegistry`.

extension LessonLibrary {
    /// Reads every `NN-name.md` file of `folder`, lab blocks read by the Lab's views.
    public static func load(folder: URL) -> LessonLibrary { load(folder: folder, labs: ViewRegistry.blocks) }

    /// Reads and parses one lesson file, lab blocks read by the Lab's views.
    public static func parse(url: URL, displayName: String? = nil) throws(LessonErrors) -> Lesson {
        try parse(url: url, displayName: displayName, labs: ViewRegistry.blocks)
    }
}

extension LessonParser {
    /// Parses the text of a lesson file, lab blocks read by the Lab's views.
    public static func parse(_ text: String, file: String) throws(LessonErrors) -> Lesson {
        try parse(text, file: file, labs: ViewRegistry.blocks)
    }
}
