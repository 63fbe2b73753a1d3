import keras

inputs = keras.Input(shape=(None, 2), name="signal")
x = keras.layers.SimpleRNN(3, use_bias=False, return_sequences=True, name="recurrence")(inputs)
x = keras.layers.SimpleRNN(3, dropout=0.1, recurrent_dropout=0.2)(x)
out = keras.layers.Dense(1, "linear", True)(x)
model = keras.Model(inputs, out)
