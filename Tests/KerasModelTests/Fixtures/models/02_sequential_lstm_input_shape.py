import keras

# input_shape on the first layer instead of keras.Input; fixed length 50.
model = keras.Sequential(
    [
        keras.layers.LSTM(64, input_shape=(50, 8), return_sequences=True),
        keras.layers.LSTM(32),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
