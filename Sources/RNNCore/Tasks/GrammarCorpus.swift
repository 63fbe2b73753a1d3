/// A small English-like corpus that rnnlab writes itself from a context-free grammar, so the
/// `chars` task needs no data files and is the same on every machine.
///
///     S  → NP VP .
///     NP → Det N | Det Adj N
///     VP → V NP | V NP PP | Vi
///     PP → P NP
public struct GrammarCorpus: Sendable {
    static let determiners = ["the", "a"]
    static let nouns = ["cat", "dog", "bird", "fish", "child", "robot"]
    static let adjectives = ["small", "red", "happy", "old"]
    static let verbs = ["sees", "likes", "follows", "finds"]
    static let intransitive = ["sleeps", "runs", "sings"]
    static let prepositions = ["near", "with", "under"]

    /// The generated text: sentences separated by single spaces.
    public let text: String

    /// `sentences` sentences drawn from the grammar with a generator seeded by `seed`.
    public init(sentences: Int = 400, seed: UInt64 = 1) {
        var rng = SeededRandom(seed: seed)
        text = (0..<sentences).map { _ in GrammarCorpus.sentence(&rng) }.joined(separator: " ")
    }

    static func pick(_ words: [String], _ rng: inout SeededRandom) -> String {
        words[TaskData.integer(words.count, &rng)]
    }

    static func nounPhrase(_ rng: inout SeededRandom) -> String {
        let det = pick(determiners, &rng)
        if TaskData.integer(2, &rng) == 0 { return "\(det) \(pick(nouns, &rng))" }
        return "\(det) \(pick(adjectives, &rng)) \(pick(nouns, &rng))"
    }

    static func sentence(_ rng: inout SeededRandom) -> String {
        let subject = nounPhrase(&rng)
        let verbPhrase: String
        switch TaskData.integer(3, &rng) {
        case 0: verbPhrase = "\(pick(verbs, &rng)) \(nounPhrase(&rng))"
        case 1: verbPhrase = "\(pick(verbs, &rng)) \(nounPhrase(&rng)) \(pick(prepositions, &rng)) \(nounPhrase(&rng))"
        default: verbPhrase = pick(intransitive, &rng)
        }
        return "\(subject) \(verbPhrase)."
    }
}
