/// Reads a Keras 3 model definition in the plain style (a `keras.Sequential([...])` list or the
/// functional `keras.Input` … `keras.Model(inputs, outputs)` form) and works out what
/// `model.summary()` prints for it, without running Python. It evaluates the file statement by
/// statement, as Python would, so layers get Keras' auto names in the order they are created.
/// Anything outside the subset stops with a `KerasSourceError` at the place it starts.
public struct KerasModelReader {
    /// A value a name or expression can have while the file is read.
    private enum Value {
        case integer(Int)
        case float
        case string(String)
        case bool(Bool)
        case none
        case sequence([Value], SourcePosition)
        case module([String])
        /// A module other than Keras (`numpy as np`): importing it is harmless, using it is not.
        case foreign(String)
        case constructor(Constructor)
        /// An index into `layers`: a layer made but maybe not applied yet.
        case layer(Int)
        case tensor(Int)
        /// What a return_state layer gives: its output and states.
        case tensorList([Int])
        case model

        var shown: String {
            switch self {
            case .integer(let i): return "the number \(i)"
            case .float: return "a float"
            case .string: return "a string"
            case .bool: return "a bool"
            case .none: return "None"
            case .sequence: return "a tuple or list"
            case .module(let m): return "the module `\(m.joined(separator: "."))`"
            case .foreign(let m): return "`\(m)`"
            case .constructor(let c): return "`\(c.name)`"
            case .layer: return "a layer"
            case .tensor: return "a tensor"
            case .tensorList: return "a list of tensors"
            case .model: return "a model"
            }
        }
    }

    private enum Constructor: Equatable {
        case layer(KerasLayerClass)
        case input, inputLayer, sequential, model

        var name: String {
            switch self {
            case .layer(let c): return c.rawValue
            case .input: return "Input"
            case .inputLayer: return "InputLayer"
            case .sequential: return "Sequential"
            case .model: return "Model"
            }
        }
    }

    /// A symbolic tensor: its shape and the layer (or Input) that made it.
    private struct Tensor {
        var shape: KerasShape
        /// Index into `layers` of the producing layer, nil for a `keras.Input`.
        var producer: Int?
        var inputName: String?
        /// Made by `layers.InputLayer(...)`: a layer, usable only to start a Sequential list.
        var isInputLayerObject = false
    }

    private struct LayerState {
        var config: KerasLayerConfig
        var inputTensor: Int?
        var outputTensors: [Int] = []
        var parameters = 0
        /// Wrapped in a TimeDistributed: not a layer of the model on its own.
        var wrapped = false
    }

    private var variables: [String: Value] = [:]
    private var layers: [LayerState] = []
    private var tensors: [Tensor] = []
    private var uids: [String: Int] = [:]
    private var summary: KerasSummary?
    private var modelVariable: String?

    /// Reads `source` and returns its model's summary, or the first thing it does not support.
    public static func summarize(_ source: String) throws(KerasSourceError) -> KerasSummary {
        var reader = KerasModelReader()
        let statements = try PythonParser.parse(source)
        for s in statements {
            try reader.run(s)
        }
        guard let summary = reader.summary else {
            // The end of the file: where the missing model would go.
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let end = SourcePosition(line: lines.count, column: (lines.last?.count ?? 0) + 1)
            throw KerasSourceError("no model: the file must build one with `keras.Sequential([...])` or `keras.Model(inputs, outputs)`", at: end)
        }
        return summary
    }

    private mutating func autoName(_ c: KerasLayerClass) -> String {
        let uid = (uids[c.autoNamePrefix] ?? 0) + 1
        uids[c.autoNamePrefix] = uid
        return uid == 1 ? c.autoNamePrefix : "\(c.autoNamePrefix)_\(uid - 1)"
    }

    // MARK: Statements

