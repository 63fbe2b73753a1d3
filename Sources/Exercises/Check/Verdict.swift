/// The result of checking one submission.
public struct Verdict: Hashable, Sendable, Codable {
    /// The answer is right (within the exercise's tolerance).
    public var passed: Bool
    /// The id of the mistake the answer matches (`Mistake.id`, e.g. `transposed-recurrent-kernel`),
    /// or nil when it is right or matches no known mistake.
    public var diagnosis: String?
    /// What the learner reads: for a pass a confirmation, for a wrong answer what is wrong and,
    /// when diagnosed, what to fix, in one or two sentences.
    public var message: String

    public init(passed: Bool, diagnosis: String? = nil, message: String) {
        self.passed = passed
        self.diagnosis = diagnosis
        self.message = message
    }
}
