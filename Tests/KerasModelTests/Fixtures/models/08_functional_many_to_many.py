import keras
from keras import layers

inputs = keras.Input(shape=(None, 1))
h = layers.GRU(units=24, return_sequences=True)(inputs)
h = layers.SimpleRNN(units=12, return_sequences=True, activation="tanh")(h)
y = layers.TimeDistributed(layers.Dense(units=1))(h)
model = keras.Model(inputs=inputs, outputs=y, name="frame_labels")