    private mutating func run(_ statement: PythonStatement) throws(KerasSourceError) {
        switch statement {
        case .importModule(let module, let alias, let p):
            if module.first == "tensorflow" || module.first == "tf_keras" {
                throw KerasSourceError("`\(module.joined(separator: "."))` is not supported: the subset is Keras 3, `import keras`", at: p)
            }
            if module.first == "keras" {
                // `import keras.layers` binds `keras`, as in Python; `import keras.layers as L` binds L.
                variables[alias ?? "keras"] = alias == nil ? .module(["keras"]) : moduleValue(module)
                if case .foreign = variables[alias ?? "keras"]! {
                    throw KerasSourceError("`\(module.joined(separator: "."))` is not supported (the subset: keras, keras.layers, keras.models)", at: p)
                }
            } else {
                variables[alias ?? module[0]] = .foreign(module.joined(separator: "."))
            }
        case .importFrom(let module, let names, let p):
            if module.first == "tensorflow" || module.first == "tf_keras" {
                throw KerasSourceError("`from \(module.joined(separator: "."))` is not supported: the subset is Keras 3, `import keras`", at: p)
            }
            guard module.first == "keras" else {
                for (name, alias, _) in names { variables[alias ?? name] = .foreign("\(module.joined(separator: ".")).\(name)") }
                return
            }
            guard case .module(let m) = moduleValue(module) else {
                throw KerasSourceError("`from \(module.joined(separator: "."))` is not supported (the subset: keras, keras.layers, keras.models)", at: p)
            }
            for (name, alias, position) in names {
                guard let value = attribute(of: m, name) else {
                    throw KerasSourceError("`\(name)` is not supported from `\(module.joined(separator: "."))`", at: position)
                }
                variables[alias ?? name] = value
            }
        case .assign(let targets, let expression):
            let value = try evaluate(expression)
            if targets.count == 1 {
                variables[targets[0].0] = value
                if case .model = value { modelVariable = targets[0].0 }
                return
            }
            // `T, D, H = 58, 117, 64` (or a tuple or list of values): one value per name.
            if case .sequence(let items, _) = value {
                guard items.count == targets.count else {
                    throw KerasSourceError("\(targets.count) names are assigned \(items.count) value\(items.count == 1 ? "" : "s")", at: targets[0].1)
                }
                for (t, item) in zip(targets, items) {
                    variables[t.0] = item
                    if case .model = item { modelVariable = t.0 }
                }
                return
            }
            guard case .tensorList(let list) = value else {
                throw KerasSourceError("unpacking is only supported for a tuple of values or a layer with return_state=True; this is \(value.shown)", at: expression.position)
            }
            guard list.count == targets.count else {
                throw KerasSourceError("this layer gives \(list.count) tensors (output and states) but \(targets.count) names are assigned", at: targets[0].1)
            }
            for (t, tensor) in zip(targets, list) { variables[t.0] = .tensor(tensor) }
        case .expression(let e):
            // A docstring, or `model.summary()`: neither changes the model.
            if case .string = e { return }
            if case .call(.attribute(.name(let n, _), "summary", _), let args, _) = e,
               n == modelVariable, args.isEmpty {
                return
            }
            // `model.compile(...)` makes an optimizer but does not build it: the summary is the
            // same (Keras adds "Optimizer params" only once training has built it). Its
            // arguments are therefore not read.
            if case .call(.attribute(.name(let n, _), "compile", _), _, _) = e, n == modelVariable {
                return
            }
            throw KerasSourceError("only imports, assignments, `model.compile(...)` and `model.summary()` are supported as statements", at: e.position)
        }
    }

    /// The value of a Keras module path, `.foreign` for one outside the subset.
    private func moduleValue(_ module: [String]) -> Value {
        switch module {
        case ["keras"], ["keras", "layers"], ["keras", "models"]: return .module(module)
        default: return .foreign(module.joined(separator: "."))
        }
    }

    private func attribute(of module: [String], _ name: String) -> Value? {
        if module == ["keras", "models"] {
            switch name {
            case "Sequential": return .constructor(.sequential)
            case "Model": return .constructor(.model)
            default: return nil
            }
        }
        if module == ["keras"] {
            switch name {
            case "models": return .module(["keras", "models"])
            case "layers": return .module(["keras", "layers"])
            case "Input": return .constructor(.input)
            case "Sequential": return .constructor(.sequential)
            case "Model": return .constructor(.model)
            default: return nil
            }
        }
        if module == ["keras", "layers"] {
            if name == "Input" { return .constructor(.input) }
            if name == "InputLayer" { return .constructor(.inputLayer) }
            if let c = KerasLayerClass(rawValue: name), c != .inputLayer { return .constructor(.layer(c)) }
        }
        return nil
    }

