/// The tasks by command-line name.
public enum TaskCatalog {
    public static let names = ["sine", "copy", "adding", "parity", "chars", "classify", "reverse"]

    /// Errors name the task that is wrong and list the right ones.
    public struct UnknownTask: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "unknown task '\(name)'; known tasks: \(TaskCatalog.names.joined(separator: ", "))" }
    }

    /// The task called `name`; `delay` and `distractors` (the chance of a distractor symbol at
    /// each delay step), `noise` and `symbols` (K) are the copy task's and ignored by the others.
    public static func make(_ name: String, delay: Int = 20, distractors: Double? = nil, noise: Double? = nil,
                            symbols: Int? = nil) throws -> any SequenceTask {
        switch name {
        case "sine": return SineTask()
        case "copy":
            var copy = symbols.map { CopyTask(symbols: $0, delay: delay) } ?? CopyTask(delay: delay)
            if let distractors { copy.distractorRate = distractors }
            if let noise { copy.noise = noise }
            return copy
        case "adding": return AddingTask()
        case "parity": return ParityTask()
        case "chars": return CharsTask()
        case "classify": return ClassifyTask()
        case "reverse": return ReverseTask()
        default: throw UnknownTask(name: name)
        }
    }
}
