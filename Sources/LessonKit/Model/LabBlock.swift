/// A parsed ```` ```lab ```` block: one live view's own typed settings.
///
/// LessonKit does not know the views: the application hands the parser a `LabBlockReader`
/// (the Lab's view registry) that turns a block's YAML into the spec of the view it names,
/// checking every key, word, type and range. LessonKit only stores the result.
public protocol LabViewSpec: Hashable, Sendable {
    /// The block's `view:` word.
    var view: String { get }
    /// Line of the block's opening fence in the lesson file.
    var line: Int { get }
}

/// Any view's spec, as a lesson step stores it (a type-erased `LabViewSpec`).
public struct AnyLabSpec: Hashable, Sendable {
    public let base: any LabViewSpec

    public init(_ base: some LabViewSpec) { self.base = base }

    public var view: String { base.view }
    public var line: Int { base.line }

    /// The spec as a view's own type, when it is one.
    public func `as`<S: LabViewSpec>(_ type: S.Type) -> S? { base as? S }

    public static func == (a: AnyLabSpec, b: AnyLabSpec) -> Bool { equal(a.base, b.base) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(type(of: base)))
        base.hash(into: &hasher)
    }

    private static func equal<A: LabViewSpec>(_ a: A, _ b: any LabViewSpec) -> Bool { (b as? A) == a }
}

/// Turns the YAML of a lab block into a view's spec. Implemented by the Lab's view registry;
/// every problem is appended to `errors` as `FILE:LINE: what` and the result is then nil.
public protocol LabBlockReader: Sendable {
    func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyLabSpec?
    /// Turns the YAML of an ```` ```exercise ```` block into an exercise spec, the same way.
    func readExercise(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyExerciseSpec?
}

extension LabBlockReader {
    /// Readers that know no exercises refuse the block with a FILE:LINE error.
    public func readExercise(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyExerciseSpec? {
        errors.append(LessonError(file: fields.file, line: fenceLine, message: "exercise blocks are not available here"))
        return nil
    }
}

/// Accepts no lab block: for tools and tests that read lessons without the Lab.
public struct NoLabViews: LabBlockReader {
    public init() {}
    public func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> AnyLabSpec? {
        errors.append(LessonError(file: fields.file, line: fenceLine, message: "lab blocks are not available here"))
        return nil
    }
}
