@testable import KerasModel
import XCTest

/// The reader keeps each layer's output activation: as written, else Keras' default.
final class KerasActivationTests: XCTestCase {
    func testActivationAsWrittenOrDefault() throws {
        let s = try KerasModelReader.summarize("""
        import keras
        from keras import layers
        model = keras.Sequential([
            keras.Input(shape=(10, 3)),
            layers.GRU(4, return_sequences=True),
            layers.LSTM(4, "relu", return_sequences=True),
            layers.TimeDistributed(layers.Dense(2, activation="softmax")),
            layers.Dense(3, activation=None),
            layers.SimpleRNN(2, activation="sigmoid"),
            layers.Dense(1),
        ])
        """)
        XCTAssertEqual(s.layers.map(\.activation), ["tanh", "relu", "softmax", "linear", "sigmoid", "linear"])
    }

    func testUnknownActivationIsRefusedWhereItIs() {
        XCTAssertThrowsError(try KerasModelReader.summarize("""
        import keras
        model = keras.Sequential([keras.Input(shape=(10, 3)), keras.layers.Dense(1, activation="sigmod")])
        """)) { e in
            let e = e as! KerasSourceError
            XCTAssertTrue(e.message.contains(#""sigmod""#), e.message)
        }
    }
}

/// `T, D, H = 58, 117, 64`: the student's numbers on one line, as Python unpacks them.
final class KerasTupleAssignmentTests: XCTestCase {
    func testNumbersOnOneLine() throws {
        let s = try KerasModelReader.summarize("""
        import keras
        from keras import layers
        T, D, H = 58, 117, 64
        model = keras.Sequential([keras.Input(shape=(T, D)), layers.LSTM(H), layers.Dense(1, activation="sigmoid")])
        """)
        XCTAssertEqual(s.inputShape, [nil, 58, 117])
        XCTAssertEqual(s.layers[0].parameters, 4 * (64 * (117 + 64) + 64))
        XCTAssertThrowsError(try KerasModelReader.summarize("import keras\nT, D = 58, 117, 64\n")) { e in
            XCTAssertTrue((e as! KerasSourceError).message.contains("2 names are assigned 3 values"), "\(e)")
        }
    }
}
