import Foundation

/// Where `RunRequest` delivers its arrays: every name and shape first (`begin`), then each set
/// of arrays as soon as it is computed (the forward pass's, then the gradients), then `finish`.
protocol RunOutputSink: AnyObject {
    /// All arrays the run will deliver, by name.
    func begin(_ shapes: [String: [Int]])
    /// Takes `arrays`; returns their first NaN or infinity in name order, if any (the run
    /// then stops with an error and `finish` is never called).
    func add(_ arrays: [OutputArray]) -> NonFiniteValue?
}

/// The arrays kept in memory as `NDArray`s (`RunRequest.compute`).
final class CollectedOutput: RunOutputSink {
    private(set) var arrays: [String: NDArray] = [:]

    func begin(_ shapes: [String: [Int]]) {}

    func add(_ given: [OutputArray]) -> NonFiniteValue? {
        var first: NonFiniteValue?
        for array in given.sorted(by: { $0.name < $1.name }) {
            let values = array.materialized()
            arrays[array.name] = values
            if first == nil, let bad = values.firstNonFinite { first = NonFiniteValue(name: array.name, offset: bad.offset, value: bad.value) }
        }
        return first
    }
}

/// The arrays written into an `.npz` as they come (`RunRequest.execute`): each set goes into
/// the temporary file beside the target at once and the disk starts on it while the run
/// computes the next; `finish` adds the directory, `fsync`s and renames (`AtomicFile.Session`).
///
/// A failure to create or write the file is kept until `finish`, so that an error in the
/// computation, found later, is the one reported (as when the file was written only at the
/// end). An archive past classic ZIP's limits is collected and written by `NPZ.write` (ZIP64).
final class StreamedOutput: RunOutputSink {
    let path: String
    let inputs: [AtomicFile.Input]
    private var stream: NPZStream?
    private var session: AtomicFile.Session?
    private var failure: FileError?
    /// Used instead of the stream for a ZIP64 archive.
    private var collected: CollectedOutput?

    init(path: String, inputs: [AtomicFile.Input]) {
        self.path = path
        self.inputs = inputs
    }

    func begin(_ shapes: [String: [Int]]) {
        let stream = NPZStream(arrays: shapes.map { ($0.key, $0.value) })
        if stream.fitsClassic { self.stream = stream } else { collected = CollectedOutput() }
    }

    func add(_ arrays: [OutputArray]) -> NonFiniteValue? {
        if let collected { return collected.add(arrays) }
        guard let stream else { preconditionFailure("StreamedOutput.add before begin") }
        if session == nil && failure == nil {
            do { session = try AtomicFile.Session(path: path, inputs: inputs) } catch { failure = error }
        }
        let bad = stream.write(arrays, to: session)
        session?.startWriteback()
        return bad
    }

    /// Completes the file; throws the first failure to write it (exit code 3).
    func finish() throws {
        if let collected {
            try NPZ.write(collected.arrays, to: URL(fileURLWithPath: path), inputs: inputs)
            return
        }
        if let failure { throw InteropError(failure.description, category: .output) }
        guard let stream, let session else { preconditionFailure("StreamedOutput.finish before add") }
        stream.finish(to: session)
        do {
            try session.commit()
        } catch {
            throw InteropError(error.description, category: .output)
        }
    }

    /// Removes the temporary file (the run failed); the target is untouched.
    func abandon() {
        session?.abandon()
    }
}