    // MARK: Expressions

    private mutating func evaluate(_ e: PythonExpression) throws(KerasSourceError) -> Value {
        switch e {
        case .name(let n, let p):
            switch n {
            case "None": return .none
            case "True": return .bool(true)
            case "False": return .bool(false)
            default:
                guard let v = variables[n] else {
                    if n == "layers" || n == "keras" {
                        throw KerasSourceError("`\(n)` is not defined: add `import keras` or `from keras import layers`", at: p)
                    }
                    throw KerasSourceError("`\(n)` is not defined", at: p)
                }
                return v
            }
        case .integer(let i, _): return .integer(i)
        case .float: return .float
        case .string(let s, _): return .string(s)
        case .tuple(let items, let p), .list(let items, let p):
            var values: [Value] = []
            for item in items { values.append(try evaluate(item)) }
            return .sequence(values, p)
        case .attribute(let base, let name, let p):
            let b = try evaluate(base)
            if case .foreign(let m) = b {
                throw KerasSourceError("`\(m)` is not supported in a model file: write the values themselves", at: p)
            }
            guard case .module(let m) = b else {
                throw KerasSourceError("attribute `.\(name)` of \(b.shown) is not supported", at: p)
            }
            guard let v = attribute(of: m, name) else {
                throw KerasSourceError("`\(m.joined(separator: ".")).\(name)` is not supported (the subset: keras.Input, keras.Sequential, keras.Model, layers SimpleRNN, LSTM, GRU, Dense, TimeDistributed, Embedding)", at: p)
            }
            return v
        case .call(let callee, let args, let p):
            let f = try evaluate(callee)
            switch f {
            case .constructor(let c):
                return try construct(c, args: args, at: callee.position, call: p)
            case .layer(let l):
                return try apply(layer: l, args: args, at: p)
            case .foreign(let m):
                throw KerasSourceError("`\(m)` is not supported in a model file: write the values themselves", at: callee.position)
            default:
                throw KerasSourceError("calling \(f.shown) is not supported", at: callee.position)
            }
        }
    }

    /// Matches a call's arguments to a signature (Python's rules: positional in order, then
    /// keywords), refusing unknown keywords and surplus positional arguments.
    private mutating func bind(
        _ args: [PythonArgument], positional: [String], keywords: Set<String>, callee: String
    ) throws(KerasSourceError) -> [String: (Value, PythonArgument)] {
        var bound: [String: (Value, PythonArgument)] = [:]
        var index = 0
        for arg in args {
            let value = try evaluate(arg.value)
            if let label = arg.label {
                guard positional.contains(label) || keywords.contains(label) else {
                    throw KerasSourceError("`\(label)=` of \(callee) is not supported", at: arg.labelPosition)
                }
                guard bound[label] == nil else {
                    throw KerasSourceError("`\(label)` of \(callee) is given twice", at: arg.labelPosition)
                }
                bound[label] = (value, arg)
            } else {
                guard index < positional.count else {
                    throw KerasSourceError("\(callee) takes at most \(positional.count) positional argument\(positional.count == 1 ? "" : "s") here; write the rest as keywords", at: arg.value.position)
                }
                bound[positional[index]] = (value, arg)
                index += 1
            }
        }
        return bound
    }

    private func int(_ b: [String: (Value, PythonArgument)], _ key: String, callee: String) throws(KerasSourceError) -> Int? {
        guard let (v, arg) = b[key] else { return nil }
        guard case .integer(let i) = v else {
            throw KerasSourceError("`\(key)` of \(callee) must be a whole number written out, not \(v.shown)", at: arg.value.position)
        }
        guard i > 0 else {
            throw KerasSourceError("`\(key)` of \(callee) must be positive", at: arg.value.position)
        }
        return i
    }

    private func bool(_ b: [String: (Value, PythonArgument)], _ key: String, callee: String) throws(KerasSourceError) -> Bool? {
        guard let (v, arg) = b[key] else { return nil }
        guard case .bool(let x) = v else {
            throw KerasSourceError("`\(key)` of \(callee) must be True or False, not \(v.shown)", at: arg.value.position)
        }
        return x
    }

