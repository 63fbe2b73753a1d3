import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None, 4)),
    layers.GRU(32, return_sequences=True),             # reset_after=True (default)
    layers.GRU(16, reset_after=False, return_sequences=True),
    layers.GRU(8, use_bias=False),
    layers.Dense(2, use_bias=False),
])
