import Foundation

/// What `rnnlab run` does, as a testable value: run one recurrent layer with framework
/// weights over a NumPy input, optionally backpropagate an upstream gradient, and write
/// everything to an `.npz`.
///
/// Inputs: `x` is (batch, time, features) or (time, features) (batch 1); `h0`/`c0` are
/// (batch, units) (or (units,) for batch 1); `upstream` G has the shape of `h` and defines
/// the loss L = Σ G ⊙ h. Outputs (float64): `h` (batch, time, units), `c` for the LSTM, each
/// gate (`i`,`f`,`g`,`o` or `r`,`z`,`n`) as (batch, time, units); with G also
/// `grad_<name>` for every array of the weights file in its own layout and shape,
/// `grad_x` (shape of x), `grad_h0`, `grad_c0` (LSTM) and `grad_h_norm` (batch, time) = ‖∂L/∂h_t‖.
public struct RunRequest: Sendable, Equatable {
    public var cell: CellKind
    /// Path of the weights `.npz` (Keras or PyTorch names).
    public var weightsPath: String
    /// nil: inferred from the array names.
    public var layout: FrameworkLayout?
    /// GRU only; nil: from the Keras bias shape, else true.
    public var resetAfter: Bool?
    public var inputPath: String
    public var h0Path: String?
    public var c0Path: String?
    public var upstreamPath: String?
    public var outputPath: String
    /// Let arrays the layout does not name through (they get zero gradients) instead of
    /// refusing the weights file.
    public var allowExtraArrays: Bool

    public init(cell: CellKind, weightsPath: String, layout: FrameworkLayout? = nil, resetAfter: Bool? = nil,
                inputPath: String, h0Path: String? = nil, c0Path: String? = nil, upstreamPath: String? = nil,
                outputPath: String, allowExtraArrays: Bool = false) {
        self.cell = cell
        self.weightsPath = weightsPath
        self.layout = layout
        self.resetAfter = resetAfter
        self.inputPath = inputPath
        self.h0Path = h0Path
        self.c0Path = c0Path
        self.upstreamPath = upstreamPath
        self.outputPath = outputPath
        self.allowExtraArrays = allowExtraArrays
    }

    /// The files the run reads, labelled by their options: the output may be none of them.
    public var inputs: [AtomicFile.Input] {
        var files: [AtomicFile.Input] = [("--weights", weightsPath), ("--input", inputPath)]
        if let h0Path { files.append(("--h0", h0Path)) }
        if let c0Path { files.append(("--c0", c0Path)) }
        if let upstreamPath { files.append(("--upstream", upstreamPath)) }
        return files
    }

