/// A lesson: one Markdown file of `Lessons/`, a list of steps (slides).
public struct Lesson: Hashable, Sendable, Identifiable {
    /// Stable identifier from the front matter (used by `rnnlab render`, progress, exercises).
    public var id: String
    public var title: String
    /// One sentence shown on the home screen and by `rnnlab lessons`.
    public var summary: String
    public var steps: [LessonStep]
    /// The file it was read from (as given to the parser).
    public var file: String

    public init(id: String, title: String, summary: String, steps: [LessonStep], file: String) {
        self.id = id
        self.title = title
        self.summary = summary
        self.steps = steps
        self.file = file
    }

    /// The index of the step with this id, or of the 1-based step number written as text.
    public func stepIndex(for reference: String) -> Int? {
        if let n = Int(reference), n >= 1, n <= steps.count { return n - 1 }
        return steps.firstIndex { $0.id == reference }
    }
}

/// One step of a lesson: everything under one `##` heading.
public struct LessonStep: Hashable, Sendable, Identifiable {
    /// From `{#id}` after the heading, else derived from the title (`The vanilla RNN` → `the-vanilla-rnn`).
    public var id: String
    public var title: String
    /// The step's Markdown source without the heading and without `lab` blocks, for the
    /// Prose widget: paragraphs, lists, code, inline `$…$` and display `$$…$$` math as written.
    public var markdown: String
    /// The live experiment shown beside the prose, if the step has a `lab` block.
    public var lab: AnyLabSpec?
    /// The checked exercise of the step, if it has an `exercise` block.
    public var exercise: AnyExerciseSpec?
    /// Line of the `##` heading in the file.
    public var line: Int

    public init(id: String, title: String, markdown: String, lab: AnyLabSpec?, exercise: AnyExerciseSpec? = nil, line: Int) {
        self.id = id
        self.title = title
        self.markdown = markdown
        self.lab = lab
        self.exercise = exercise
        self.line = line
    }
}