    private func requireKind(_ b: [String: (Value, PythonArgument)], _ key: String, callee: String, strings: Bool, floats: Bool) throws(KerasSourceError) {
        guard let (v, arg) = b[key] else { return }
        switch v {
        case .string where strings, .none where strings, .float where floats, .integer where floats: return
        default:
            throw KerasSourceError("`\(key)` of \(callee) must be \(strings ? "a string such as \"tanh\" or None" : "a number"), not \(v.shown)", at: arg.value.position)
        }
    }

    /// An activation argument: a name Keras knows (`"sigmoid"`), or None (`"linear"`); nil when not given.
    private func activation(_ b: [String: (Value, PythonArgument)], _ key: String, callee: String) throws(KerasSourceError) -> String? {
        guard let (v, arg) = b[key] else { return nil }
        switch v {
        case .none: return "linear"
        case .string(let s):
            guard kerasActivationNames.contains(s) else {
                throw KerasSourceError("`\(key)` of \(callee) is \"\(s)\", which Keras does not know (e.g. \"sigmoid\", \"tanh\", \"relu\", \"softmax\", \"linear\")", at: arg.value.position)
            }
            return s
        default:
            throw KerasSourceError("`\(key)` of \(callee) must be a string such as \"tanh\" or None, not \(v.shown)", at: arg.value.position)
        }
    }

    private func shape(_ b: [String: (Value, PythonArgument)], _ key: String, callee: String) throws(KerasSourceError) -> KerasShape? {
        guard let (v, arg) = b[key] else { return nil }
        guard case .sequence(let items, _) = v else {
            throw KerasSourceError("`\(key)` of \(callee) must be a tuple such as (None, 8), not \(v.shown)", at: arg.value.position)
        }
        var shape: KerasShape = []
        for item in items {
            switch item {
            case .none: shape.append(nil)
            case .integer(let i) where i > 0: shape.append(i)
            default:
                throw KerasSourceError("`\(key)` of \(callee) holds sizes (positive whole numbers) and None only", at: arg.value.position)
            }
        }
        return shape
    }

    private mutating func construct(_ c: Constructor, args: [PythonArgument], at p: SourcePosition, call: SourcePosition) throws(KerasSourceError) -> Value {
        switch c {
        case .input, .inputLayer:
            let callee = c == .input ? "keras.Input" : "InputLayer"
            let b = try bind(args, positional: ["shape", "batch_size"], keywords: ["name", "batch_shape"], callee: callee)
            let batch = try int(b, "batch_size", callee: callee)
            let full: KerasShape
            if let s = try shape(b, "batch_shape", callee: callee) {
                guard b["shape"] == nil, batch == nil, !s.isEmpty else {
                    throw KerasSourceError("\(callee) takes either `shape=` (and `batch_size=`) or `batch_shape=`", at: p)
                }
                full = s
            } else {
                guard let s = try shape(b, "shape", callee: callee) else {
                    throw KerasSourceError("\(callee) needs `shape=`", at: p)
                }
                full = [batch] + s
            }
            let name = try nameArgument(b, callee: callee) ?? autoName(.inputLayer)
            tensors.append(Tensor(shape: full, producer: nil, inputName: name, isInputLayerObject: c == .inputLayer))
            return .tensor(tensors.count - 1)
        case .sequential:
            guard summary == nil else { throw KerasSourceError("only one model per file is supported", at: p) }
            let b = try bind(args, positional: ["layers"], keywords: ["name"], callee: "keras.Sequential")
            let name = try nameArgument(b, callee: "keras.Sequential") ?? "sequential"
            guard let (list, arg) = b["layers"], case .sequence(let items, _) = list else {
                throw KerasSourceError("keras.Sequential needs its layers as a list (`keras.Sequential([...])`; `model.add` is not supported)", at: p)
            }
            try sequential(items: items, list: arg.value, name: name, at: p)
            return .model
        case .model:
            guard summary == nil else { throw KerasSourceError("only one model per file is supported", at: p) }
            let b = try bind(args, positional: ["inputs", "outputs"], keywords: ["name"], callee: "keras.Model")
            let name = try nameArgument(b, callee: "keras.Model") ?? "functional"
            guard let inputs = b["inputs"], let outputs = b["outputs"] else {
                throw KerasSourceError("keras.Model needs inputs and outputs: `keras.Model(inputs, outputs)`", at: p)
            }
            try functional(inputs: inputs, outputs: outputs, name: name, at: p)
            return .model
        case .layer(let layerClass):
            return try makeLayer(layerClass, args: args, at: p)
        }
    }