    /// Reads the files, computes, and writes `outputPath` (through `AtomicFile`: replaced only
    /// when complete, never a directory, a link, a special file or an input). Throws
    /// `InteropError` (one line naming the file, the array and the shapes).
    ///
    /// The arrays go from the computation's buffers straight into the file, the forward
    /// pass's while the backward pass is still to come (see `StreamedOutput`); what is
    /// written is byte for byte what `NPZ.write(compute(), …)` would write.
    public func execute() throws {
        // Refuse a bad output before the work, so a mistake costs nothing.
        _ = try InteropError.writing { try AtomicFile.checkTarget(outputPath, inputs: inputs) }
        let output = StreamedOutput(path: outputPath, inputs: inputs)
        do {
            try run(into: output)
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Reads the files and computes the output arrays without writing anything.
    public func compute() throws -> [String: NDArray] {
        let output = CollectedOutput()
        try run(into: output)
        return output.arrays
    }

    /// Checks the options, reads the files and hands the results to `output`.
    private func run(into output: RunOutputSink) throws {
        if c0Path != nil && cell != .lstm {
            throw InteropError("\(c0Path!): --c0 given, but only an LSTM has a cell state (this run is for --cell \(cell.rawValue))")
        }
        // An empty path is no file; say which option was empty.
        if let empty = inputs.first(where: { $0.path.isEmpty }) {
            throw InteropError("\(empty.label) '': is not a file name (the path is empty)")
        }
        if resetAfter != nil && cell != .gru {
            let flag = resetAfter! ? "--reset-after" : "--no-reset-after"
            throw InteropError("\(flag) given, but only a GRU has a reset gate (this run is for --cell \(cell.rawValue))")
        }
        // Before the files are read, so their freed buffers serve the computation's.
        DoubleStorage.tuneAllocator()
        // The upstream gradient (as large as h) is read on the second thread while this one
        // reads the rest; errors are reported in the order of the options, as one by one.
        var upstreamRead: Result<NDArray?, Error> = .success(nil)
        var rest: Result<(weights: [String: NDArray], x: NDArray, h0: NDArray?, c0: NDArray?), Error> = .failure(CancellationError())
        let readRest = {
            rest = Result {
                (try NPZ.read(path: weightsPath), try NPY.read(path: inputPath),
                 try h0Path.map { try NPY.read(path: $0) }, try c0Path.map { try NPY.read(path: $0) })
            }
        }
        if let upstreamPath {
            let readUpstream = { upstreamRead = Result { try NPY.read(path: upstreamPath) } }
            if ThreadPolicy.maxThreads >= 2 {
                ThreadPolicy.parallel(2) { part in part == 0 ? readRest() : readUpstream() }
            } else {
                readRest()
                readUpstream()
            }
        } else {
            readRest()
        }
        let (weights, x, h0, c0) = try rest.get()
        let upstream = try upstreamRead.get()
        try RunRequest.evaluate(
            cell: cell, weights: weights, weightsFile: weightsPath, layout: layout, resetAfter: resetAfter,
            allowExtraArrays: allowExtraArrays, x: (x, inputPath), h0: h0.map { ($0, h0Path!) }, c0: c0.map { ($0, c0Path!) },
            upstream: upstream.map { ($0, upstreamPath!) }, into: output)
    }

    /// The computation on arrays already in memory; each array comes with the file name used
    /// in error messages.
    public static func evaluate(cell: CellKind, weights: [String: NDArray], weightsFile: String,
                                layout: FrameworkLayout? = nil, resetAfter: Bool? = nil, allowExtraArrays: Bool = false,
                                x: (NDArray, String), h0: (NDArray, String)? = nil, c0: (NDArray, String)? = nil,
                                upstream: (NDArray, String)? = nil) throws -> [String: NDArray] {
        let output = CollectedOutput()
        try evaluate(cell: cell, weights: weights, weightsFile: weightsFile, layout: layout, resetAfter: resetAfter,
                     allowExtraArrays: allowExtraArrays, x: x, h0: h0, c0: c0, upstream: upstream, into: output)
        return output.arrays
    }

    /// `evaluate`, delivering the arrays to `output`: the forward pass's as soon as it is done
    /// (and checked), then the gradients. The arrays are read from the passes' own buffers.
    static func evaluate(cell: CellKind, weights: [String: NDArray], weightsFile: String,
                         layout: FrameworkLayout?, resetAfter: Bool?, allowExtraArrays: Bool,
                         x: (NDArray, String), h0: (NDArray, String)?, c0: (NDArray, String)?,
                         upstream: (NDArray, String)?, into output: RunOutputSink) throws {
        let bound = try FrameworkWeights.load(weights, kind: cell, layout: layout, resetAfter: resetAfter,
                                              allowExtraArrays: allowExtraArrays, file: weightsFile)
        let p = bound.parameters
        let D = p.inputSize, H = p.hiddenSize
        let cellText = ArrayNames.cellDescription(cell, units: H, resetAfter: cell == .gru ? p.resetAfter : nil)

        // x: (B, T, D) or (T, D).
        let (xArray, xFile) = x
        let batchless = xArray.ndim == 2
        guard (xArray.ndim == 3 || batchless), xArray.shape.last == D else {
            throw InteropError("\(xFile): input has shape \(xArray.shapeDescription), expected (batch, time, \(D)) or (time, \(D)) for weights with \(D) input features")
        }
        let x3 = batchless ? xArray.reshaped([1] + xArray.shape) : xArray
        let B = x3.shape[0], T = x3.shape[1]
        guard B > 0, T > 0 else {
            throw InteropError("\(xFile): input has shape \(xArray.shapeDescription); it needs at least one sequence and one time step")
        }
        try ArrayNames.checkFinite(xArray, name: "input", file: xFile)

        let h0Matrix = try state(h0, role: "h0", batch: B, units: H, cell: cellText)
        let c0Matrix = try state(c0, role: "c0", batch: B, units: H, cell: cellText)

        // Every array the run writes, by name (later entries replace earlier ones, as they did
        // when the output was one dictionary: a weights array named `x` yields one grad_x).
        var shapes: [String: [Int]] = ["h": [B, T, H]]
        if cell == .lstm { shapes["c"] = [B, T, H] }
        for name in cell.gateNames { shapes[name] = [B, T, H] }
        if upstream != nil {
            for (name, array) in weights { shapes["grad_" + name] = array.shape }
            shapes["grad_x"] = xArray.shape
            shapes["grad_h0"] = h0?.0.shape ?? [B, H]
            if cell == .lstm { shapes["grad_c0"] = c0?.0.shape ?? [B, H] }
            shapes["grad_h_norm"] = [B, T]
        }
        output.begin(shapes)

        let trace = p.forward(sequences: x3.data, batch: B, steps: T, h0: h0Matrix,
                              c0: cell == .lstm ? (c0Matrix ?? Matrix(rows: B, cols: H)) : nil)
        let s = trace.storage
        /// A (B, T, width) array whose (b, t) row is at `column` of row t·B + b + first·B of `storage`.
        func sequences(_ name: String, _ storage: DoubleStorage, width: Int, column: Int = 0, firstSlot: Int = 0) -> OutputArray {
            OutputArray(name: name, shape: [B, T, H], rowLength: H, storage: storage) { r in
                let (b, t) = r.quotientAndRemainder(dividingBy: T)
                return ((t + firstSlot) * B + b) * width + column
            }
        }
        var forward = [sequences("h", s.hs, width: H, firstSlot: 1)]
        if let cs = s.cs { forward.append(sequences("c", cs, width: H, firstSlot: 1)) }
        if let act = s.act {
            for (block, name) in cell.gateNames.enumerated() { forward.append(sequences(name, act, width: cell.blocks * H, column: block * H)) }
        }
        if let bad = output.add(forward) { throw overflow(bad, blame: xFile, what: "the forward pass") }

        guard let (g, gFile) = upstream else { return }
        let hShape = batchless ? [T, H] : [B, T, H]
        guard g.shape == hShape else {
            throw InteropError("\(gFile): upstream gradient has shape \(g.shapeDescription), expected \(numpyShapeDescription(hShape)) (the shape of h: \(batchless ? "time" : "batch, time"), units) for \(cellText)")
        }
        try ArrayNames.checkFinite(g, name: "upstream", file: gFile)
        let grads = p.backward(trace, upstreamSequences: g.data)

        // Every array of the weights file gets a gradient; arrays the cell does not use get zeros.
        let used = bound.frameworkGradients(grads.parameterGradients(names: p.parameterNames(), present: Set(p.weights.keys)))
        var gradients: [String: OutputArray] = [:]
        for (name, array) in weights {
            gradients["grad_" + name] = OutputArray(name: "grad_" + name, array: used[name] ?? NDArray.zeros(array.shape))
        }
        gradients["grad_x"] = OutputArray(name: "grad_x", shape: xArray.shape, rowLength: D, storage: grads.dX) { r in
            let (b, t) = r.quotientAndRemainder(dividingBy: T)
            return (t * B + b) * D
        }
        gradients["grad_h0"] = OutputArray(name: "grad_h0", shape: shapes["grad_h0"]!, rowLength: B * H, storage: grads.dhNext) { _ in 0 }
        if cell == .lstm, let dc = grads.dc {
            gradients["grad_c0"] = OutputArray(name: "grad_c0", shape: shapes["grad_c0"]!, rowLength: B * H, storage: dc) { _ in 0 }
        }
        gradients["grad_h_norm"] = OutputArray(name: "grad_h_norm", shape: [B, T], rowLength: B * T, storage: grads.hNorm) { _ in 0 }
        if let bad = output.add(Array(gradients.values)) { throw overflow(bad, blame: gFile, what: "backpropagating this upstream gradient") }
    }

    /// Finite inputs can still overflow (|G| near 1e308 times a weight): an Inf or NaN in
    /// any output is reported, naming the file whose values caused it, instead of written.
    private static func overflow(_ bad: NonFiniteValue, blame file: String, what: String) -> InteropError {
        InteropError("\(file): \(what) overflows float64: '\(bad.name)' would contain \(bad.value.isNaN ? "NaN" : "Inf") at flat index \(bad.offset); scale the values down")
    }

    /// An initial state: (batch, units), or (units,) for a batch of one.
    private static func state(_ given: (NDArray, String)?, role: String, batch B: Int, units H: Int,
                              cell: String) throws -> Matrix? {
        guard let (array, file) = given else { return nil }
        let ok = array.shape == [B, H] || (B == 1 && array.shape == [H])
        guard ok else {
            throw InteropError("\(file): \(role) has shape \(array.shapeDescription), expected (\(B), \(H)) (batch, units) for \(cell)")
        }
        try ArrayNames.checkFinite(array, name: role, file: file)
        return Matrix(rows: B, cols: H, data: array.data)
    }
}
