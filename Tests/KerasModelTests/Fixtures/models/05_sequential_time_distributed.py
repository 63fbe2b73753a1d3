import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(100, 3)),
    layers.SimpleRNN(32, "relu", return_sequences=True),
    layers.TimeDistributed(layers.Dense(3)),
])
