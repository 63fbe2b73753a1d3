"""Many-to-one with a vanilla RNN: the lecture's first Keras model."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None, 8)),
    layers.SimpleRNN(16),
    layers.Dense(1),
])
