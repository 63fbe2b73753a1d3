import keras
from keras import layers

model = keras.models.Sequential([
    layers.InputLayer(batch_shape=(4, 10, 8)),
    layers.LSTM(3, return_sequences=True),
    layers.TimeDistributed(layers.Dense(1, use_bias=False)),
])
