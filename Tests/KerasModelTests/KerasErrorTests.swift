import XCTest
@testable import KerasModel

/// Files outside the subset: each stops with `FILE:LINE:COLUMN: what is not supported`,
/// never a guessed summary.
final class KerasErrorTests: XCTestCase {
    private func assertError(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let summary = try KerasModelReader.summarize(source)
            XCTFail("expected an error, got a summary of \(summary.layers.count) layers", file: file, line: line)
        } catch {
            XCTAssertEqual(error.description(file: "model.py"), expected, file: file, line: line)
        }
    }

    private let header = "import keras\nfrom keras import layers\n"

    func testUnknownLayerClass() {
        assertError(header + """
            model = keras.Sequential([
                keras.Input(shape=(None, 8)),
                layers.Bidirectional(layers.LSTM(4)),
            ])
            """, "model.py:5:5: `keras.layers.Bidirectional` is not supported (the subset: keras.Input, keras.Sequential, keras.Model, layers SimpleRNN, LSTM, GRU, Dense, TimeDistributed, Embedding)")
    }

    func testUnsupportedKeywords() {
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(4, stateful=True)])",
                    "model.py:3:72: `stateful=` of LSTM is not supported")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(4, reset_after=False)])",
                    "model.py:3:72: `reset_after=` of LSTM is not supported")
        assertError(header + "x = keras.Input(shape=(None, 8))\ny = layers.LSTM(4)(x, initial_state=None)",
                    "model.py:4:23: calling a layer with `initial_state=` is not supported")
    }

    func testComputedExpressionsAndUndefinedNames() {
        assertError(header + "H = 32\nmodel = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(H * 2)])",
                    "model.py:4:71: computed expressions (`*`) are not supported; write the value itself")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(units)])",
                    "model.py:3:69: `units` is not defined")
        assertError("model = keras.Sequential([])", "model.py:1:9: `keras` is not defined: add `import keras` or `from keras import layers`")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(-1, 8)), layers.Dense(4)])",
                    "model.py:3:46: computed expressions (`-`) are not supported; write the value itself")
    }

    func testLayerOnTwoInputsAndSharedLayers() {
        assertError(header + "a = keras.Input(shape=(None, 8))\nb = keras.Input(shape=(None, 8))\nx = layers.LSTM(4)([a, b])",
                    "model.py:5:20: a layer applied to several tensors is not supported")
        assertError(header + "i = keras.Input(shape=(None, 8))\nd = layers.Dense(8)\nx = d(i)\ny = d(x)",
                    "model.py:6:7: `dense` is applied a second time; shared layers are not supported")
    }

    func testShapesThatDoNotFit() {
        assertError(header + "i = keras.Input(shape=(8,))\nx = layers.LSTM(4)(i)",
                    "model.py:4:20: LSTM needs a 3-D input (batch, time, features); it is given (None, 8)")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, None)), layers.GRU(2)])",
                    "model.py:3:60: GRU needs a known feature size (the last axis); it is given (None, None, None)")
        assertError(header + "model = keras.Sequential([layers.LSTM(4), layers.Dense(1)])",
                    "model.py:3:27: the model has no input shape: start the list with keras.Input(shape=...) or give the first layer input_shape=... (an unbuilt model's summary is not supported)")
    }

    func testModelStructure() {
        assertError(header + """
            i = keras.Input(shape=(None, 8))
            seq, h = layers.GRU(4, return_sequences=True, return_state=True)(i)
            y = layers.Dense(1)(h)
            z = layers.TimeDistributed(layers.Dense(2))(seq)
            model = keras.Model(i, [y, z])
            """, "model.py:6:5: a model that branches is not supported (each layer takes the previous one's output)")
        assertError(header + "i = keras.Input(shape=(None, 8))\nout, h = layers.LSTM(4, return_state=True)(i)",
                    "model.py:4:1: this layer gives 3 tensors (output and states) but 2 names are assigned")
        assertError(header + "a = keras.Sequential([keras.Input(shape=(None, 8)), layers.Dense(4)])\nb = keras.Sequential([keras.Input(shape=(None, 8)), layers.Dense(4)])",
                    "model.py:4:5: only one model per file is supported")
        assertError(header + "model = keras.Sequential()\nmodel.add(layers.Dense(4))",
                    "model.py:3:9: keras.Sequential needs its layers as a list (`keras.Sequential([...])`; `model.add` is not supported)")
        assertError(header + "i = keras.Input(shape=(None, 8))", "model.py:3:33: no model: the file must build one with `keras.Sequential([...])` or `keras.Model(inputs, outputs)`")
        assertError(header + "i = keras.Input(shape=(None, 8))\nx = layers.LSTM(4, name=\"lstm\")(i)\ny = layers.Dense(2, name=\"lstm\")(x)\nmodel = keras.Model(i, y)",
                    "model.py:5:5: two layers of the model are named `lstm`; Keras requires unique names")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.TimeDistributed(layers.LSTM(3))])",
                    "model.py:3:80: TimeDistributed is supported around a Dense layer only")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(4, return_state=True), layers.Dense(1)])",
                    "model.py:3:57: return_state=True is only supported on the last layer of a Sequential model: use the functional form")
    }

    func testArguments() {
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.GRU(\"4\")])",
                    "model.py:3:68: `units` of GRU must be a whole number written out, not a string")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.Dense(4, \"relu\", True, \"glorot_uniform\")])",
                    "model.py:3:87: Dense takes at most 3 positional arguments here; write the rest as keywords")
        assertError(header + "model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(4, return_sequences=1)])",
                    "model.py:3:89: `return_sequences` of LSTM must be True or False, not the number 1")
    }

    func testSyntaxOutsideTheSubset() {
        assertError("from tensorflow import keras", "model.py:1:1: `from tensorflow` is not supported: the subset is Keras 3, `import keras`")
        assertError("import tensorflow as tf", "model.py:1:1: `tensorflow` is not supported: the subset is Keras 3, `import keras`")
        assertError("from keras import optimizers", "model.py:1:19: `optimizers` is not supported from `keras`")
        assertError("import numpy as np\nimport keras\nmodel = keras.Sequential([keras.Input(shape=(None, np.int64(8)))])",
                    "model.py:3:52: `numpy` is not supported in a model file: write the values themselves")
        assertError(header + "x = layers.InputLayer(shape=(None, 8))\ny = layers.LSTM(3)(x)",
                    "model.py:4:20: layers.InputLayer is only supported as the first item of a Sequential list; use keras.Input here")
        assertError(header + "for i in range(3):\n    pass", "model.py:3:1: `for` is not supported (the model file is a flat list of imports and assignments)")
        assertError("import keras\n  x = 1", "model.py:2:1: indented code is not supported (the model file is a flat list of statements)")
        assertError("import keras\nmodel = keras.Sequential([\n    keras.Input(shape=(None, 8)),\n", "model.py:2:26: this `[` is never closed")
        assertError("import keras\nx = keras.Input(shape=(None, 8)))", "model.py:2:33: `)` closes nothing here")
        assertError(header + "keras.Input(shape=(1,))", "model.py:3:1: only imports, assignments, `model.compile(...)` and `model.summary()` are supported as statements")
        assertError("import keras\n(a, b) = (1, 2)", "model.py:2:1: only plain names can be assigned to (`a = …` or `a, b = …`)")
        assertError("import keras\nx = 1\nx += 1", "model.py:3:3: augmented assignment (`+=`) is not supported; write the value itself")
        assertError(header + "x = [layers.Dense(i) for i in (1, 2)]", "model.py:3:22: comprehensions are not supported: list the layers one by one")
    }
}

extension KerasErrorTests {
    func testDeepNestingIsAnErrorNotACrash() {
        let n = 50_000
        assertError("import keras\nx = " + String(repeating: "[", count: n) + String(repeating: "]", count: n),
                    "model.py:2:69: brackets nested more than 64 deep are not supported")
    }
}
