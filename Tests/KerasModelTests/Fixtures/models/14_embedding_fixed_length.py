import keras
from keras import layers

model = keras.Sequential([
    layers.Embedding(65, 32, input_shape=(100,)),
    layers.GRU(128, return_sequences=True),
    layers.TimeDistributed(layers.Dense(65, activation="softmax")),
])
