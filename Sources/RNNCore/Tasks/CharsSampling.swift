extension SequenceModel {
    /// Generates `length` characters after `prime`, one step at a time, by drawing each next
    /// character from softmax(y_t / τ) (τ = `temperature`; small τ → likelier, duller text).
    ///
    /// The hidden (and cell) state is carried from step to step, exactly as during training.
    /// Characters of `prime` that are not in the vocabulary are skipped.
    public func sample(_ task: CharsTask, prime: String, length: Int, temperature: Double,
                       rng: inout SeededRandom) -> String {
        precondition(temperature > 0, "sample: temperature must be positive, got \(temperature)")
        var h: Matrix? = nil, c: Matrix? = nil
        var out = ""
        /// Feeds one character, returning the logits for the next.
        func feed(_ index: Int) -> Matrix {
            let x = TaskData.oneHot([index], classes: task.inputSize)
            let trace = cell.forward([x], h0: h, c0: c)
            h = trace.hLast
            c = trace.cLast
            return head.forward(trace.hLast)
        }
        var logits: Matrix? = nil
        for ch in prime {
            guard let i = task.index(of: ch) else { continue }
            logits = feed(i)
            out.append(ch)
        }
        if logits == nil {
            // No usable prime: start from a random character of the vocabulary.
            let i = TaskData.integer(task.vocabulary.count, &rng)
            out.append(task.vocabulary[i])
            logits = feed(i)
        }
        for _ in 0..<length {
            let p = Loss.softmax(logits!, temperature: temperature)
            // Inverse-CDF draw from the categorical distribution p.
            let u = rng.nextUnit()
            var acc = 0.0, pick = p.cols - 1
            for k in 0..<p.cols {
                acc += p[0, k]
                if u < acc { pick = k; break }
            }
            out.append(task.vocabulary[pick])
            logits = feed(pick)
        }
        return out
    }
}