    private func nameArgument(_ b: [String: (Value, PythonArgument)], callee: String) throws(KerasSourceError) -> String? {
        guard let (v, arg) = b["name"] else { return nil }
        guard case .string(let s) = v, !s.isEmpty else {
            throw KerasSourceError("`name` of \(callee) must be a string", at: arg.value.position)
        }
        return s
    }

    private mutating func makeLayer(_ c: KerasLayerClass, args: [PythonArgument], at p: SourcePosition) throws(KerasSourceError) -> Value {
        let callee = c.rawValue
        let common: Set<String> = ["name", "input_shape"]
        let rnnKeywords: Set<String> = ["return_sequences", "return_state", "dropout", "recurrent_dropout"]
        let b: [String: (Value, PythonArgument)]
        switch c {
        case .simpleRNN:
            b = try bind(args, positional: ["units", "activation", "use_bias"], keywords: common.union(rnnKeywords), callee: callee)
        case .lstm:
            b = try bind(args, positional: ["units", "activation", "recurrent_activation", "use_bias"], keywords: common.union(rnnKeywords), callee: callee)
        case .gru:
            b = try bind(args, positional: ["units", "activation", "recurrent_activation", "use_bias"], keywords: common.union(rnnKeywords).union(["reset_after"]), callee: callee)
        case .dense:
            b = try bind(args, positional: ["units", "activation", "use_bias"], keywords: common, callee: callee)
        case .embedding:
            b = try bind(args, positional: ["input_dim", "output_dim"], keywords: common, callee: callee)
        case .timeDistributed:
            b = try bind(args, positional: ["layer"], keywords: common, callee: callee)
        case .inputLayer:
            throw KerasSourceError("InputLayer is not supported: use keras.Input(shape=...)", at: p)
        }
        var config = KerasLayerConfig(layerClass: c, name: "", position: p)
        switch c {
        case .simpleRNN, .lstm, .gru, .dense:
            guard let units = try int(b, "units", callee: callee) else {
                throw KerasSourceError("\(callee) needs `units`", at: p)
            }
            config.units = units
            config.useBias = try bool(b, "use_bias", callee: callee) ?? true
            config.activation = try activation(b, "activation", callee: callee)
            _ = try activation(b, "recurrent_activation", callee: callee)
            try requireKind(b, "dropout", callee: callee, strings: false, floats: true)
            try requireKind(b, "recurrent_dropout", callee: callee, strings: false, floats: true)
            config.returnSequences = try bool(b, "return_sequences", callee: callee) ?? false
            config.returnState = try bool(b, "return_state", callee: callee) ?? false
            config.resetAfter = try bool(b, "reset_after", callee: callee) ?? true
        case .embedding:
            guard let v = try int(b, "input_dim", callee: callee), let e = try int(b, "output_dim", callee: callee) else {
                throw KerasSourceError("Embedding needs `input_dim` and `output_dim`", at: p)
            }
            config.inputDim = v
            config.outputDim = e
        case .timeDistributed:
            guard let (v, arg) = b["layer"] else { throw KerasSourceError("TimeDistributed needs a layer", at: p) }
            guard case .layer(let inner) = v, layers[inner].config.layerClass == .dense else {
                throw KerasSourceError("TimeDistributed is supported around a Dense layer only", at: arg.value.position)
            }
            guard layers[inner].inputTensor == nil, !layers[inner].wrapped else {
                throw KerasSourceError("this Dense layer is already used elsewhere; give TimeDistributed its own", at: arg.value.position)
            }
            if layers[inner].config.inputShape != nil {
                throw KerasSourceError("`input_shape=` is only supported on the first layer of a Sequential model", at: layers[inner].config.inputShapePosition ?? arg.value.position)
            }
            layers[inner].wrapped = true
            config.inner = [layers[inner].config]
        case .inputLayer:
            break
        }
        if let s = try shape(b, "input_shape", callee: callee) {
            config.inputShape = s
            config.inputShapePosition = b["input_shape"]?.1.labelPosition
        }
        // Keras names a layer when it is made (an inner layer first, as Python evaluates it).
        config.name = try nameArgument(b, callee: callee) ?? autoName(c)
        layers.append(LayerState(config: config))
        return .layer(layers.count - 1)
    }

