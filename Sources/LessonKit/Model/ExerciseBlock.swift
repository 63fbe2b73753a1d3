/// A parsed ```` ```exercise ```` block: one checked exercise at the end of a step.
///
/// As with lab blocks, LessonKit does not know the exercise kinds: the application's reader
/// (`LabBlockReader.readExercise`) turns the block's YAML into the spec of the `Exercises`
/// module, checking every key; LessonKit only stores the result.
public protocol ExerciseBlockSpec: Hashable, Sendable {
    /// Stable identifier, unique across all lessons (`rnnlab exercise show ID`, progress).
    var id: String { get }
    /// The block's `kind:` word (numeric, choice, challenge, compute, keras).
    var kindWord: String { get }
    /// One line naming the exercise (home screen, `exercise list`).
    var title: String { get }
    /// Line of the block's opening fence in the lesson file.
    var line: Int { get }
}

/// Any exercise spec, as a lesson step stores it (a type-erased `ExerciseBlockSpec`).
public struct AnyExerciseSpec: Hashable, Sendable {
    public let base: any ExerciseBlockSpec

    public init(_ base: some ExerciseBlockSpec) { self.base = base }

    public var id: String { base.id }
    public var kindWord: String { base.kindWord }
    public var title: String { base.title }
    public var line: Int { base.line }

    /// The spec as its own type, when it is one.
    public func `as`<S: ExerciseBlockSpec>(_ type: S.Type) -> S? { base as? S }

    public static func == (a: AnyExerciseSpec, b: AnyExerciseSpec) -> Bool { equal(a.base, b.base) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(type(of: base)))
        base.hash(into: &hasher)
    }

    private static func equal<A: ExerciseBlockSpec>(_ a: A, _ b: any ExerciseBlockSpec) -> Bool { (b as? A) == a }
}
