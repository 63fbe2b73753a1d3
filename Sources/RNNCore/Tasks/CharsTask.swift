/// A character-level language model (many-to-many classification), min-char-rnn style.
///
/// The corpus comes from `GrammarCorpus`. Each sequence is a random window of the text; at step
/// t the network sees character c_t (one-hot over the vocabulary) and predicts c_{t+1}. After
/// training, `SequenceModel.sample` generates new text at a temperature.
public struct CharsTask: SequenceTask {
    public let corpus: [Character]
    /// The sorted distinct characters of the corpus; index = class.
    public let vocabulary: [Character]
    public var length: Int
    private let indexOf: [Character: Int]

    public init(corpus: GrammarCorpus = GrammarCorpus(), length: Int = 24) {
        self.corpus = Array(corpus.text)
        vocabulary = Array(Set(self.corpus)).sorted()
        indexOf = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        precondition(self.corpus.count > length + 1, "chars: corpus of \(self.corpus.count) characters is shorter than a window of \(length + 1)")
        self.length = length
    }

    public var name: String { "chars" }
    public var summary: String { "predict the next character of text made by a small grammar; sample at a temperature" }
    public var inputSize: Int { vocabulary.count }
    public var outputSize: Int { vocabulary.count }
    public var loss: LossKind { .softmaxCrossEntropy }
    public var architecture: TaskArchitecture { .manyToMany }
    public var chanceAccuracy: Double? { 1 / Double(vocabulary.count) }
    public var defaults: TaskDefaults { TaskDefaults(hidden: 64, steps: 500, batch: 32, learningRate: 0.01) }

    /// The class index of a character (nil when it is not in the vocabulary).
    public func index(of c: Character) -> Int? { indexOf[c] }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        let starts = (0..<B).map { _ in TaskData.integer(corpus.count - length - 1, &rng) }
        let codes = starts.map { s in (s...(s + length)).map { indexOf[corpus[$0]]! } }
        let inputs = (0..<length).map { t in TaskData.oneHot(codes.map { $0[t] }, classes: inputSize) }
        let targets: [TaskTarget?] = (0..<length).map { t in .classes(codes.map { $0[t + 1] }) }
        return TaskBatch(inputs: inputs, targets: targets)
    }
}