    /// Applies layer `l` to one tensor, as `layer(x)` does, and returns its output tensor(s).
    private mutating func apply(layer l: Int, args: [PythonArgument], at p: SourcePosition) throws(KerasSourceError) -> Value {
        guard args.count == 1, args[0].label == nil else {
            if let extra = args.first(where: { $0.label != nil }) {
                throw KerasSourceError("calling a layer with `\(extra.label!)=` is not supported", at: extra.labelPosition)
            }
            throw KerasSourceError("a layer is applied to exactly one tensor here", at: p)
        }
        let v = try evaluate(args[0].value)
        let input: Int
        switch v {
        case .tensor(let t) where tensors[t].isInputLayerObject:
            throw KerasSourceError("layers.InputLayer is only supported as the first item of a Sequential list; use keras.Input here", at: args[0].value.position)
        case .tensor(let t): input = t
        case .sequence, .tensorList:
            throw KerasSourceError("a layer applied to several tensors is not supported", at: args[0].value.position)
        default:
            throw KerasSourceError("a layer is applied to a tensor (from keras.Input or another layer), not \(v.shown)", at: args[0].value.position)
        }
        if layers[l].config.inputShape != nil {
            throw KerasSourceError("`input_shape=` is only supported on the first layer of a Sequential model", at: layers[l].config.inputShapePosition ?? p)
        }
        return try connect(layer: l, input: input, at: args[0].value.position)
    }

    private mutating func connect(layer l: Int, input: Int, at p: SourcePosition) throws(KerasSourceError) -> Value {
        guard layers[l].inputTensor == nil, !layers[l].wrapped else {
            throw KerasSourceError("`\(layers[l].config.name)` is applied a second time; shared layers are not supported", at: p)
        }
        let config = layers[l].config
        let inShape = tensors[input].shape
        let shapes: [KerasShape]
        switch config.outputShapes(input: inShape) {
        case .success(let s): shapes = s
        case .failure(let why): throw KerasSourceError(why.message, at: p)
        }
        layers[l].inputTensor = input
        layers[l].parameters = config.parameterCount(inputFeatures: inShape.last.flatMap { $0 } ?? 0)
        var outs: [Int] = []
        for s in shapes {
            tensors.append(Tensor(shape: s, producer: l))
            outs.append(tensors.count - 1)
        }
        layers[l].outputTensors = outs
        return outs.count == 1 ? .tensor(outs[0]) : .tensorList(outs)
    }

    private func row(_ l: Int) -> KerasSummary.Layer {
        let s = layers[l]
        return KerasSummary.Layer(
            name: s.config.name, className: s.config.layerClass.rawValue,
            outputShapes: s.outputTensors.map { tensors[$0].shape }, parameters: s.parameters,
            activation: s.config.effectiveActivation)
    }

    private mutating func sequential(items: [Value], list: PythonExpression, name: String, at p: SourcePosition) throws(KerasSourceError) {
        let positions: [SourcePosition]
        if case .list(let es, _) = list { positions = es.map(\.position) } else if case .tuple(let es, _) = list { positions = es.map(\.position) } else { positions = Array(repeating: list.position, count: items.count) }
        var current: Int?
        var firstInput: Int?
        var rows: [KerasSummary.Layer] = []
        for (i, item) in items.enumerated() {
            let here = positions[i]
            switch item {
            case .tensor(let t) where i == 0 && tensors[t].producer == nil:
                current = t
                firstInput = t
            case .layer(let l):
                if current == nil {
                    guard let s = layers[l].config.inputShape else {
                        throw KerasSourceError("the model has no input shape: start the list with keras.Input(shape=...) or give the first layer input_shape=... (an unbuilt model's summary is not supported)", at: here)
                    }
                    tensors.append(Tensor(shape: [nil] + s, producer: nil))
                    current = tensors.count - 1
                    firstInput = current
                } else if layers[l].config.inputShape != nil {
                    throw KerasSourceError("`input_shape=` is only supported on the first layer of a Sequential model", at: layers[l].config.inputShapePosition ?? here)
                }
                if layers[l].config.returnState && i != items.count - 1 {
                    throw KerasSourceError("return_state=True is only supported on the last layer of a Sequential model: use the functional form", at: here)
                }
                let out = try connect(layer: l, input: current!, at: here)
                if case .tensor(let t) = out { current = t }
                rows.append(row(l))
            case .tensor:
                throw KerasSourceError("keras.Input is only supported as the first item of a Sequential list", at: here)
            default:
                throw KerasSourceError("a Sequential list holds layers, not \(item.shown)", at: here)
            }
        }
        guard !rows.isEmpty else {
            throw KerasSourceError("a Sequential model without layers is not supported", at: p)
        }
        try requireUniqueNames(rows.indices.map { (rows[$0].name, positions[$0 + (items.count - rows.count)]) })
        summary = KerasSummary(modelName: name, layers: rows, inputShape: firstInput.map { tensors[$0].shape } ?? [])
    }

