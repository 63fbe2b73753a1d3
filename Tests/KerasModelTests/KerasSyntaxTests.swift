import XCTest
@testable import KerasModel

/// The plain style in its spellings: comments, continuations, trailing commas, keyword and
/// positional arguments, `keras.layers.X`, `layers.X` and imported names.
final class KerasSyntaxTests: XCTestCase {
    func testSpellingsGiveTheSameModel() throws {
        let spellings = [
            """
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input(shape=(None, 8)), layers.LSTM(64), layers.Dense(1)])
            """,
            """
            # A comment, a docstring, blank lines, trailing commas, keywords.
            \"\"\"The same model.\"\"\"
            import keras

            model = keras.Sequential(
                layers=[
                    keras.Input(shape = (None, 8,)),   # time axis free
                    keras.layers.LSTM(units=64, activation="tanh", use_bias=True,),
                    keras.layers.Dense(units=1, activation=None),
                ],
            )
            model.summary()
            """,
            """
            from keras import Input, Model
            from keras.layers import (
                LSTM,
                Dense,
            )
            x = Input(shape=(None, 8))
            h = LSTM(64, "tanh", "sigmoid", True)(x)
            y = Dense(1)(h)
            model = Model(x, y, name="sequential")
            """,
            "import keras\nmodel = keras.Sequential([keras.Input(shape=(None, 8)), \\\n  keras.layers.LSTM(64), keras.layers.Dense(1)])\n",
        ]
        for source in spellings {
            let summary = try KerasModelReader.summarize(source)
            let rows = summary.layers.filter { $0.className != "InputLayer" }
            XCTAssertEqual(rows.map(\.name), ["lstm", "dense"], source)
            XCTAssertEqual(rows.map(\.outputShapes), [[[nil, 64]], [[nil, 1]]], source)
            XCTAssertEqual(summary.totalParameters, 4 * (64 * 72 + 64) + 65, source)
            XCTAssertEqual(summary.modelName, "sequential")
        }
    }

    func testAutoNamesCountEveryLayerMadeInOrder() throws {
        // The Dense inside TimeDistributed is made first and takes `dense`; an unused layer
        // still takes its number, as in Keras.
        let summary = try KerasModelReader.summarize("""
            import keras
            from keras import layers
            unused = layers.Dense(3)
            model = keras.Sequential([
                keras.Input(shape=(10, 4)),
                layers.SimpleRNN(5, return_sequences=True),
                layers.TimeDistributed(layers.Dense(2)),
                layers.Dense(1),
            ])
            """)
        XCTAssertEqual(summary.layers.map(\.name), ["simple_rnn", "time_distributed", "dense_2"])
        XCTAssertEqual(summary.layers.map(\.outputShapes), [[[nil, 10, 5]], [[nil, 10, 2]], [[nil, 10, 1]]])
    }

    func testTokenizerPositions() throws {
        let tokens = try PythonTokenizer.tokenize("x = f(\n  1,  # c\n  'a')\ny=2.5e-3\n")
        XCTAssertEqual(tokens.map(\.kind), [
            .name("x"), .symbol("="), .name("f"), .symbol("("), .integer(1), .symbol(","),
            .string("a"), .symbol(")"), .newline, .name("y"), .symbol("="), .float("2.5e-3"), .newline, .end,
        ])
        XCTAssertEqual(tokens[6].position, SourcePosition(line: 3, column: 3))
        XCTAssertEqual(tokens[9].position, SourcePosition(line: 4, column: 1))
    }
}
