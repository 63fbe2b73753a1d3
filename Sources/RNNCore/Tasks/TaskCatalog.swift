/// The tasks by command-line name.
public enum TaskCatalog {
    public static let names = ["sine", "copy", "adding", "parity", "chars", "classify", "reverse"]

    /// Errors name the task that is wrong and list the right ones.
    public struct UnknownTask: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "unknown task '\(name)'; known tasks: \(TaskCatalog.names.joined(separator: ", "))" }
    }

    /// The task called `name`; `delay` is the copy task's delay (ignored by the others).
    public static func make(_ name: String, delay: Int = 20) throws -> any SequenceTask {
        switch name {
        case "sine": return SineTask()
        case "copy": return CopyTask(delay: delay)
        case "adding": return AddingTask()
        case "parity": return ParityTask()
        case "chars": return CharsTask()
        case "classify": return ClassifyTask()
        case "reverse": return ReverseTask()
        default: throw UnknownTask(name: name)
        }
    }
}