    private mutating func functional(inputs: (Value, PythonArgument), outputs: (Value, PythonArgument), name: String, at p: SourcePosition) throws(KerasSourceError) {
        // The input: one keras.Input tensor (alone or as a one-item list).
        var inputValue = inputs.0
        if case .sequence(let items, _) = inputValue, items.count == 1 { inputValue = items[0] }
        guard case .tensor(let input) = inputValue, tensors[input].producer == nil, !tensors[input].isInputLayerObject else {
            throw KerasSourceError("the model's inputs must be one keras.Input tensor (several inputs are not supported)", at: inputs.1.value.position)
        }
        var outputTensors: [Int] = []
        func collect(_ v: Value) -> Bool {
            switch v {
            case .tensor(let t): outputTensors.append(t); return true
            case .tensorList(let ts): outputTensors += ts; return true
            case .sequence(let items, _):
                for item in items { if !collect(item) { return false } }
                return true
            default: return false
            }
        }
        guard collect(outputs.0), !outputTensors.isEmpty else {
            throw KerasSourceError("the model's outputs must be tensors made by layers, not \(outputs.0.shown)", at: outputs.1.value.position)
        }
        // Walk back from the outputs to the input: the layers of the model.
        var inModel: Set<Int> = []
        var stack = outputTensors
        while let t = stack.popLast() {
            guard let l = tensors[t].producer else {
                if t != input {
                    throw KerasSourceError("the outputs depend on a keras.Input that is not the model's input", at: outputs.1.value.position)
                }
                continue
            }
            if inModel.insert(l).inserted, let i = layers[l].inputTensor { stack.append(i) }
        }
        // Keras prints a "Connected to" column for models that branch; the subset is a chain.
        var chain: [Int] = []
        var frontier: Set<Int> = [input]
        while true {
            let consumers = inModel.filter { l in layers[l].inputTensor.map(frontier.contains) ?? false }
            guard let next = consumers.min() else { break }
            if consumers.count > 1 {
                throw KerasSourceError("a model that branches is not supported (each layer takes the previous one's output)", at: layers[consumers.max()!].config.position)
            }
            chain.append(next)
            frontier = Set(layers[next].outputTensors)
        }
        guard chain.count == inModel.count else {
            throw KerasSourceError("a model that branches is not supported (each layer takes the previous one's output)", at: p)
        }
        let inputRow = KerasSummary.Layer(
            name: tensors[input].inputName ?? "input_layer", className: "InputLayer",
            outputShapes: [tensors[input].shape], parameters: 0)
        try requireUniqueNames([(inputRow.name, p)] + chain.map { (layers[$0].config.name, layers[$0].config.position) })
        summary = KerasSummary(modelName: name, layers: [inputRow] + chain.map(row), inputShape: tensors[input].shape)
    }

    /// Keras refuses a model in which two layers share a name (given with `name=`).
    private func requireUniqueNames(_ names: [(String, SourcePosition)]) throws(KerasSourceError) {
        var seen: Set<String> = []
        for (name, position) in names where !seen.insert(name).inserted {
            throw KerasSourceError("two layers of the model are named `\(name)`; Keras requires unique names", at: position)
        }
    }
}
